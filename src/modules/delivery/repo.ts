import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { ACTIVE_STATUSES } from '../subscribers/schema.js';

/** DeliveryCounts is the progress of one campaign, as a UI shows it. */
export interface DeliveryCounts {
  /** Every recipient frozen for the campaign. */
  total: number;
  /** Not yet handed to the provider. */
  queued: number;
  /** Accepted by the provider (delivered, bounced and complained included). */
  sent: number;
  delivered: number;
  failed: number;
  bounced: number;
  complained: number;
  /** Unsubscribed or suppressed between the freeze and the building of their batch. */
  skipped: number;
  /** Left in the queue when the campaign was cancelled. */
  cancelled: number;
}

const CountsRow = z.object({
  total: z.number(),
  queued: z.number().nullable(),
  sent: z.number().nullable(),
  delivered: z.number().nullable(),
  failed: z.number().nullable(),
  bounced: z.number().nullable(),
  complained: z.number().nullable(),
  skipped: z.number().nullable(),
  cancelled: z.number().nullable(),
});

/** deliveryCounts counts a campaign's deliveries by status in one pass; all zero before the freeze. */
export async function deliveryCounts(db: Db, campaignId: number): Promise<DeliveryCounts> {
  const row = CountsRow.parse(
    await db.get(
      `SELECT COUNT(*) AS total,
              SUM(status = 'queued') AS queued,
              SUM(status IN ('sent', 'delivered', 'bounced', 'complained')) AS sent,
              SUM(status = 'delivered') AS delivered,
              SUM(status = 'failed') AS failed,
              SUM(status = 'bounced') AS bounced,
              SUM(status = 'complained') AS complained,
              SUM(status = 'skipped') AS skipped,
              SUM(status = 'cancelled') AS cancelled
         FROM deliveries WHERE campaign_id = ?`,
      [campaignId],
    ),
  );
  return {
    total: row.total,
    queued: row.queued ?? 0,
    sent: row.sent ?? 0,
    delivered: row.delivered ?? 0,
    failed: row.failed ?? 0,
    bounced: row.bounced ?? 0,
    complained: row.complained ?? 0,
    skipped: row.skipped ?? 0,
    cancelled: row.cancelled ?? 0,
  };
}

/** audienceSql selects each distinct confirmed, unsuppressed recipient of the lists in JSON param ?1, with the one target list they are on (NULL if several). */
const audienceSql = `
  SELECT sub.subscriber_id, CASE WHEN COUNT(*) = 1 THEN MIN(l.slug) END AS list_slug
    FROM subscriptions sub
    JOIN lists l ON l.id = sub.list_id
    JOIN subscribers s ON s.id = sub.subscriber_id AND s.suppressed_at IS NULL
   WHERE sub.status = 'confirmed' AND l.slug IN (SELECT value FROM json_each(?1))
   GROUP BY sub.subscriber_id`;

/** countAudience counts the distinct recipients a freeze of these lists would write. */
export async function countAudience(db: Db, lists: string[]): Promise<number> {
  const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${audienceSql})`, [
    JSON.stringify(lists),
  ]);
  return row?.n ?? 0;
}

/** Snapshot is the content of a campaign rendered once at its freeze, placeholders included. */
export interface Snapshot {
  campaignId: number;
  /** Random per freeze; part of every idempotency key of the campaign. */
  freezeId: string;
  subject: string;
  html: string;
  text: string;
  lists: string[];
}

/**
 * freezeStatements is the freeze as one batch. Every statement after the first acts only
 * through the snapshot row with this freezeId, and the first inserts that row only if the
 * campaign is still as it was rendered (status, updated_at) and has at least one recipient.
 * So the batch either freezes everything or changes nothing, and a second freeze fails on
 * the snapshot's primary key.
 */
export function freezeStatements(f: {
  campaignId: number;
  freezeId: string;
  renderedAt: string;
  snapshot: Omit<Snapshot, 'campaignId' | 'freezeId'>;
  batchSize: number;
  now: string;
}): Statement[] {
  const lists = JSON.stringify(f.snapshot.lists);
  return [
    stmt(
      `INSERT INTO campaign_snapshots (campaign_id, freeze_id, subject, html, text, lists_json, frozen_at)
       SELECT c.id, ?2, ?3, ?4, ?5, ?1, ?6 FROM campaigns c
        WHERE c.id = ?7 AND c.status IN ('draft', 'scheduled') AND c.updated_at = ?8
          AND EXISTS (${audienceSql})`,
      [
        lists,
        f.freezeId,
        f.snapshot.subject,
        f.snapshot.html,
        f.snapshot.text,
        f.now,
        f.campaignId,
        f.renderedAt,
      ],
    ),
    stmt(
      `INSERT INTO deliveries (campaign_id, batch_no, subscriber_id, email, name, public_id, list_slug, updated_at)
       SELECT sn.campaign_id, (ROW_NUMBER() OVER (ORDER BY r.subscriber_id) - 1) / CAST(?3 AS INTEGER),
              r.subscriber_id, s.email, s.name, s.public_id, r.list_slug, ?4
         FROM campaign_snapshots sn
         JOIN (${audienceSql}) r
         JOIN subscribers s ON s.id = r.subscriber_id
        WHERE sn.freeze_id = ?2`,
      [lists, f.freezeId, f.batchSize, f.now],
    ),
    stmt(
      `INSERT INTO delivery_batches (campaign_id, batch_no, due_at)
       SELECT campaign_id, batch_no, ?2 FROM deliveries
        WHERE campaign_id = (SELECT campaign_id FROM campaign_snapshots WHERE freeze_id = ?1)
        GROUP BY batch_no`,
      [f.freezeId, f.now],
    ),
    stmt(
      `UPDATE campaigns SET status = 'sending', started_at = ?2, updated_at = ?2
        WHERE id = (SELECT campaign_id FROM campaign_snapshots WHERE freeze_id = ?1)`,
      [f.freezeId, f.now],
    ),
  ];
}

const SnapshotRow = z.object({
  campaign_id: z.number(),
  freeze_id: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  lists_json: z.string(),
});

/** getSnapshot reads the frozen content of a campaign. */
export async function getSnapshot(db: Db, campaignId: number): Promise<Snapshot | undefined> {
  const row = await db.get('SELECT * FROM campaign_snapshots WHERE campaign_id = ?', [campaignId]);
  if (!row) return undefined;
  const r = SnapshotRow.parse(row);
  return {
    campaignId: r.campaign_id,
    freezeId: r.freeze_id,
    subject: r.subject,
    html: r.html,
    text: r.text,
    lists: z.array(z.string()).parse(JSON.parse(r.lists_json)),
  };
}

/** snapshotFreezeId reads only the freeze id of a campaign's snapshot (cheap; the content is cached by it). */
export async function snapshotFreezeId(db: Db, campaignId: number): Promise<string | undefined> {
  return (
    await db.get<{ freeze_id: string }>('SELECT freeze_id FROM campaign_snapshots WHERE campaign_id = ?', [
      campaignId,
    ])
  )?.freeze_id;
}

/** campaignState reads the fields of a campaign the delivery module decides on. */
export async function campaignState(db: Db, campaignId: number) {
  const row = await db.get('SELECT id, status, updated_at, lists_json FROM campaigns WHERE id = ?', [
    campaignId,
  ]);
  if (!row) return undefined;
  const r = z
    .object({ id: z.number(), status: z.string(), updated_at: z.string(), lists_json: z.string() })
    .parse(row);
  return {
    id: r.id,
    status: r.status,
    updatedAt: r.updated_at,
    lists: z.array(z.string()).parse(JSON.parse(r.lists_json)),
  };
}

/** setScheduled marks a draft scheduled at a moment; false if it was not a draft. */
export async function setScheduled(db: Db, campaignId: number, at: string, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET status = 'scheduled', scheduled_at = ?, updated_at = ? WHERE id = ? AND status = 'draft'`,
    [at, now, campaignId],
  );
  return r.changes > 0;
}

/** unschedule returns a scheduled campaign to draft (nothing was frozen yet). */
export async function unschedule(db: Db, campaignId: number, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET status = 'draft', scheduled_at = NULL, updated_at = ? WHERE id = ? AND status = 'scheduled'`,
    [now, campaignId],
  );
  return r.changes > 0;
}

/** dueScheduledCampaigns lists scheduled campaigns whose moment has come. */
export async function dueScheduledCampaigns(db: Db, now: string): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    `SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id`,
    [now],
  );
  return rows.map((r) => r.id);
}

/** setCampaignStatus moves a campaign from one status to another; false if it was not in `from`. */
export async function setCampaignStatus(
  db: Db,
  campaignId: number,
  from: string,
  to: string,
  now: string,
): Promise<boolean> {
  const r = await db.run('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
    to,
    now,
    campaignId,
    from,
  ]);
  return r.changes > 0;
}

/**
 * cancelStatements cancels what was never attempted. Batches with an attempt behind them stay:
 * the provider may hold them, and only a retry with the same key tells (it replays or sends).
 */
export function cancelStatements(campaignId: number, now: string): Statement[] {
  const live = `EXISTS (SELECT 1 FROM campaigns WHERE id = ?1 AND status IN ('sending', 'paused'))`;
  return [
    stmt(
      `UPDATE deliveries SET status = 'cancelled', updated_at = ?2
        WHERE campaign_id = ?1 AND status = 'queued' AND ${live}
          AND batch_no IN (SELECT batch_no FROM delivery_batches WHERE campaign_id = ?1 AND status = 'queued' AND attempts = 0)`,
      [campaignId, now],
    ),
    stmt(
      `UPDATE delivery_batches SET status = 'cancelled', finished_at = ?2
        WHERE campaign_id = ?1 AND status = 'queued' AND attempts = 0 AND ${live}`,
      [campaignId, now],
    ),
    stmt(
      `UPDATE campaigns SET status = 'cancelled', updated_at = ?2 WHERE id = ?1 AND status IN ('sending', 'paused')`,
      [campaignId, now],
    ),
  ];
}

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
const leasableSql = `
  SELECT b.id FROM delivery_batches b JOIN campaigns c ON c.id = b.campaign_id
   WHERE b.status = 'queued' AND b.due_at <= ?1
     AND (c.status = 'sending' OR (c.status = 'cancelled' AND b.attempts > 0))
   ORDER BY b.due_at, b.id LIMIT 1`;

/** hasLeasableBatch tells whether a batch is due, without leasing it (the worker then waits for a token). */
export async function hasLeasableBatch(db: Db, now: string): Promise<boolean> {
  return (await db.get(leasableSql, [now])) !== undefined;
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
  l: { now: string; leaseToken: string; leaseExpiresAt: string },
): Promise<LeasedBatch | undefined> {
  const rows = await db.all(
    `UPDATE delivery_batches
        SET status = 'leased', lease_token = ?2, lease_expires_at = ?3, attempts = attempts + 1,
            first_attempt_at = COALESCE(first_attempt_at, ?1)
      WHERE id = (${leasableSql}) AND status = 'queued'
      RETURNING id, campaign_id, batch_no, attempts, built_at, payload_hash, first_attempt_at`,
    [l.now, l.leaseToken, l.leaseExpiresAt],
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

/** batchRecipients reads the included deliveries of a batch in a fixed order. */
export async function batchRecipients(db: Db, campaignId: number, batchNo: number): Promise<Recipient[]> {
  const rows = await db.all(
    `SELECT id, email, name, public_id, list_slug FROM deliveries
      WHERE campaign_id = ? AND batch_no = ? AND status NOT IN ('skipped', 'cancelled') ORDER BY id`,
    [campaignId, batchNo],
  );
  return rows.map((raw) => {
    const r = z
      .object({
        id: z.number(),
        email: z.string(),
        name: z.string().nullable(),
        public_id: z.string(),
        list_slug: z.string().nullable(),
      })
      .parse(raw);
    return { deliveryId: r.id, email: r.email, name: r.name, publicId: r.public_id, listSlug: r.list_slug };
  });
}

/** recordPayloadHash stores the hash of the first payload of a batch (kept from then on). */
export async function recordPayloadHash(db: Db, b: LeasedBatch, hash: string): Promise<void> {
  await db.run(
    'UPDATE delivery_batches SET payload_hash = ? WHERE id = ? AND lease_token = ? AND payload_hash IS NULL',
    [hash, b.id, b.leaseToken],
  );
}

const completeCampaign = (campaignId: number, now: string) =>
  stmt(
    `UPDATE campaigns SET status = 'sent', sent_at = ?2, updated_at = ?2
      WHERE id = ?1 AND status = 'sending'
        AND NOT EXISTS (SELECT 1 FROM delivery_batches WHERE campaign_id = ?1 AND status IN ('queued', 'leased'))`,
    [campaignId, now],
  );

/** DeliveryResult is what became of one delivery in an accepted batch. */
export type DeliveryResult =
  | { deliveryId: number; providerId: string }
  | { deliveryId: number; refused: string };

/**
 * forgetErasedStatement clears the address copies of people erased while their batch was
 * in flight: once the batch is finished nothing needs them (see eraseStmts in subscribers).
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

/** completeCampaigns marks sent every sending campaign with no batch left (e.g. all skipped). */
export async function completeCampaigns(db: Db, now: string): Promise<number> {
  const r = await db.run(
    `UPDATE campaigns SET status = 'sent', sent_at = ?1, updated_at = ?1
      WHERE status = 'sending'
        AND NOT EXISTS (SELECT 1 FROM delivery_batches b WHERE b.campaign_id = campaigns.id AND b.status IN ('queued', 'leased'))`,
    [now],
  );
  return r.changes;
}

/** webhookSeen tells whether a Svix message id was handled already. */
export async function webhookSeen(db: Db, svixId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM webhook_events WHERE svix_id = ?', [svixId])) !== undefined;
}

/** findDeliveryForEvent finds the delivery a provider event is about: by provider id, else by our tag. */
export async function findDeliveryForEvent(
  db: Db,
  e: { providerId: string | null; deliveryId: number | null },
): Promise<{ id: number; subscriberId: number | null } | undefined> {
  const row = await db.get<{ id: number; subscriber_id: number | null }>(
    `SELECT id, subscriber_id FROM deliveries WHERE provider_id = ?1
     UNION ALL SELECT id, subscriber_id FROM deliveries WHERE id = ?2
     LIMIT 1`,
    [e.providerId, e.deliveryId],
  );
  return row ? { id: row.id, subscriberId: row.subscriber_id } : undefined;
}

/** findSubscriberIdByEmail resolves a stored (normalised) address. */
export async function findSubscriberIdByEmail(db: Db, email: string): Promise<number | undefined> {
  return (await db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [email]))?.id;
}

/** markEventStatement records a Svix id; a replay fails on the primary key and rolls its batch back. */
export function markEventStatement(svixId: string, type: string): Statement {
  return stmt('INSERT INTO webhook_events (svix_id, type) VALUES (?, ?)', [svixId, type]);
}

/** deliveryEventStatement applies a provider event to a delivery; a later state never goes back to an earlier one. */
export function deliveryEventStatement(
  d: { deliveryId: number; providerId: string | null },
  e: {
    status: 'delivered' | 'bounced' | 'complained' | 'failed' | null;
    event: string;
    error: string | null;
    now: string;
  },
): Statement {
  const from: Record<string, string> = {
    delivered: `('queued', 'sent')`,
    failed: `('queued', 'sent')`,
    bounced: `('queued', 'sent', 'delivered')`,
    complained: `('queued', 'sent', 'delivered', 'bounced')`,
  };
  return stmt(
    `UPDATE deliveries
        SET status = CASE WHEN ?1 IS NOT NULL AND status IN ${e.status ? from[e.status] : '()'} THEN ?1 ELSE status END,
            error = COALESCE(?2, error), last_event = ?3, provider_id = COALESCE(provider_id, ?4), updated_at = ?5
      WHERE id = ?6`,
    [e.status, e.error, e.event, d.providerId, e.now, d.deliveryId],
  );
}

/**
 * suppressStatements suppresses an address on every list after a permanent bounce or a
 * complaint: each active subscription gets the new status and a consent log row.
 */
export function suppressStatements(s: {
  subscriberId: number;
  status: 'bounced' | 'complained';
  reason: string;
  now: string;
}): Statement[] {
  const active = `(${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;
  const action = s.status === 'bounced' ? 'bounce' : 'complaint';
  return [
    stmt(
      `INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at)
       SELECT subscriber_id, list_id, ?, 'webhook:resend', ?, ? FROM subscriptions
        WHERE subscriber_id = ? AND status IN ${active}`,
      [action, s.reason, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscriptions SET status = ?, updated_at = ? WHERE subscriber_id = ? AND status IN ${active}`,
      [s.status, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscribers SET suppressed_at = COALESCE(suppressed_at, ?1), suppression_reason = COALESCE(suppression_reason, ?2),
              updated_at = ?1
        WHERE id = ?3`,
      [s.now, s.reason, s.subscriberId],
    ),
  ];
}

const ReceivedRow = z.object({
  campaign_id: z.number(),
  subject: z.string(),
  kind: z.string(),
  status: z.string(),
  sent_at: z.string().nullable(),
  updated_at: z.string(),
  error: z.string().nullable(),
});

/** ReceivedMail is one campaign delivery to one person, as their page in beheer lists it. */
export interface ReceivedMail {
  campaignId: number;
  subject: string;
  kind: string;
  status: string;
  sentAt: string | null;
  updatedAt: string;
  error: string | null;
}

/** deliveriesOfSubscriber lists the newest deliveries to one person (deliveries_subscriber serves it). */
export async function deliveriesOfSubscriber(
  db: Db,
  subscriberId: number,
  limit: number,
): Promise<ReceivedMail[]> {
  const rows = await db.all(
    `SELECT d.campaign_id, c.subject, c.kind, d.status, d.sent_at, d.updated_at, d.error
       FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.subscriber_id = ? ORDER BY d.id DESC LIMIT ?`,
    [subscriberId, limit],
  );
  return rows.map((raw) => {
    const r = ReceivedRow.parse(raw);
    return {
      campaignId: r.campaign_id,
      subject: r.subject,
      kind: r.kind,
      status: r.status,
      sentAt: r.sent_at,
      updatedAt: r.updated_at,
      error: r.error,
    };
  });
}
