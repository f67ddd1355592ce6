import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowsOf } from '../../db/rows.js';
import { completeStatement } from '../campaigns/status.js';
import { openBatchesSql } from './status-repo.js';

/** recoverExpiredLeases returns batches whose holder vanished (a crash) to the queue. */
export async function recoverExpiredLeases(db: Db, now: string): Promise<number> {
  const r = await db.run(
    `UPDATE delivery_batches SET status = 'queued', lease_token = NULL, lease_expires_at = NULL, due_at = ?1
      WHERE status = 'leased' AND lease_expires_at <= ?1`,
    [now],
  );
  return r.changes;
}

/**
 * leasableSql finds batches that may be leased now: queued and due, of a sending campaign;
 * of a cancelled one only those already attempted (to learn what the provider did).
 */
const leasableWhere = `b.status = 'queued' AND b.due_at <= ?1
     AND (c.status = 'sending' OR (c.status = 'cancelled' AND b.attempts > 0))`;
const leasableSql = `
  SELECT b.id FROM delivery_batches b JOIN campaigns c ON c.id = b.campaign_id
   WHERE ${leasableWhere} AND (?4 IS NULL OR b.id = ?4)
   ORDER BY b.due_at, b.id LIMIT 1`;

/**
 * hasLeasableBatch tells whether a batch is due, without leasing it (the worker then waits for
 * a token); with `only`, whether that one batch is (a Queue message names its batch).
 */
export async function hasLeasableBatch(db: Db, now: string, only: number | null = null): Promise<boolean> {
  return (await db.get(leasableSql, [now, null, null, only])) !== undefined;
}

/**
 * waitingBatches lists the queued batches of campaigns that are sending: the Queue messages a Worker sends after a freeze or a resume, and the cron's
 * look for batches whose message went missing (`dueBefore`: only those due since then).
 */
export async function waitingBatches(
  db: Db,
  opts: { dueBefore?: string; limit: number },
): Promise<{ id: number; dueAt: string }[]> {
  const rows = await db.all<{ id: number; due_at: string }>(
    `SELECT b.id, b.due_at FROM delivery_batches b JOIN campaigns c ON c.id = b.campaign_id
      WHERE c.status = 'sending' AND b.status = 'queued' AND (?1 IS NULL OR b.due_at <= ?1)
      ORDER BY b.due_at, b.id LIMIT ?2`,
    [opts.dueBefore ?? null, opts.limit],
  );
  return rows.map((r) => ({ id: r.id, dueAt: r.due_at }));
}

/** BatchQueueState is what a Queue consumer needs to know of one batch after a dispatch step. */
export interface BatchQueueState {
  /** queued, leased, sent, failed or cancelled. */
  status: string;
  /** Whether a dispatcher may take it when it is due (its campaign sends, or was cancelled after an attempt). */
  sendable: boolean;
  dueAt: string;
  leaseExpiresAt: string | null;
}

/** batchQueueState reads one batch's state, or undefined when there is no such batch (its campaign was deleted). */
export async function batchQueueState(db: Db, batchId: number): Promise<BatchQueueState | undefined> {
  const row = await db.get<{
    status: string;
    sendable: number;
    due_at: string;
    lease_expires_at: string | null;
  }>(
    `SELECT b.status, b.due_at, b.lease_expires_at,
            (c.status = 'sending' OR (c.status = 'cancelled' AND b.attempts > 0)) AS sendable
       FROM delivery_batches b JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = ?`,
    [batchId],
  );
  return (
    row && {
      status: row.status,
      sendable: row.sendable === 1,
      dueAt: row.due_at,
      leaseExpiresAt: row.lease_expires_at,
    }
  );
}

/**
 * abandonBatchStatements fail a batch still open (queued or leased) whatever holds it: the
 * Queue's dead-letter consumer gives up on it. Its queued deliveries fail with the reason; a
 * holder that still runs finds its lease gone and records nothing. Failing never sends, so a
 * recipient still gets at most one copy.
 */
export function abandonBatchStatements(batchId: number, reason: string, now: string): Statement[] {
  const open =
    "SELECT campaign_id, batch_no FROM delivery_batches WHERE id = ? AND status IN ('queued', 'leased')";
  return [
    stmt(
      `UPDATE deliveries SET status = 'failed', error = ?, updated_at = ?
        WHERE status = 'queued' AND (campaign_id, batch_no) IN (${open})`,
      [reason, now, batchId],
    ),
    stmt(
      `UPDATE delivery_batches SET status = 'failed', finished_at = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL
        WHERE id = ? AND status IN ('queued', 'leased')`,
      [now, reason, batchId],
    ),
    completeStatement(now, openBatchesSql),
  ];
}

const LeasedRow = z.object({
  id: z.number(),
  campaign_id: z.number(),
  batch_no: z.number(),
  attempts: z.number(),
  built_at: z.string().nullable(),
  payload_hash: z.string().nullable(),
  first_attempt_at: z.string().nullable(),
});

/** LeasedBatch is a batch this worker holds until leaseExpiresAt. */
export interface LeasedBatch {
  id: number;
  campaignId: number;
  batchNo: number;
  leaseToken: string;
  attempts: number;
  built: boolean;
  payloadHash: string | null;
  firstAttemptAt: string;
}

/** leaseNextBatch takes the next due batch in one statement, so two workers never hold the same one. */
export async function leaseNextBatch(
  db: Db,
  l: { now: string; leaseToken: string; leaseExpiresAt: string; only?: number | null },
): Promise<LeasedBatch | undefined> {
  const rows = await db.all(
    `UPDATE delivery_batches
        SET status = 'leased', lease_token = ?2, lease_expires_at = ?3, attempts = attempts + 1,
            first_attempt_at = COALESCE(first_attempt_at, ?1)
      WHERE id = (${leasableSql}) AND status = 'queued'
      RETURNING id, campaign_id, batch_no, attempts, built_at, payload_hash, first_attempt_at`,
    [l.now, l.leaseToken, l.leaseExpiresAt, l.only ?? null],
  );
  if (rows.length === 0) return undefined;
  const r = LeasedRow.parse(rows[0]);
  return {
    id: r.id,
    campaignId: r.campaign_id,
    batchNo: r.batch_no,
    leaseToken: l.leaseToken,
    attempts: r.attempts,
    built: r.built_at !== null,
    payloadHash: r.payload_hash,
    firstAttemptAt: r.first_attempt_at ?? l.now,
  };
}

const held = (batchId: number, leaseToken: string) =>
  stmt('SELECT 1 FROM delivery_batches WHERE id = ? AND lease_token = ?', [batchId, leaseToken]);

/**
 * buildStatements decides, once, who of a batch is in: recipients who unsubscribed or were
 * suppressed since the freeze are skipped. built_at records that the decision was taken;
 * later attempts read it back and never decide again, so the payload cannot change.
 */
export function buildStatements(b: LeasedBatch, lists: string[], now: string): Statement[] {
  return [
    stmt(
      `UPDATE deliveries SET status = 'skipped', error = 'afgemeld of geblokkeerd na het vastzetten', updated_at = ?4
        WHERE campaign_id = ?1 AND batch_no = ?2 AND status = 'queued'
          AND NOT EXISTS (
            SELECT 1 FROM subscriptions sub
              JOIN lists l ON l.id = sub.list_id
              JOIN subscribers s ON s.id = sub.subscriber_id AND s.suppressed_at IS NULL
             WHERE sub.subscriber_id = deliveries.subscriber_id AND sub.status = 'confirmed'
               AND l.slug IN (SELECT value FROM json_each(?3)))
          AND EXISTS (SELECT 1 FROM delivery_batches WHERE id = ?5 AND lease_token = ?6 AND built_at IS NULL)`,
      [b.campaignId, b.batchNo, JSON.stringify(lists), now, b.id, b.leaseToken],
    ),
    stmt('UPDATE delivery_batches SET built_at = ? WHERE id = ? AND lease_token = ? AND built_at IS NULL', [
      now,
      b.id,
      b.leaseToken,
    ]),
  ];
}

/** Recipient is one included delivery of a batch, with the values frozen for it. */
export interface Recipient {
  deliveryId: number;
  email: string;
  name: string | null;
  publicId: string;
  listSlug: string | null;
}

const RecipientRow = z.object({
  delivery_id: z.number(),
  email: z.string(),
  name: z.string().nullable(),
  public_id: z.string(),
  list_slug: z.string().nullable(),
});

/** batchRecipients reads the included deliveries of a batch in a fixed order. */
export async function batchRecipients(db: Db, campaignId: number, batchNo: number): Promise<Recipient[]> {
  const rows = await db.all(
    `SELECT id AS delivery_id, email, name, public_id, list_slug FROM deliveries
      WHERE campaign_id = ? AND batch_no = ? AND status NOT IN ('skipped', 'cancelled') ORDER BY id`,
    [campaignId, batchNo],
  );
  return rowsOf(RecipientRow, rows);
}

/** recordPayloadHash stores the hash of the first payload of a batch (kept from then on). */
export async function recordPayloadHash(db: Db, b: LeasedBatch, hash: string): Promise<void> {
  await db.run(
    'UPDATE delivery_batches SET payload_hash = ? WHERE id = ? AND lease_token = ? AND payload_hash IS NULL',
    [hash, b.id, b.leaseToken],
  );
}

const completeCampaign = (campaignId: number, now: string) =>
  completeStatement(now, openBatchesSql, campaignId);

/** DeliveryResult is what became of one delivery in an accepted batch. */
export type DeliveryResult =
  | { deliveryId: number; providerId: string }
  | { deliveryId: number; refused: string };

/**
 * forgetErasedStatement clears the address copies of people erased while their batch was
 * in flight: once the batch is finished nothing needs them (see forgetRecipientStatements).
 */
function forgetErasedStatement(b: LeasedBatch): Statement {
  return stmt(
    `UPDATE deliveries SET email = 'gewist', name = NULL, public_id = 'gewist'
      WHERE campaign_id = ? AND batch_no = ? AND subscriber_id IS NULL`,
    [b.campaignId, b.batchNo],
  );
}

/**
 * sentStatements records an accepted batch: provider ids on its deliveries, the batch done,
 * the campaign sent if it was the last. All guarded by the lease: a worker that lost its
 * lease records nothing (the new holder gets the same answer replayed under the same key).
 * The batch row is updated last, so the guard still holds for the statements before it.
 */
export function sentStatements(b: LeasedBatch, results: DeliveryResult[], now: string): Statement[] {
  const guard = held(b.id, b.leaseToken);
  const guardSql = `EXISTS (${guard.sql})`;
  return [
    ...results.map((r) =>
      'providerId' in r
        ? stmt(
            `UPDATE deliveries SET status = CASE WHEN status = 'queued' THEN 'sent' ELSE status END,
                    provider_id = ?, sent_at = ?, updated_at = ?
              WHERE id = ? AND ${guardSql}`,
            [r.providerId, now, now, r.deliveryId, ...(guard.params ?? [])],
          )
        : stmt(
            `UPDATE deliveries SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = 'queued' AND ${guardSql}`,
            [r.refused, now, r.deliveryId, ...(guard.params ?? [])],
          ),
    ),
    stmt(
      `UPDATE delivery_batches SET status = 'sent', finished_at = ?, lease_token = NULL, lease_expires_at = NULL, last_error = NULL
        WHERE id = ? AND lease_token = ?`,
      [now, b.id, b.leaseToken],
    ),
    forgetErasedStatement(b),
    completeCampaign(b.campaignId, now),
  ];
}

/** failedStatements records a batch the provider refused (or that can no longer be retried safely). */
export function failedStatements(b: LeasedBatch, reason: string, now: string): Statement[] {
  const guard = held(b.id, b.leaseToken);
  return [
    stmt(
      `UPDATE deliveries SET status = 'failed', error = ?, updated_at = ?
        WHERE campaign_id = ? AND batch_no = ? AND status = 'queued' AND EXISTS (${guard.sql})`,
      [reason, now, b.campaignId, b.batchNo, ...(guard.params ?? [])],
    ),
    stmt(
      `UPDATE delivery_batches SET status = 'failed', finished_at = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL
        WHERE id = ? AND lease_token = ?`,
      [now, reason, b.id, b.leaseToken],
    ),
    forgetErasedStatement(b),
    completeCampaign(b.campaignId, now),
  ];
}

/**
 * deferBatch returns a held batch to the queue until dueAt, with the same payload and key.
 * A 429 was never processed by the provider, so it does not count as an attempt.
 */
export async function deferBatch(
  db: Db,
  b: LeasedBatch,
  d: { dueAt: string; reason: string; countsAsAttempt: boolean },
): Promise<void> {
  await db.run(
    `UPDATE delivery_batches SET status = 'queued', due_at = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL,
            attempts = attempts - ?
      WHERE id = ? AND lease_token = ?`,
    [d.dueAt, d.reason, d.countsAsAttempt ? 0 : 1, b.id, b.leaseToken],
  );
}

/**
 * forgetRecipientStatements forget the copies of a person's address that deliveries keep for
 * retries, in the batch of their erase (subscribers' erasePerson runs them as its ForgetCopies).
 * Where that copy can no longer be needed (the batch's payload is not decided yet, or the
 * delivery is done), it goes; an undecided delivery is skipped. Only a batch already built and
 * still in flight keeps it, since its retry must send the same payload; it is cleared when
 * that batch ends (forgetErasedStatement).
 */
export function forgetRecipientStatements(subscriberId: number, now: string): Statement[] {
  return [
    stmt(
      `UPDATE deliveries SET status = 'skipped', error = 'gegevens gewist', updated_at = ?
       WHERE subscriber_id = ? AND status = 'queued' AND NOT EXISTS (
         SELECT 1 FROM delivery_batches b
         WHERE b.campaign_id = deliveries.campaign_id AND b.batch_no = deliveries.batch_no AND b.built_at IS NOT NULL)`,
      [now, subscriberId],
    ),
    stmt(
      `UPDATE deliveries SET email = 'gewist', name = NULL, public_id = 'gewist'
       WHERE subscriber_id = ? AND status <> 'queued'`,
      [subscriberId],
    ),
  ];
}
