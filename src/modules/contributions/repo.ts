// SQL of the contributions table. Campaigns (their subject and status) and stadsdorpen (their
// names) are read through their own modules, not joined here.
import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { type Camel, rowOf, rowsOf } from '../../db/rows.js';
import { ContributionKind, ContributionStatus } from './schema.js';

const ContributionRow = z.object({
  id: z.number(),
  stadsdorp_id: z.number(),
  account_id: z.number().nullable(),
  submitted_by: z.string(),
  kind: ContributionKind,
  item_json: z.string(),
  photo_id: z.number().nullable(),
  status: ContributionStatus,
  campaign_id: z.number().nullable(),
  decline_reason: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  created_at: z.string(),
});
/** ContributionRow is a row as stored: the item still as JSON. */
export type ContributionRow = Camel<z.infer<typeof ContributionRow>>;

// Waiting for the CoCo: submitted, or taken into a draft that was deleted since (the campaign
// went, its id with it).
const waiting = "(status = 'submitted' OR (status = 'taken' AND campaign_id IS NULL))";

/** insertContribution writes a submitted item; answers its id. */
export async function insertContribution(
  db: Db,
  c: {
    stadsdorpId: number;
    accountId: number;
    submittedBy: string;
    kind: ContributionKind;
    item: unknown;
    photoId: number | null;
    now: string;
  },
): Promise<number> {
  const r = await db.run(
    `INSERT INTO contributions (stadsdorp_id, account_id, submitted_by, kind, item_json, photo_id, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?)`,
    [c.stadsdorpId, c.accountId, c.submittedBy, c.kind, JSON.stringify(c.item), c.photoId, c.now],
  );
  return r.lastRowId;
}

/** countTakenInto counts the items taken into one campaign. */
export async function countTakenInto(db: Db, campaignId: number): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM contributions WHERE status = 'taken' AND campaign_id = ?",
    [campaignId],
  );
  return row?.n ?? 0;
}

/** findContribution reads one contribution, or undefined. */
export async function findContribution(db: Db, id: number): Promise<ContributionRow | undefined> {
  const row = await db.get('SELECT * FROM contributions WHERE id = ?', [id]);
  return row ? rowOf(ContributionRow, row) : undefined;
}

/** contributionsOfStadsdorp lists one stadsdorp's items, newest first (at most `limit`). */
export async function contributionsOfStadsdorp(
  db: Db,
  stadsdorpId: number,
  limit = 200,
): Promise<ContributionRow[]> {
  const rows = await db.all('SELECT * FROM contributions WHERE stadsdorp_id = ? ORDER BY id DESC LIMIT ?', [
    stadsdorpId,
    limit,
  ]);
  return rowsOf(ContributionRow, rows);
}

/** waitingContributions lists every item waiting for the CoCo, oldest first. */
export async function waitingContributionRows(db: Db, limit = 500): Promise<ContributionRow[]> {
  const rows = await db.all(`SELECT * FROM contributions WHERE ${waiting} ORDER BY id LIMIT ?`, [limit]);
  return rowsOf(ContributionRow, rows);
}

/**
 * markTaken marks a waiting item taken into a campaign; false when it no longer waits (taken
 * or declined meanwhile), so two CoCo members cannot take it twice.
 */
export async function markTaken(
  db: Db,
  id: number,
  m: { campaignId: number; by: string; now: string },
): Promise<boolean> {
  const r = await db.run(
    `UPDATE contributions SET status = 'taken', campaign_id = ?, decided_by = ?, decided_at = ?
      WHERE id = ? AND ${waiting}`,
    [m.campaignId, m.by, m.now, id],
  );
  return r.changes === 1;
}

/** unmarkTaken puts an item back to waiting when the campaign refused it after markTaken. */
export async function unmarkTaken(db: Db, id: number, campaignId: number): Promise<void> {
  await db.run(
    `UPDATE contributions SET status = 'submitted', campaign_id = NULL, decided_by = NULL, decided_at = NULL
      WHERE id = ? AND status = 'taken' AND campaign_id = ?`,
    [id, campaignId],
  );
}

/** declineStmt declines a waiting item with the CoCo's reason, for the batch that also queues the mail. */
export function declineStmt(id: number, d: { reason: string; by: string; now: string }): Statement {
  return stmt(
    `UPDATE contributions SET status = 'declined', campaign_id = NULL, decline_reason = ?, decided_by = ?, decided_at = ?
      WHERE id = ? AND ${waiting}`,
    [d.reason, d.by, d.now, id],
  );
}
