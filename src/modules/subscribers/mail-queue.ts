// The durable queue of the subscriber flow's mails (confirm, welcome, unsubscribed), and of
// the login links and notices of beheer (to an account instead of a subscriber).
// A change of consent and its mail are written in one db.batch; the mail worker
// renders and sends afterwards, many mails per transport call. On Node the worker
// runs in the server process, kicked right after a commit and on an interval as a
// safety net; on Cloudflare Workers the kick becomes a Queue message and
// drainMailQueue the Queue consumer.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { faultBackoff, isDatabaseUnavailable } from '../../db/faults.js';
import { type Statement, stmt } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { limiterFor, type RateLimiter } from '../../mail/rate-limiter.js';
import type { OutgoingMessage } from '../../mail/transport.js';
import { renderTransactional, type TransactionalMail } from '../notifications/mails.js';

/**
 * GIVE_UP_AFTER_MS: a mail the provider keeps refusing (5xx, timeouts) is retried until it is
 * as old as the link in a confirmation mail (7 days); after that it would be of no use. The
 * number of attempts never fails a mail: a long outage delays a confirmation, it does not
 * lose it. Retries are paced: 30 s, doubling, at most 5 minutes apart, so a mail goes out
 * within minutes of the provider coming back. A 429 is no attempt at all.
 */
export const GIVE_UP_AFTER_MS = 7 * 86_400_000;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 300_000;
/** Rows one drain round reads; they are sent in batches of transport.maxBatchSize. */
const DRAIN_ROUND = 500;
/** Sent rows are kept this long (for support questions), then pruned by the interval tick. */
const KEEP_SENT_MS = 30 * 86_400_000;

type Deps = Pick<AppDeps, 'config' | 'db' | 'transport' | 'now' | 'log'>;

// The worker's writes go through db.batch, not db.run: under load the SQLite adapter
// commits them together with the signups of the same moment (group commit) instead
// of paying a commit of their own.

// The short hash of a set of list names, kept per set: nearly every signup names the same
// few lists, and a hash object costs more than the rest of the statement together.
const listHashes = new Map<string, string>();
const LIST_HASHES_LIMIT = 1000;

function listsHash(listNames: string[]): string {
  const names = listNames.join('\n');
  let hash = listHashes.get(names);
  if (hash === undefined) {
    if (listHashes.size >= LIST_HASHES_LIMIT) listHashes.clear();
    hash = createHash('sha256').update(names).digest('hex').slice(0, 12);
    listHashes.set(names, hash);
  }
  return hash;
}

// One key per event: the kind, the person, the moment and the lists it is about.
function eventKey(publicId: string, mail: TransactionalMail, at: string): string {
  return `${mail.kind}-${publicId}-${at}-${listsHash(mail.listNames)}`;
}

/**
 * queueMailStmt queues one mail for the subscriber with this public id, to put in the
 * same batch as the change it is about (the subscriber may be created earlier in it).
 */
export function queueMailStmt(publicId: string, mail: TransactionalMail, at: string): Statement {
  const data =
    mail.kind === 'welcome'
      ? { listNames: mail.listNames, pendingApproval: mail.pendingApproval, approved: mail.approved ?? false }
      : { listNames: mail.listNames };
  return stmt(
    `INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     SELECT id, ?, ?, ?, ?, ? FROM subscribers WHERE public_id = ?`,
    [mail.kind, JSON.stringify(data), eventKey(publicId, mail, at), at, at, publicId],
  );
}

const QueuedRow = z.object({
  id: z.number(),
  kind: z.enum(['confirm', 'welcome', 'unsubscribed', 'erase', 'login-link', 'notice']),
  data_json: z.string(),
  idempotency_key: z.string(),
  created_at: z.string(),
  attempts: z.number(),
  batch_key: z.string().nullable(),
  public_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  suppressed_at: z.string().nullable(),
});
type QueuedRow = z.infer<typeof QueuedRow>;

const MailData = z.object({
  listNames: z.array(z.string()),
  pendingApproval: z.boolean().optional(),
  approved: z.boolean().optional(),
  linkId: z.string().optional(),
  purpose: z.enum(['login', 'invite']).optional(),
  waiting: z.number().optional(),
  oldestAt: z.string().optional(),
});

function mailOf(row: QueuedRow): TransactionalMail {
  const data = MailData.parse(JSON.parse(row.data_json));
  if (row.kind === 'login-link')
    return { kind: 'login-link', listNames: [], linkId: data.linkId ?? '', purpose: data.purpose ?? 'login' };
  if (row.kind === 'notice')
    return {
      kind: 'notice',
      listNames: [],
      waiting: data.waiting ?? 0,
      oldestAt: data.oldestAt ?? row.created_at,
    };
  return row.kind === 'welcome'
    ? {
        kind: 'welcome',
        listNames: data.listNames,
        pendingApproval: data.pendingApproval ?? false,
        approved: data.approved ?? false,
      }
    : { kind: row.kind, listNames: data.listNames };
}

// A batch of one keeps its event key; a larger batch gets a key derived from its rows' keys.
function batchKeyOf(rows: QueuedRow[]): string {
  if (rows.length === 1) return rows[0]!.idempotency_key;
  const h = createHash('sha256');
  for (const r of rows) h.update(r.idempotency_key).update('\n');
  return `txmail-${h.digest('hex').slice(0, 40)}`;
}

function backoffMs(attempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

function idList(rows: { id: number }[]): string {
  return JSON.stringify(rows.map((r) => r.id));
}

/** DrainResult counts what one drain did. */
export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

async function dueRows(deps: Deps, now: string): Promise<QueuedRow[]> {
  const rows = await deps.db.all(
    `SELECT q.id, q.kind, q.data_json, q.idempotency_key, q.created_at, q.attempts, q.batch_key,
            coalesce(s.public_id, '') AS public_id, coalesce(s.email, a.email) AS email,
            coalesce(s.name, a.name) AS name, s.suppressed_at
       FROM mail_queue q LEFT JOIN subscribers s ON s.id = q.subscriber_id
            LEFT JOIN accounts a ON a.id = q.account_id
      WHERE q.sent_at IS NULL AND q.failed_at IS NULL AND q.next_attempt_at <= ?
      ORDER BY q.next_attempt_at, q.id LIMIT ?`,
    [now, DRAIN_ROUND],
  );
  return rows.map((r) => QueuedRow.parse(r));
}

// Rows claimed earlier keep their batch (and key); new rows are cut into batches in order.
function batchesOf(rows: QueuedRow[], max: number): QueuedRow[][] {
  const claimed = new Map<string, QueuedRow[]>();
  const batches: QueuedRow[][] = [];
  let fresh: QueuedRow[] = [];
  for (const r of rows) {
    if (r.batch_key) {
      const b = claimed.get(r.batch_key);
      if (b) b.push(r);
      else {
        const nb = [r];
        claimed.set(r.batch_key, nb);
        batches.push(nb);
      }
      continue;
    }
    fresh.push(r);
    if (fresh.length === max) {
      batches.push(fresh);
      fresh = [];
    }
  }
  if (fresh.length > 0) batches.push(fresh);
  return batches;
}

/** DrainOptions: the transport's shared token bucket; without it (tests, the bench's final drain) nothing is paced. */
export interface DrainOptions {
  limiter?: RateLimiter;
}

async function sendOne(
  deps: Deps,
  rows: QueuedRow[],
  result: DrainResult,
  opts: DrainOptions,
): Promise<void> {
  const now = deps.now();
  const at = now.toISOString();
  const key = rows[0]!.batch_key ?? batchKeyOf(rows);
  // Claim first: the attempt counts and the key is kept even if the process dies mid-send.
  await deps.db.batch([
    stmt(
      `UPDATE mail_queue SET attempts = attempts + 1, batch_key = ? WHERE id IN (SELECT value FROM json_each(?))`,
      [key, idList(rows)],
    ),
  ]);
  let messages: OutgoingMessage[];
  try {
    messages = await Promise.all(
      rows.map(async (r) => {
        const rendered = await renderTransactional(
          deps,
          { publicId: r.public_id, email: r.email, name: r.name },
          mailOf(r),
          new Date(r.created_at),
        );
        return {
          from: deps.config.mailFrom,
          to: r.email,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          headers: {},
          replyTo: deps.config.mailReplyTo,
        };
      }),
    );
  } catch (err) {
    await settleFailure(deps, rows, `render: ${String(err)}`, at, backoffMs(rows[0]!.attempts + 1), result);
    return;
  }
  let outcome: Awaited<ReturnType<Deps['transport']['sendBatch']>>;
  // One bucket with the campaign batches, and ahead of them: a confirmation is awaited by a person.
  await opts.limiter?.acquire('transactional');
  try {
    outcome = await deps.transport.sendBatch(messages, { idempotencyKey: key });
  } catch (err) {
    outcome = { kind: 'retryable', reason: String(err) };
  }
  if (outcome.kind === 'sent') {
    await deps.db.batch([
      stmt(
        'UPDATE mail_queue SET sent_at = ?, last_error = NULL WHERE id IN (SELECT value FROM json_each(?))',
        [at, idList(rows)],
      ),
    ]);
    result.sent += rows.length;
    return;
  }
  deps.log.warn('transactional mail not sent', {
    outcome: outcome.kind,
    reason: outcome.reason,
    mails: rows.length,
  });
  if (outcome.kind === 'rejected') {
    await deps.db.batch([
      stmt(
        'UPDATE mail_queue SET failed_at = ?, last_error = ? WHERE id IN (SELECT value FROM json_each(?))',
        [at, `${outcome.kind}: ${outcome.reason}`, idList(rows)],
      ),
    ]);
    result.failed += rows.length;
    return;
  }
  if (outcome.kind === 'rate_limited') {
    // The provider did not process it: no attempt, and the shared bucket pauses for everyone.
    (opts.limiter ?? limiterFor(deps.transport, deps.config.sendRatePerSecond)).pauseFor(
      outcome.retryAfterMs,
    );
    const next = new Date(now.getTime() + outcome.retryAfterMs).toISOString();
    await deps.db.batch([
      stmt(
        `UPDATE mail_queue SET attempts = attempts - 1, next_attempt_at = ?, last_error = ?
          WHERE id IN (SELECT value FROM json_each(?))`,
        [next, `${outcome.kind}: ${outcome.reason}`, idList(rows)],
      ),
    ]);
    result.retrying += rows.length;
    return;
  }
  await settleFailure(
    deps,
    rows,
    `${outcome.kind}: ${outcome.reason}`,
    at,
    backoffMs(rows[0]!.attempts + 1),
    result,
  );
}

// A transient failure: try again after the wait, or give up once the mail is GIVE_UP_AFTER_MS old.
async function settleFailure(
  deps: Deps,
  rows: QueuedRow[],
  error: string,
  at: string,
  waitMs: number,
  result: DrainResult,
): Promise<void> {
  const next = new Date(new Date(at).getTime() + waitMs).toISOString();
  const oldest = new Date(new Date(at).getTime() - GIVE_UP_AFTER_MS).toISOString();
  await deps.db.batch([
    stmt(
      `UPDATE mail_queue SET failed_at = ?, last_error = ?
        WHERE id IN (SELECT value FROM json_each(?)) AND created_at <= ?`,
      [at, `${error} (opgegeven na 7 dagen)`, idList(rows), oldest],
    ),
    stmt(
      `UPDATE mail_queue SET next_attempt_at = ?, last_error = ?
        WHERE id IN (SELECT value FROM json_each(?)) AND failed_at IS NULL`,
      [next, error, idList(rows)],
    ),
  ]);
  for (const r of rows) {
    if (r.created_at <= oldest) result.failed++;
    else result.retrying++;
  }
}

/**
 * drainMailQueue sends every queued mail that is due, in batches of the transport's
 * size, and returns what it did. A failed batch stays queued with its error and is
 * retried after a back-off under the same idempotency key, so it never goes out twice.
 * A suppressed address (bounce, complaint) gets nothing.
 */
export async function drainMailQueue(deps: Deps, opts: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const rows = await dueRows(deps, deps.now().toISOString());
    if (rows.length === 0) return result;
    const suppressed = rows.filter((r) => r.suppressed_at !== null);
    if (suppressed.length > 0) {
      await deps.db.batch([
        stmt(
          "UPDATE mail_queue SET failed_at = ?, last_error = 'adres uitgesloten (bounce of klacht)' WHERE id IN (SELECT value FROM json_each(?))",
          [deps.now().toISOString(), idList(suppressed)],
        ),
      ]);
      result.failed += suppressed.length;
    }
    const sendable = rows.filter((r) => r.suppressed_at === null);
    for (const batch of batchesOf(sendable, deps.transport.maxBatchSize))
      await sendOne(deps, batch, result, opts);
    if (rows.length < DRAIN_ROUND) return result;
  }
}

/** pruneSentMail forgets sent and failed mails older than KEEP_SENT_MS. */
export async function pruneSentMail(deps: Pick<AppDeps, 'db' | 'now'>): Promise<number> {
  const before = new Date(deps.now().getTime() - KEEP_SENT_MS).toISOString();
  const r = await deps.db.run('DELETE FROM mail_queue WHERE coalesce(sent_at, failed_at) < ?', [before]);
  return r.changes;
}

interface Worker {
  limiter: RateLimiter | undefined;
  faults: ReturnType<typeof faultBackoff>;
  /** A database that refuses writes holds drains back until this moment (Date.now()). */
  pausedUntil: number;
  running: boolean;
  again: boolean;
  scheduled: boolean;
  stopped: boolean;
  current: Promise<void>;
}

const workers = new WeakMap<object, Worker>();

function run(deps: Deps, w: Worker): void {
  w.scheduled = false;
  if (w.stopped || Date.now() < w.pausedUntil) return;
  if (w.running) {
    w.again = true;
    return;
  }
  w.running = true;
  w.current = (async () => {
    try {
      do {
        w.again = false;
        const done = await drainMailQueue(deps, w.limiter ? { limiter: w.limiter } : {});
        if (done.sent + done.retrying + done.failed > 0) w.faults.succeeded();
      } while (w.again && !w.stopped);
    } catch (err) {
      // A refusing database (lock, full disk): wait, growing, and say so once, not per drain.
      if (isDatabaseUnavailable(err)) w.pausedUntil = Date.now() + w.faults.failed(err);
      else deps.log.error('mail queue drain failed', { error: String(err) });
    } finally {
      w.running = false;
    }
  })();
}

/**
 * kickMailQueue asks the worker of these deps (if one runs) to drain soon. Kicks
 * coalesce: one drain at a time, and kicks during a drain make one more round, so
 * under load many mails go out per drain.
 */
export function kickMailQueue(deps: AppDeps): void {
  const w = workers.get(deps);
  if (!w || w.stopped) return;
  if (w.running) {
    w.again = true;
    return;
  }
  if (w.scheduled) return;
  w.scheduled = true;
  setImmediate(() => run(deps, w));
}

/** MailWorker is a running mail worker; stop waits for the drain in flight. */
export interface MailWorker {
  stop(): Promise<void>;
}

/** startMailWorker drains the queue when kicked and every intervalMs (the safety net after a crash or an outage). */
export function startMailWorker(deps: AppDeps, intervalMs = 10_000): MailWorker {
  const w: Worker = {
    // The outbox stores mail and has no provider limit: pacing it would only grow a backlog.
    limiter:
      deps.transport.name === 'outbox'
        ? undefined
        : limiterFor(deps.transport, deps.config.sendRatePerSecond),
    faults: faultBackoff(deps.log, 'mail queue'),
    pausedUntil: 0,
    running: false,
    again: false,
    scheduled: false,
    stopped: false,
    current: Promise.resolve(),
  };
  workers.set(deps, w);
  let ticks = 0;
  const timer = setInterval(() => {
    run(deps, w);
    if (++ticks % 360 === 0) void pruneSentMail(deps).catch(() => {});
  }, intervalMs);
  timer.unref();
  kickMailQueue(deps);
  return {
    async stop() {
      w.stopped = true;
      clearInterval(timer);
      await w.current;
      workers.delete(deps);
    },
  };
}
