import { createHash, randomUUID } from 'node:crypto';
import { isBusyError, isDatabaseUnavailable } from '../../db/faults.js';
import type { AppDeps } from '../../deps.js';
import { limiterFor, type RateLimiter } from '../../mail/rate-limiter.js';
import type { BatchOutcome, OutgoingMessage } from '../../mail/transport.js';
import { SMTP_REFUSED_PREFIX } from '../../mail/transports/smtp.js';
import { getCampaign } from '../campaigns/render.js';
import { getSnapshot, type Snapshot, snapshotFreezeId } from '../campaigns/snapshot-repo.js';
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

/**
 * RETRY_WINDOW_MS: providers keep idempotency keys 24 hours. After 23 hours a retry could
 * be taken for a new request and send twice, so a batch still unresolved then is failed.
 */
export const RETRY_WINDOW_MS = 23 * 3600_000;

/** First and largest pause between two tries to record an outcome the database refused. */
const RECORD_FIRST_RETRY_MS = 200;
const RECORD_MAX_RETRY_MS = 5000;

/** DispatchOptions: the shared token bucket, and whether the worker is stopping (then an unrecorded outcome is left to the lease). */
export interface DispatchOptions {
  limiter?: RateLimiter;
  stopping?: () => boolean;
}

/** DispatchResult says what one dispatch step did, for the worker loop and for tests. */
export type DispatchResult =
  | { kind: 'idle' }
  | { kind: 'empty'; campaignId: number; batchNo: number }
  | { kind: BatchOutcome['kind']; campaignId: number; batchNo: number; messages: number; reason?: string }
  | { kind: 'expired'; campaignId: number; batchNo: number };

/** idempotencyKey is `<campaign>-<batch>`, suffixed with the freeze so two databases sharing one provider account never collide. */
export function idempotencyKey(snapshot: Snapshot, batchNo: number): string {
  return `${snapshot.campaignId}-${batchNo}-${snapshot.freezeId.slice(0, 8)}`;
}

/** backoffMs grows 1 s, 2 s, 4 s ... up to 5 minutes between retries of one batch. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
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

/**
 * dispatchNextBatch does one step of delivery: lease the next due batch, decide its
 * recipients the first time, build the messages, make one provider call with the batch's
 * key, and record the outcome. With a limiter it first waits for a token, and only
 * when a batch is due, so an idle worker spends none.
 */
export async function dispatchNextBatch(deps: AppDeps, opts: DispatchOptions = {}): Promise<DispatchResult> {
  if (opts.limiter) {
    if (!(await hasLeasableBatch(deps.db, deps.now().toISOString()))) return { kind: 'idle' };
    await opts.limiter.acquire();
  }
  const start = deps.now();
  const batch = await leaseNextBatch(deps.db, {
    now: start.toISOString(),
    leaseToken: randomUUID(),
    leaseExpiresAt: new Date(start.getTime() + deps.config.deliveryLeaseSeconds * 1000).toISOString(),
  });
  if (!batch) return { kind: 'idle' };
  const at = { campaignId: batch.campaignId, batchNo: batch.batchNo };

  if (start.getTime() - Date.parse(batch.firstAttemptAt) > RETRY_WINDOW_MS) {
    const reason =
      'Geen antwoord van de provider binnen 23 uur; niet opnieuw geprobeerd om dubbel versturen te voorkomen.';
    await deps.db.batch(failedStatements(batch, reason, start.toISOString()));
    deps.log.error('delivery batch given up', { ...at, reason });
    return { kind: 'expired', ...at };
  }

  const snapshot = await snapshotOf(deps, batch.campaignId);
  if (!batch.built) await deps.db.batch(buildStatements(batch, snapshot.lists, start.toISOString()));
  const recipients = await batchRecipients(deps.db, batch.campaignId, batch.batchNo);
  if (recipients.length === 0) {
    await deps.db.batch(sentStatements(batch, [], deps.now().toISOString()));
    return { kind: 'empty', ...at };
  }

  const campaign = await getCampaign(deps.db, batch.campaignId);
  const messages = recipients.map((r) => recipientMessage(deps, campaign, snapshot, r));
  await checkPayload(deps, batch, messages);

  const outcome = await send(deps, messages, idempotencyKey(snapshot, batch.batchNo));
  const now = deps.now();
  const result = { ...at, messages: messages.length };
  const record = (write: () => Promise<unknown>) => recordOutcome(deps, opts, batch, write);
  switch (outcome.kind) {
    case 'sent': {
      const results: DeliveryResult[] = recipients.map((r, i) => {
        const id = outcome.providerIds[i] ?? '';
        return id.startsWith(SMTP_REFUSED_PREFIX)
          ? { deliveryId: r.deliveryId, refused: id.slice(SMTP_REFUSED_PREFIX.length) }
          : { deliveryId: r.deliveryId, providerId: id };
      });
      await record(() => deps.db.batch(sentStatements(batch, results, now.toISOString())));
      return { kind: 'sent', ...result };
    }
    case 'rate_limited':
      // The bucket is shared: every campaign waits, not only this batch.
      (opts.limiter ?? limiterFor(deps.transport, deps.config.sendRatePerSecond)).pauseFor(
        outcome.retryAfterMs,
      );
      await record(() =>
        deferBatch(deps.db, batch, {
          dueAt: new Date(now.getTime() + outcome.retryAfterMs).toISOString(),
          reason: outcome.reason,
          countsAsAttempt: false,
        }),
      );
      deps.log.warn('delivery batch rate limited', { ...at, retryAfterMs: outcome.retryAfterMs });
      return { kind: 'rate_limited', ...result, reason: outcome.reason };
    case 'retryable':
      await record(() =>
        deferBatch(deps.db, batch, {
          dueAt: new Date(now.getTime() + backoffMs(batch.attempts)).toISOString(),
          reason: outcome.reason,
          countsAsAttempt: true,
        }),
      );
      deps.log.warn('delivery batch will be retried', {
        ...at,
        attempts: batch.attempts,
        reason: outcome.reason,
      });
      return { kind: 'retryable', ...result, reason: outcome.reason };
    case 'rejected':
      await record(() => deps.db.batch(failedStatements(batch, outcome.reason, now.toISOString())));
      deps.log.error('delivery batch rejected', { ...at, reason: outcome.reason });
      return { kind: 'rejected', ...result, reason: outcome.reason };
  }
}

/**
 * recordOutcome writes what the provider answered, under the lease. The provider has already
 * acted, so when the database refuses the write (a lock that outlasts the wait, a full disk)
 * the worker keeps trying, with back-off, as long as it runs: the batch is then recorded as
 * soon as the database takes writes again, instead of staying leased (accepted mails shown as
 * queued) until the lease expires. Every statement is guarded by the lease token, so a late
 * success after the lease was taken over records nothing. Other errors are bugs: thrown, and
 * the lease recovers the batch.
 */
async function recordOutcome(
  deps: AppDeps,
  opts: DispatchOptions,
  batch: LeasedBatch,
  write: () => Promise<unknown>,
): Promise<void> {
  for (
    let tries = 1, delay = RECORD_FIRST_RETRY_MS;
    ;
    tries++, delay = Math.min(delay * 2, RECORD_MAX_RETRY_MS)
  ) {
    try {
      await write();
      if (tries > 1) {
        deps.log.info('delivery outcome recorded after the database refused it', {
          campaignId: batch.campaignId,
          batchNo: batch.batchNo,
          tries,
        });
      }
      return;
    } catch (err) {
      if (!(isDatabaseUnavailable(err) || isBusyError(err)) || opts.stopping?.()) throw err;
      if (tries === 1) {
        deps.log.warn('delivery outcome not recorded yet; trying again under the lease', {
          campaignId: batch.campaignId,
          batchNo: batch.batchNo,
          error: String(err),
        });
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function send(deps: AppDeps, messages: OutgoingMessage[], key: string): Promise<BatchOutcome> {
  try {
    return await deps.transport.sendBatch(messages, { idempotencyKey: key });
  } catch (err) {
    // A transport that throws has told us nothing: the provider may have the batch. Same key next time.
    return { kind: 'retryable', reason: `transport error: ${String((err as Error).message ?? err)}` };
  }
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
