import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';

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
