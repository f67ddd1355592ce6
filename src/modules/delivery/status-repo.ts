import { type Db, type Statement, stmt } from '../../db/port.js';
import { cancellableSql, cancelStatement, completeStatement } from '../campaigns/status.js';

/**
 * openBatchesSql finds a campaign's batches not yet finished (queued or leased), correlated
 * on `campaigns.id`: a campaign with none left is complete (campaigns' completeStatement).
 */
export const openBatchesSql = `SELECT 1 FROM delivery_batches b
   WHERE b.campaign_id = campaigns.id AND b.status IN ('queued', 'leased')`;

/**
 * cancelStatements cancels what was never attempted, with the campaign (campaigns' move, whose
 * rule the first two statements check too). Batches with an attempt behind them stay: the
 * provider may hold them, and only a retry with the same key tells (it replays or sends).
 */
export function cancelStatements(campaignId: number, now: string): Statement[] {
  return [
    stmt(
      `UPDATE deliveries SET status = 'cancelled', updated_at = ?2
        WHERE campaign_id = ?1 AND status = 'queued' AND ${cancellableSql}
          AND batch_no IN (SELECT batch_no FROM delivery_batches WHERE campaign_id = ?1 AND status = 'queued' AND attempts = 0)`,
      [campaignId, now],
    ),
    stmt(
      `UPDATE delivery_batches SET status = 'cancelled', finished_at = ?2
        WHERE campaign_id = ?1 AND status = 'queued' AND attempts = 0 AND ${cancellableSql}`,
      [campaignId, now],
    ),
    cancelStatement(campaignId, now),
  ];
}

/** completeCampaigns marks sent every sending campaign with no batch left (e.g. all skipped). */
export async function completeCampaigns(db: Db, now: string): Promise<number> {
  const done = completeStatement(now, openBatchesSql);
  return (await db.run(done.sql, done.params)).changes;
}
