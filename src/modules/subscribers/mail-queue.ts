// The durable queue of the subscriber flow's mails (confirm, welcome, unsubscribed, erase), and
// of the login links of beheer (to an account instead of a subscriber: accounts/repo.ts).
// A change of consent and its mail are written in one db.batch; the outgoing-mail dispatcher
// (../outgoing) leases them from `transactionalMails`, ahead of any campaign batch, renders
// them and sends many per transport call. The commit wakes the dispatcher through
// deps.runtime.wakeWorkers; on Workers that wake becomes a Queue message.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Statement, stmt } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import type { OutgoingMessage } from '../../mail/transport.js';
import { renderTransactional, TransactionalMail } from '../notifications/mails.js';
import { dispatchOnce, type OutgoingStore, type Work, type WorkOutcome } from '../outgoing/dispatcher.js';

/**
 * GIVE_UP_AFTER_MS: a mail the provider keeps refusing (5xx, timeouts) is retried until it is
 * as old as the link in a confirmation mail (7 days); after that it would be of no use. The
 * number of attempts never fails a mail: a long outage delays a confirmation, it does not
 * lose it. Retries follow the dispatcher's one back-off (1 s doubling, at most 5 minutes
 * apart), so a mail goes out within minutes of the provider coming back. A 429 is no attempt.
 */
export const GIVE_UP_AFTER_MS = 7 * 86_400_000;
/** Sent rows are kept this long (for support questions), then pruned by the housekeeping, hourly. */
const KEEP_SENT_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3600_000;

type Deps = Pick<AppDeps, 'config' | 'db' | 'transport' | 'now' | 'log' | 'runtime'>;

// The store's writes go through db.batch, not db.run: under load the SQLite adapter
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
 * After the batch commits, call deps.runtime.wakeWorkers('transactional').
 */
export function queueMailStmt(publicId: string, mail: TransactionalMail, at: string): Statement {
  const { kind, ...data } = mail;
  return stmt(
    `INSERT INTO mail_queue (subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     SELECT id, ?, ?, ?, ?, ? FROM subscribers WHERE public_id = ?`,
    [kind, JSON.stringify(data), eventKey(publicId, mail, at), at, at, publicId],
  );
}

const QueuedRow = z.object({
  id: z.number(),
  kind: z.string(),
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

function mailOf(row: QueuedRow): TransactionalMail {
  return TransactionalMail.parse({ ...JSON.parse(row.data_json), kind: row.kind });
}

// A batch of one keeps its event key; a larger batch gets a key derived from its rows' keys.
function batchKeyOf(rows: QueuedRow[]): string {
  if (rows.length === 1) return rows[0]!.idempotency_key;
  const h = createHash('sha256');
  for (const r of rows) h.update(r.idempotency_key).update('\n');
  return `txmail-${h.digest('hex').slice(0, 40)}`;
}

function idList(rows: { id: number }[]): string {
  return JSON.stringify(rows.map((r) => r.id));
}

// A queued mail goes to a subscriber or, for a login link, to an account.
const queuedColumns = `q.id, q.kind, q.data_json, q.idempotency_key, q.created_at, q.attempts, q.batch_key,
  coalesce(s.public_id, '') AS public_id, coalesce(s.email, a.email) AS email,
  coalesce(s.name, a.name) AS name, s.suppressed_at`;
const queuedFrom = `mail_queue q LEFT JOIN subscribers s ON s.id = q.subscriber_id
  LEFT JOIN accounts a ON a.id = q.account_id`;
const dueWhere = 'q.sent_at IS NULL AND q.failed_at IS NULL AND q.next_attempt_at <= ?';

/**
 * candidates reads the next batch to lease: the batch of the first due mail if an earlier
 * attempt claimed it (same rows, same key, so a provider that has it replays), else the
 * first due mails that no attempt claimed yet, up to the transport's batch size.
 */
async function candidates(deps: Deps, now: string): Promise<QueuedRow[]> {
  const parse = (rows: unknown[]) => rows.map((r) => QueuedRow.parse(r));
  const size = deps.transport.maxBatchSize;
  // One read in the common case: the first due mails, in the order they are sent.
  const due = parse(
    await deps.db.all(
      `SELECT ${queuedColumns} FROM ${queuedFrom}
        WHERE ${dueWhere} ORDER BY q.next_attempt_at, q.id LIMIT ?`,
      [now, size],
    ),
  );
  const first = due[0];
  if (!first) return [];
  if (first.batch_key !== null) {
    return parse(
      await deps.db.all(
        `SELECT ${queuedColumns} FROM ${queuedFrom}
          WHERE q.batch_key = ? AND ${dueWhere} ORDER BY q.id`,
        [first.batch_key, now],
      ),
    );
  }
  const unclaimed = due.filter((r) => r.batch_key === null);
  // Fewer rows than asked for are all the due mails; a full read of unclaimed ones is the batch.
  if (due.length < size || unclaimed.length === due.length) return unclaimed;
  // Claimed mails stood among the first ones: read the unclaimed ones past them.
  return parse(
    await deps.db.all(
      `SELECT ${queuedColumns} FROM ${queuedFrom}
        WHERE q.batch_key IS NULL AND ${dueWhere} ORDER BY q.next_attempt_at, q.id LIMIT ?`,
      [now, size],
    ),
  );
}

/**
 * transactionalMails is the store of queued transactional mails for the dispatcher. A lease
 * sets the rows' next_attempt_at to the end of the lease (DELIVERY_LEASE_SECONDS), counts the
 * attempt and fixes the batch key, in one statement that only takes rows still due, so two
 * lanes or processes never hold the same mail. That moment is also the lease's token: every
 * outcome is written only to rows that still carry it. A crashed holder's mails are simply
 * due again when the lease ends, under the same key. A suppressed address (bounce,
 * complaint) gets nothing.
 */
export function transactionalMails(deps: Deps): OutgoingStore {
  let prunedAt = Number.NEGATIVE_INFINITY;
  // The lanes of one process lease one after the other: woken together, they would all read
  // the same due mails and all but one claim nothing. Other processes are kept apart by the
  // claim's guard.
  let leasing: Promise<unknown> = Promise.resolve();
  // One batch of transactional mail in flight per process (as long as its lease lasts, in
  // case its outcome is never recorded): the mails that come in meanwhile wait for it and
  // go together in the next call. Lanes that each leased what had just come in split a
  // stream of signups into three times as many provider calls of a third the size, and a
  // call costs far more than a mail in it. Other work (campaign batches) goes on meanwhile.
  let inFlightUntil = 0;
  const lease = async (now: Date): Promise<Work | undefined> => {
    if (now.getTime() < inFlightUntil) return undefined;
    const at = now.toISOString();
    for (let tries = 0; tries < 10; tries++) {
      const rows = await candidates(deps, at);
      if (rows.length === 0) return undefined;
      const suppressed = rows.filter((r) => r.suppressed_at !== null);
      if (suppressed.length > 0) {
        await deps.db.batch([
          stmt(
            `UPDATE mail_queue SET failed_at = ?, last_error = 'adres uitgesloten (bounce of klacht)'
              WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL AND failed_at IS NULL`,
            [at, idList(suppressed)],
          ),
        ]);
      }
      const sendable = rows.filter((r) => r.suppressed_at === null);
      if (sendable.length === 0) continue;
      const key = sendable[0]!.batch_key ?? batchKeyOf(sendable);
      const leaseUntil = new Date(now.getTime() + deps.config.deliveryLeaseSeconds * 1000).toISOString();
      const [claimed] = await deps.db.batch([
        stmt(
          `UPDATE mail_queue SET attempts = attempts + 1, batch_key = ?, next_attempt_at = ?
            WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL AND failed_at IS NULL
              AND next_attempt_at <= ?`,
          [key, leaseUntil, idList(sendable), at],
        ),
      ]);
      let held = sendable;
      if ((claimed?.changes ?? 0) < sendable.length) {
        // Another process took some of them first: keep only the rows this lease holds.
        const mine = new Set(
          (
            await deps.db.all<{ id: number }>(
              'SELECT id FROM mail_queue WHERE batch_key = ? AND next_attempt_at = ? AND id IN (SELECT value FROM json_each(?))',
              [key, leaseUntil, idList(sendable)],
            )
          ).map((r) => r.id),
        );
        held = sendable.filter((r) => mine.has(r.id));
      }
      if (held.length > 0) {
        inFlightUntil = Date.parse(leaseUntil);
        const work = mailWork(deps, held, key, leaseUntil);
        return {
          ...work,
          record: (outcome, recordedAt) =>
            work.record(outcome, recordedAt).finally(() => {
              if (inFlightUntil === Date.parse(leaseUntil)) inFlightUntil = 0;
            }),
        };
      }
    }
    return undefined;
  };
  return {
    async due(now) {
      if (now.getTime() < inFlightUntil) return null;
      const row = await deps.db.get(`SELECT 1 FROM mail_queue q WHERE ${dueWhere} LIMIT 1`, [
        now.toISOString(),
      ]);
      return row ? 'transactional' : null;
    },
    lease(now) {
      const next = leasing.then(() => lease(now));
      leasing = next.catch(() => {});
      return next;
    },
    async housekeeping(now) {
      if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = now.getTime();
      await pruneSentMail(deps);
    },
  };
}

function mailWork(deps: Deps, rows: QueuedRow[], key: string, leaseUntil: string): Work {
  const oldest = Math.min(...rows.map((r) => Date.parse(r.created_at)));
  return {
    priority: 'transactional',
    label: { mailKey: key },
    idempotencyKey: key,
    attempts: Math.max(...rows.map((r) => r.attempts)) + 1,
    giveUpAt: new Date(oldest + GIVE_UP_AFTER_MS),
    giveUpReason: 'opgegeven na 7 dagen',
    mails: rows.length,
    build: () => Promise.all(rows.map((r) => messageOf(deps, r))),
    record: (outcome, at) => recordMails(deps, rows, key, leaseUntil, outcome, at.toISOString()),
  };
}

async function messageOf(deps: Deps, r: QueuedRow): Promise<OutgoingMessage> {
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
}

/** recordMails writes an outcome to the rows this lease still holds (same key, same lease end). */
async function recordMails(
  deps: Deps,
  rows: QueuedRow[],
  key: string,
  leaseUntil: string,
  outcome: WorkOutcome,
  at: string,
): Promise<void> {
  const held = 'id IN (SELECT value FROM json_each(?)) AND batch_key = ? AND next_attempt_at = ?';
  const mine = (list: { id: number }[]) => [idList(list), key, leaseUntil];
  switch (outcome.kind) {
    case 'sent': {
      const refused = rows.flatMap((r, i) => {
        const result = outcome.results[i];
        return result && 'refused' in result ? [{ id: r.id, reason: result.refused }] : [];
      });
      await deps.db.batch([
        ...refused.map((r) =>
          stmt(`UPDATE mail_queue SET failed_at = ?, last_error = ? WHERE ${held}`, [
            at,
            `refused: ${r.reason}`,
            ...mine([r]),
          ]),
        ),
        stmt(`UPDATE mail_queue SET sent_at = ?, last_error = NULL WHERE ${held} AND failed_at IS NULL`, [
          at,
          ...mine(rows),
        ]),
      ]);
      return;
    }
    case 'retry':
      await deps.db.batch([
        stmt(
          `UPDATE mail_queue SET attempts = attempts - ?, next_attempt_at = ?, last_error = ? WHERE ${held}`,
          [
            outcome.countsAsAttempt ? 0 : 1,
            outcome.dueAt.toISOString(),
            `${outcome.cause}: ${outcome.reason}`,
            ...mine(rows),
          ],
        ),
      ]);
      return;
    case 'failed':
      await deps.db.batch([
        stmt(
          outcome.cause === 'expired'
            ? `UPDATE mail_queue SET failed_at = ?, last_error = coalesce(last_error || ' ', '') || '(' || ? || ')' WHERE ${held}`
            : `UPDATE mail_queue SET failed_at = ?, last_error = ? WHERE ${held}`,
          [
            at,
            outcome.cause === 'expired' ? outcome.reason : `${outcome.cause}: ${outcome.reason}`,
            ...mine(rows),
          ],
        ),
      ]);
      return;
  }
}

/** DrainResult counts what one drain did, in mails. */
export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * drainMailQueue sends every transactional mail that is due, one dispatcher step after the
 * other without waiting for tokens, and counts what became of them: for tests stepping
 * through the queue and for the signup benchmark's final drain. A 429 still pauses the
 * shared bucket.
 */
export async function drainMailQueue(deps: Deps): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  const store = transactionalMails(deps);
  const opts = { bucket: deps.runtime.sendBucket, pace: false, now: deps.now, log: deps.log };
  for (;;) {
    const step = await dispatchOnce(store, deps.transport, opts);
    if (step.kind === 'idle') return result;
    if (step.kind === 'sent' || step.kind === 'empty') {
      result.sent += step.messages - (step.refused ?? 0);
      result.failed += step.refused ?? 0;
    } else if (step.kind === 'rate_limited' || step.kind === 'retryable') result.retrying += step.messages;
    else result.failed += step.messages;
  }
}

/** pruneSentMail forgets sent and failed mails older than KEEP_SENT_MS. */
export async function pruneSentMail(deps: Pick<AppDeps, 'db' | 'now'>): Promise<number> {
  const before = new Date(deps.now().getTime() - KEEP_SENT_MS).toISOString();
  const r = await deps.db.run('DELETE FROM mail_queue WHERE coalesce(sent_at, failed_at) < ?', [before]);
  return r.changes;
}

/**
 * nextMailDueAt is when the earliest transactional mail not yet sent or failed is due (a
 * lease's end counts as due), or null when none waits: a Queue consumer schedules its next
 * wake for it.
 */
export async function nextMailDueAt(deps: Pick<AppDeps, 'db'>): Promise<Date | null> {
  const row = await deps.db.get<{ at: string | null }>(
    'SELECT min(next_attempt_at) AS at FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL',
  );
  return row?.at ? new Date(row.at) : null;
}
