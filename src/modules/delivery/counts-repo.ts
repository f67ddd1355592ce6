import { z } from 'zod';
import type { Db } from '../../db/port.js';

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
