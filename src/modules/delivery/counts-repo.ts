import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowOf, rowsOf } from '../../db/rows.js';

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

// SUM over no rows is NULL: before the freeze every count is 0.
const count = z
  .number()
  .nullable()
  .transform((n) => n ?? 0);

const CountsRow = z.object({
  total: z.number(),
  queued: count,
  sent: count,
  delivered: count,
  failed: count,
  bounced: count,
  complained: count,
  skipped: count,
  cancelled: count,
});

/** deliveryCounts counts a campaign's deliveries by status in one pass; all zero before the freeze. */
export async function deliveryCounts(db: Db, campaignId: number): Promise<DeliveryCounts> {
  return rowOf(
    CountsRow,
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
  return rowsOf(
    ReceivedRow,
    await db.all(
      `SELECT d.campaign_id, c.subject, c.kind, d.status, d.sent_at, d.updated_at, d.error
         FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
        WHERE d.subscriber_id = ? ORDER BY d.id DESC LIMIT ?`,
      [subscriberId, limit],
    ),
  );
}
