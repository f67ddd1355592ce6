// Campaign batches as work for the outgoing-mail dispatcher (../outgoing): lease the next due
// batch, decide its recipients once, build the same messages on every attempt, and record
// the outcome under the lease. The exactly-once rules are in README.md.
import { createHash, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import type { OutgoingMessage } from '../../mail/transport.js';
import { getCampaign } from '../campaigns/render.js';
import { getSnapshot, type Snapshot, snapshotFreezeId } from '../campaigns/snapshot-repo.js';
import {
  type DispatchOptions,
  type DispatchResult,
  dispatchOnce,
  type OutgoingStore,
  type Work,
  type WorkOutcome,
} from '../outgoing/dispatcher.js';
import {
  batchRecipients,
  buildStatements,
  type DeliveryResult,
  deferBatch,
  failedStatements,
  hasLeasableBatch,
  type LeasedBatch,
  leaseNextBatch,
  recordPayloadHash,
  sentStatements,
} from './batch-repo.js';
import { recipientMessage } from './messages.js';
import { deliveryTick } from './scheduler.js';

/**
 * RETRY_WINDOW_MS: providers keep idempotency keys 24 hours. After 23 hours a retry could
 * be taken for a new request and send twice, so a batch still unresolved then is failed.
 */
export const RETRY_WINDOW_MS = 23 * 3600_000;

/** idempotencyKey is `<campaign>-<batch>`, suffixed with the freeze so two databases sharing one provider account never collide. */
export function idempotencyKey(snapshot: Snapshot, batchNo: number): string {
  return `${snapshot.campaignId}-${batchNo}-${snapshot.freezeId.slice(0, 8)}`;
}

// The snapshot never changes after its freeze; keeping the object also keeps personalise()'s
// compiled form. Keyed by freeze id (a campaign id alone could be reused after a delete) and
// by database, since tests run many databases in one process.
const snapshots = new WeakMap<AppDeps['db'], Map<string, Snapshot>>();
async function snapshotOf(deps: AppDeps, campaignId: number): Promise<Snapshot> {
  const freezeId = await snapshotFreezeId(deps.db, campaignId);
  let perDb = snapshots.get(deps.db);
  if (!perDb) {
    perDb = new Map();
    snapshots.set(deps.db, perDb);
  }
  let s = freezeId ? perDb.get(freezeId) : undefined;
  if (!s) {
    s = await getSnapshot(deps.db, campaignId);
    if (!s) throw new Error(`campaign ${campaignId} has batches but no snapshot`);
    if (perDb.size > 20) perDb.clear();
    perDb.set(s.freezeId, s);
  }
  return s;
}

/** GIVE_UP_REASON is what a delivery shows when its batch stayed unresolved past RETRY_WINDOW_MS. */
const GIVE_UP_REASON =
  'Geen antwoord van de provider binnen 23 uur; niet opnieuw geprobeerd om dubbel versturen te voorkomen.';

/**
 * campaignBatches is the store of campaign batches for the dispatcher. A batch is leased with
 * one UPDATE ... RETURNING (two workers never hold the same one); building it decides its
 * recipients the first time only; every outcome is written under the lease token. With
 * `only`, the store holds that one batch (by its id): a Queue message names its batch.
 */
export function campaignBatches(deps: AppDeps, only: number | null = null): OutgoingStore {
  return {
    async due(now) {
      return (await hasLeasableBatch(deps.db, now.toISOString(), only)) ? 'campaign' : null;
    },
    async lease(now) {
      // A read first: the lease is a write, and most looks (a lane woken for a confirmation) find no batch.
      if (!(await hasLeasableBatch(deps.db, now.toISOString(), only))) return undefined;
      const batch = await leaseNextBatch(deps.db, {
        only,
        now: now.toISOString(),
        leaseToken: randomUUID(),
        leaseExpiresAt: new Date(now.getTime() + deps.config.deliveryLeaseSeconds * 1000).toISOString(),
      });
      return batch ? batchWork(deps, batch, await snapshotOf(deps, batch.campaignId)) : undefined;
    },
    housekeeping: () => deliveryTick(deps),
  };
}

function batchWork(deps: AppDeps, batch: LeasedBatch, snapshot: Snapshot): Work {
  let recipients: Awaited<ReturnType<typeof batchRecipients>> = [];
  return {
    priority: 'campaign',
    label: { campaignId: batch.campaignId, batchNo: batch.batchNo },
    idempotencyKey: idempotencyKey(snapshot, batch.batchNo),
    attempts: batch.attempts,
    giveUpAt: new Date(Date.parse(batch.firstAttemptAt) + RETRY_WINDOW_MS + 1),
    giveUpReason: GIVE_UP_REASON,
    get mails() {
      return recipients.length;
    },
    async build() {
      if (!batch.built) await deps.db.batch(buildStatements(batch, snapshot.lists, deps.now().toISOString()));
      recipients = await batchRecipients(deps.db, batch.campaignId, batch.batchNo);
      if (recipients.length === 0) return [];
      const campaign = await getCampaign(deps.db, batch.campaignId);
      const messages = recipients.map((r) => recipientMessage(deps, campaign, snapshot, r));
      await checkPayload(deps, batch, messages);
      return messages;
    },
    record: (outcome, at) => recordBatch(deps, batch, recipients, outcome, at.toISOString()),
  };
}

async function recordBatch(
  deps: AppDeps,
  batch: LeasedBatch,
  recipients: { deliveryId: number }[],
  outcome: WorkOutcome,
  at: string,
): Promise<void> {
  switch (outcome.kind) {
    case 'sent': {
      const results: DeliveryResult[] = outcome.results.map((r, i) => {
        const deliveryId = recipients[i]!.deliveryId;
        return 'refused' in r ? { deliveryId, refused: r.refused } : { deliveryId, providerId: r.providerId };
      });
      await deps.db.batch(sentStatements(batch, results, at));
      return;
    }
    case 'retry':
      await deferBatch(deps.db, batch, {
        dueAt: outcome.dueAt.toISOString(),
        reason: outcome.reason,
        countsAsAttempt: outcome.countsAsAttempt,
      });
      return;
    case 'failed':
      await deps.db.batch(failedStatements(batch, outcome.reason, at));
      return;
  }
}

/**
 * dispatchNextBatch does one dispatcher step over campaign batches alone, without waiting
 * for a token (tests and the memory benchmark step through a send with it); a 429 still
 * pauses the shared bucket.
 */
export function dispatchNextBatch(
  deps: AppDeps,
  opts: Partial<DispatchOptions> = {},
): Promise<DispatchResult> {
  return dispatchOnce(campaignBatches(deps), deps.transport, {
    bucket: deps.runtime.sendBucket,
    pace: false,
    now: deps.now,
    log: deps.log,
    ...opts,
  });
}

/**
 * checkPayload keeps the hash of the first payload of a batch and compares every retry
 * against it. Building is deterministic (frozen values, HMAC links without a nonce), so a
 * mismatch is a bug; the provider would refuse the retry with 409, which we log loudly.
 */
async function checkPayload(deps: AppDeps, batch: LeasedBatch, messages: OutgoingMessage[]): Promise<void> {
  const hash = createHash('sha256').update(JSON.stringify(messages)).digest('hex');
  if (batch.payloadHash === null) await recordPayloadHash(deps.db, batch, hash);
  else if (batch.payloadHash !== hash) {
    deps.log.error('delivery batch payload changed between attempts', {
      campaignId: batch.campaignId,
      batchNo: batch.batchNo,
    });
  }
}
