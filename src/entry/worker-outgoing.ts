// Outgoing mail on Workers: the Queue consumer runs the one dispatcher (dispatchOnce over the
// stores of entry/outgoing.ts, transactional mail first), the dead-letter consumer gives up on
// a batch, and the cron does the housekeeping that Node's dispatcher does on its timer. The
// exactly-once rules are the dispatcher's and the stores' (leases, one payload and key per
// batch); the queue only says when to look. See README "Cloudflare Workers".
import type { Message, MessageBatch } from '@cloudflare/workers-types/latest';
import type { AppDeps } from '../deps.js';
import { pruneAccounts } from '../modules/accounts/service.js';
import { queueContributionsDigest } from '../modules/contributions/digest.js';
import { pruneImportUploads } from '../modules/csv/uploads.js';
import {
  abandonBatchStatements,
  batchQueueState,
  recoverExpiredLeases,
} from '../modules/delivery/batch-repo.js';
import { campaignBatches } from '../modules/delivery/dispatch.js';
import { deliveryTick } from '../modules/delivery/scheduler.js';
import { noticeBoardRequests } from '../modules/notices/service.js';
import { type DispatchOptions, dispatchOnce } from '../modules/outgoing/dispatcher.js';
import { nextMailDueAt, pruneSentMail, transactionalMails } from '../modules/subscribers/mail-queue.js';
import { pruneWindowCounters } from '../runtime/db-window-counters.js';
import { delaySeconds, type OutgoingQueueMessage, type WorkerEnv, wakeOutgoing } from './worker-runtime.js';

/** How long a message whose consumer threw waits before it is tried again (a bug, or D1 refusing). */
const RETRY_AFTER_ERROR_S = 30;
/** Transactional dispatch steps per message at most: the rest waits for the next message. */
const MAX_TRANSACTIONAL_STEPS = 20;
/** Work due longer ago than this without being sent lost its wake: the cron sends it again. */
const OVERDUE_MS = 60_000;

type Deps = AppDeps;

function dispatchOptions(deps: Deps): DispatchOptions {
  return { bucket: deps.runtime.sendBucket, pace: true, now: deps.now, log: deps.log };
}

/**
 * sendTransactional sends the transactional mail that is due, ahead of any campaign batch of
 * this message, and asks for a wake when the next one (a retry) is due.
 */
async function sendTransactional(deps: Deps, env: WorkerEnv): Promise<void> {
  const store = transactionalMails(deps);
  let retrying = false;
  for (let step = 0; step < MAX_TRANSACTIONAL_STEPS; step++) {
    const r = await dispatchOnce(store, deps.transport, dispatchOptions(deps));
    if (r.kind === 'idle') break;
    if (r.kind === 'rate_limited' || r.kind === 'retryable') retrying = true;
  }
  if (!retrying) return;
  const next = await nextMailDueAt(deps);
  if (next)
    await env.OUTGOING.send({ kind: 'transactional' }, { delaySeconds: delaySeconds(next, deps.now()) });
}

/**
 * sendCampaignBatch runs one dispatcher step over the message's batch, then settles the
 * message by what the database says of the batch:
 * - finished, or its campaign paused (resume sends new messages): acknowledged;
 * - back in the queue for later (a 429, a 5xx, a lost answer): acknowledged, and a new message
 *   delayed until then. Provider trouble does not use up the queue's retries; as on Node, only
 *   the batch's own 23-hour window ends its retries;
 * - held by a lease (another consumer, or one that crashed): retried once the lease has ended.
 *   These retries count: a batch whose consumer keeps crashing ends in the dead-letter queue.
 */
async function sendCampaignBatch(
  deps: Deps,
  env: WorkerEnv,
  message: Message<OutgoingQueueMessage>,
  batchId: number,
): Promise<void> {
  await dispatchOnce(campaignBatches(deps, batchId), deps.transport, dispatchOptions(deps));
  const state = await batchQueueState(deps.db, batchId);
  const now = deps.now();
  if (!state || !['queued', 'leased'].includes(state.status) || !state.sendable) return message.ack();
  if (state.status === 'queued') {
    const due = new Date(state.dueAt);
    if (due.getTime() <= now.getTime()) return message.retry({ delaySeconds: 1 });
    await env.OUTGOING.send({ kind: 'campaign', batchId }, { delaySeconds: delaySeconds(due, now) });
    return message.ack();
  }
  const leaseEnds = new Date(state.leaseExpiresAt ?? now.toISOString());
  message.retry({ delaySeconds: delaySeconds(leaseEnds, now) + 1 });
}

/**
 * consumeOutgoing is the Queue consumer of outgoing mail. Each message first lets waiting
 * transactional mail go (confirmations before campaign batches), then does its own work. A
 * lease whose holder crashed is returned first, so its batch can go again under its key.
 */
export async function consumeOutgoing(
  deps: Deps,
  env: WorkerEnv,
  batch: MessageBatch<OutgoingQueueMessage>,
): Promise<void> {
  await recoverExpiredLeases(deps.db, deps.now().toISOString());
  for (const message of batch.messages) {
    try {
      await sendTransactional(deps, env);
      if (message.body.kind === 'campaign') await sendCampaignBatch(deps, env, message, message.body.batchId);
      else message.ack();
    } catch (err) {
      deps.log.error('outgoing mail message failed; the queue tries it again', {
        body: message.body,
        attempts: message.attempts,
        error: String(err),
      });
      message.retry({ delaySeconds: RETRY_AFTER_ERROR_S });
    }
  }
}

/** DEAD_LETTER_REASON is what the deliveries of a batch the queue gave up on show. */
export const DEAD_LETTER_REASON =
  'De wachtrij gaf het op na herhaalde fouten bij het versturen; niet opnieuw geprobeerd om dubbel versturen te voorkomen.';

/**
 * consumeDeadLetters handles messages the outgoing queue gave up on (max_retries): a campaign
 * batch still open is failed with DEAD_LETTER_REASON, so its campaign can finish and the CoCo
 * sees what happened. Transactional mail keeps its own 7-day limit: the cron wakes it again.
 */
export async function consumeDeadLetters(
  deps: Deps,
  batch: MessageBatch<OutgoingQueueMessage>,
): Promise<void> {
  for (const message of batch.messages) {
    if (message.body.kind === 'campaign') {
      await deps.db.batch(
        abandonBatchStatements(message.body.batchId, DEAD_LETTER_REASON, deps.now().toISOString()),
      );
      deps.log.error('campaign batch given up by the queue', { batchId: message.body.batchId });
    } else deps.log.warn('transactional mail wake given up by the queue; the cron wakes it again');
    message.ack();
  }
}

/**
 * cronTick is the Worker's housekeeping, every minute (UTC; schedules are stored as instants,
 * so Amsterdam's summer time needs nothing here): scheduled campaigns whose moment came start
 * (their freeze wakes the queue), expired leases return to the queue, finished campaigns
 * complete; ended sessions, used links, year-old activity, old sent mail, expired import
 * uploads and ended counter windows go; the CoCo hears of board requests waiting a day (at the
 * full hour, as Node's hourly loop) and gets the digest of waiting contributions (at most one a
 * day; on Node the dispatcher's contributionDigests store looks once a minute, as this cron
 * does). Last, work overdue by a minute gets its wake again.
 */
export async function cronTick(deps: Deps, env: WorkerEnv): Promise<void> {
  const now = deps.now();
  await deliveryTick(deps);
  await pruneAccounts(deps);
  await pruneSentMail(deps);
  await pruneImportUploads(deps);
  await pruneWindowCounters(deps.db, now);
  if (now.getUTCMinutes() === 0) await noticeBoardRequests(deps);
  await queueContributionsDigest(deps);
  const overdue = new Date(now.getTime() - OVERDUE_MS);
  if (await transactionalMails(deps).due(overdue))
    await wakeOutgoing(env.OUTGOING, deps.db, 'transactional', now);
  await wakeOutgoing(env.OUTGOING, deps.db, 'campaign', now, { dueBefore: overdue });
}
