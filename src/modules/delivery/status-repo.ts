import { type Db, type Statement, stmt } from '../../db/port.js';

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
