// The one path of every outgoing mail: campaign batches, transactional mails, mail to
// accounts. It knows a store of leasable work and the Transport port, nothing else: no SQL,
// no template, no specific transport. On Node a worker loop (worker.ts) calls dispatchOnce;
// on Workers a Queue consumer calls it.
import { isBusyError, isDatabaseUnavailable } from '../../db/faults.js';
import type { Logger } from '../../deps.js';
import type { RateLimiter, SendPriority } from '../../mail/rate-limiter.js';
import type { BatchOutcome, OutgoingMessage, Transport } from '../../mail/transport.js';

/** MessageResult is what became of one message of an accepted batch. */
export type MessageResult = { providerId: string } | { refused: string };

/** WorkOutcome is what a store records for leased work, under its lease. */
export type WorkOutcome =
  /** Accepted: one result per built message, in order (an empty batch is accepted with none). */
  | { kind: 'sent'; results: MessageResult[] }
  /** Back in the queue until dueAt, same payload, same key; a 429 does not count as an attempt. */
  | {
      kind: 'retry';
      cause: 'rate_limited' | 'retryable' | 'build';
      dueAt: Date;
      reason: string;
      countsAsAttempt: boolean;
    }
  /** Failed for good, with the reason: refused by the provider, or past `giveUpAt`. */
  | { kind: 'failed'; cause: 'rejected' | 'expired'; reason: string };

/** Work is one leased unit of outgoing mail: one provider call's worth, held until recorded or its lease expires. */
export interface Work {
  readonly priority: SendPriority;
  /** Log fields naming the work, e.g. `{ campaignId, batchNo }`; spread into the result. */
  readonly label: Record<string, unknown>;
  /** The provider's idempotency key, the same for every attempt of this work. */
  readonly idempotencyKey: string;
  /** Attempts made, this one included. */
  readonly attempts: number;
  /** From this moment on the work is failed instead of sent (see `giveUpReason`). */
  readonly giveUpAt: Date;
  readonly giveUpReason: string;
  /** The number of mails it stands for (a transactional batch of 3 mails counts 3). */
  readonly mails: number;
  /** build makes the messages; every attempt must build the same ones. */
  build(): Promise<OutgoingMessage[]>;
  /** record writes the outcome, guarded by the lease: a holder that lost its lease records nothing. */
  record(outcome: WorkOutcome, at: Date): Promise<void>;
}

/** OutgoingStore is where the dispatcher finds work. A store of several kinds leases the most urgent first. */
export interface OutgoingStore {
  /** due tells the most urgent class of work due now without leasing it, or null: a worker then takes no token. */
  due(now: Date): Promise<SendPriority | null>;
  /** lease takes the most urgent due work (transactional before campaign), or nothing. */
  lease(now: Date): Promise<Work | undefined>;
  /** housekeeping runs every few seconds: scheduled campaigns, expired leases, pruning. */
  housekeeping(now: Date): Promise<void>;
}

/** prioritised is one store over several, asked in the order given: the first that has work wins. */
export function prioritised(...stores: OutgoingStore[]): OutgoingStore {
  return {
    async due(now) {
      for (const s of stores) {
        const p = await s.due(now);
        if (p) return p;
      }
      return null;
    },
    async lease(now) {
      for (const s of stores) {
        const w = await s.lease(now);
        if (w) return w;
      }
      return undefined;
    },
    async housekeeping(now) {
      for (const s of stores) await s.housekeeping(now);
    },
  };
}

/**
 * backoffMs is the one retry policy of every outgoing mail: 1 s after the first failed
 * attempt, doubling, at most 5 minutes apart. A 429 is no attempt: it waits out retry-after.
 * How long work keeps being retried is the work's own `giveUpAt`.
 */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * paced says whether mail of this class waits for the send-rate bucket. The outbox stores
 * mail and has no provider limit: pacing transactional mail there would only grow a backlog.
 * Campaign batches are paced everywhere, so a campaign behaves the same on every transport.
 */
export function paced(transport: Pick<Transport, 'name'>, priority: SendPriority): boolean {
  return !(transport.name === 'outbox' && priority === 'transactional');
}

/** DispatchOptions: the shared bucket, whether to wait for it, the clock and the log. */
export interface DispatchOptions {
  /** The shared send-rate bucket: paced work waits for a token, and a 429 pauses it for everyone. */
  bucket: RateLimiter;
  /** Wait for a token before leasing (a worker); false when a test or a final drain steps by hand. */
  pace: boolean;
  now: () => Date;
  log: Logger;
  /** True once the worker stops: an outcome the database refuses is then left to the lease. */
  stopping?: () => boolean;
}

/** DispatchResult says what one dispatch step did, for the worker loop and for tests. */
export type DispatchResult =
  | { kind: 'idle' }
  | {
      kind: BatchOutcome['kind'] | 'empty' | 'expired';
      priority: SendPriority;
      /** The mails the work stood for (a campaign batch: its included recipients). */
      messages: number;
      /** Of an accepted batch, the messages the server refused for good. */
      refused?: number;
      reason?: string;
      [label: string]: unknown;
    };

/** First and largest pause between two tries to record an outcome the database refused. */
const RECORD_FIRST_RETRY_MS = 200;
const RECORD_MAX_RETRY_MS = 5000;

/**
 * dispatchOnce is one step of the dispatcher: wait for a token (when pacing, and only when
 * work is due), lease the most urgent work, build its messages, make one provider call with
 * its key, and record the outcome. The body of the Node worker loop and of a Queue consumer.
 */
export async function dispatchOnce(
  store: OutgoingStore,
  transport: Transport,
  opts: DispatchOptions,
): Promise<DispatchResult> {
  if (opts.pace) {
    const priority = await store.due(opts.now());
    if (!priority) return { kind: 'idle' };
    // The lease after the token still takes the most urgent work: a confirmation queued while
    // this lane waited as a campaign lane goes out in this slot.
    if (paced(transport, priority)) await opts.bucket.acquire(priority);
  }
  const start = opts.now();
  const work = await store.lease(start);
  if (!work) return { kind: 'idle' };
  const result = (kind: Exclude<DispatchResult['kind'], 'idle'>, messages: number, reason?: string) => ({
    kind,
    priority: work.priority,
    ...work.label,
    messages,
    ...(reason === undefined ? {} : { reason }),
  });
  const record = (outcome: WorkOutcome, at: Date) => recordOutcome(work, outcome, at, opts);

  if (start.getTime() >= work.giveUpAt.getTime()) {
    await record({ kind: 'failed', cause: 'expired', reason: work.giveUpReason }, start);
    opts.log.error('outgoing mail given up', { ...work.label, reason: work.giveUpReason });
    return result('expired', work.mails, work.giveUpReason);
  }

  let messages: OutgoingMessage[];
  try {
    messages = await work.build();
  } catch (err) {
    // The database refusing is the worker's business (it backs off); the lease brings the work back.
    if (isDatabaseUnavailable(err)) throw err;
    const reason = `build: ${String(err)}`;
    const at = opts.now();
    await record(
      {
        kind: 'retry',
        cause: 'build',
        dueAt: new Date(at.getTime() + backoffMs(work.attempts)),
        reason,
        countsAsAttempt: true,
      },
      at,
    );
    opts.log.error('outgoing mail could not be built', { ...work.label, reason });
    return result('retryable', work.mails, reason);
  }
  if (messages.length === 0) {
    await record({ kind: 'sent', results: [] }, opts.now());
    return result('empty', 0);
  }

  const outcome = await send(transport, messages, work.idempotencyKey);
  const at = opts.now();
  const log = { ...work.label, priority: work.priority, messages: messages.length };
  switch (outcome.kind) {
    case 'sent': {
      const results: MessageResult[] = messages.map((_, i) => {
        const refused = outcome.refused?.[i];
        return refused === undefined ? { providerId: outcome.providerIds[i] ?? '' } : { refused };
      });
      await record({ kind: 'sent', results }, at);
      const refused = results.filter((r) => 'refused' in r).length;
      return { ...result('sent', messages.length), ...(refused > 0 ? { refused } : {}) };
    }
    case 'rate_limited':
      // The provider did not process it: no attempt, and the bucket pauses for every sender.
      opts.bucket.pauseFor(outcome.retryAfterMs);
      await record(
        {
          kind: 'retry',
          cause: 'rate_limited',
          dueAt: new Date(at.getTime() + outcome.retryAfterMs),
          reason: outcome.reason,
          countsAsAttempt: false,
        },
        at,
      );
      opts.log.warn('outgoing mail rate limited', { ...log, retryAfterMs: outcome.retryAfterMs });
      return result('rate_limited', messages.length, outcome.reason);
    case 'retryable':
      await record(
        {
          kind: 'retry',
          cause: 'retryable',
          dueAt: new Date(at.getTime() + backoffMs(work.attempts)),
          reason: outcome.reason,
          countsAsAttempt: true,
        },
        at,
      );
      opts.log.warn('outgoing mail will be retried', {
        ...log,
        attempts: work.attempts,
        reason: outcome.reason,
      });
      return result('retryable', messages.length, outcome.reason);
    case 'rejected':
      await record({ kind: 'failed', cause: 'rejected', reason: outcome.reason }, at);
      opts.log.error('outgoing mail rejected', { ...log, reason: outcome.reason });
      return result('rejected', messages.length, outcome.reason);
  }
}

async function send(transport: Transport, messages: OutgoingMessage[], key: string): Promise<BatchOutcome> {
  try {
    return await transport.sendBatch(messages, { idempotencyKey: key });
  } catch (err) {
    // A transport that throws has told us nothing: the provider may have the batch. Same key next time.
    return { kind: 'retryable', reason: `transport error: ${String((err as Error).message ?? err)}` };
  }
}

/**
 * recordOutcome writes what the provider answered, under the lease. The provider has already
 * acted, so when the database refuses the write (a lock that outlasts the wait, a full disk)
 * the dispatcher keeps trying, with back-off, as long as it runs: the work is then recorded as
 * soon as the database takes writes again, instead of staying leased (accepted mails shown as
 * queued) until the lease expires. Every write is guarded by the lease, so a late success
 * after the lease was taken over records nothing. Other errors are bugs: thrown, and the
 * lease recovers the work.
 */
async function recordOutcome(
  work: Work,
  outcome: WorkOutcome,
  at: Date,
  opts: DispatchOptions,
): Promise<void> {
  for (
    let tries = 1, delay = RECORD_FIRST_RETRY_MS;
    ;
    tries++, delay = Math.min(delay * 2, RECORD_MAX_RETRY_MS)
  ) {
    try {
      await work.record(outcome, at);
      if (tries > 1)
        opts.log.info('outgoing mail recorded after the database refused it', { ...work.label, tries });
      return;
    } catch (err) {
      if (!(isDatabaseUnavailable(err) || isBusyError(err)) || opts.stopping?.()) throw err;
      if (tries === 1) {
        opts.log.warn('outgoing mail not recorded yet; trying again under the lease', {
          ...work.label,
          error: String(err),
        });
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
