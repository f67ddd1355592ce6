import { z } from 'zod';
import type { Db } from '../../db/port.js';

const CountRow = z.object({
  list: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  n: z.number(),
});

/** statusCounts counts subscriptions per list and status; a list nobody is on has one row with status null. */
export async function statusCounts(db: Db): Promise<z.infer<typeof CountRow>[]> {
  const rows = await db.all(
    `SELECT l.slug AS list, l.name AS name, s.status AS status, count(s.subscriber_id) AS n
       FROM lists l LEFT JOIN subscriptions s ON s.list_id = l.id
      GROUP BY l.id, s.status ORDER BY l.id, s.status`,
  );
  return rows.map((r) => CountRow.parse(r));
}

/** SignupSource is where a signup came from, as the start page's chart groups them. */
export type SignupSource = 'bron' | 'form' | 'api' | 'other';

const WeekRow = z.object({
  week: z.string(),
  source: z.enum(['bron', 'form', 'api', 'other']),
  n: z.number(),
});

/**
 * weeklySignups counts people who signed up per week (Monday, UTC) and source since a moment:
 * one per person per week and source, however many lists they chose. A signup with a `bron`
 * (a poster's QR code, a link on a website) counts as such whatever form carried it. An erased
 * person still counts (by hash).
 */
export async function weeklySignups(
  db: Db,
  fromIso: string,
): Promise<{ week: string; source: SignupSource; n: number }[]> {
  const rows = await db.all(
    `SELECT date(created_at, '-6 days', 'weekday 1') AS week,
            CASE WHEN detail LIKE 'bron=%' THEN 'bron'
                 WHEN source LIKE 'form:aanmelden@%' THEN 'form'
                 WHEN source LIKE 'api:%' THEN 'api'
                 ELSE 'other' END AS source,
            count(DISTINCT coalesce(subscriber_id, email_hash)) AS n
       FROM consent_log WHERE action = 'signup' AND created_at >= ?
      GROUP BY week, 2 ORDER BY week`,
    [fromIso],
  );
  return rows.map((r) => WeekRow.parse(r));
}

const FeedbackRow = z.object({
  email: z.string(),
  status: z.enum(['bounced', 'complained']),
  error: z.string().nullable(),
  last_event: z.string().nullable(),
  updated_at: z.string(),
  subject: z.string(),
});

/** Feedback is one bounce or complaint as the start page lists it. */
export interface Feedback {
  email: string;
  kind: 'bounced' | 'complained';
  reason: string | null;
  at: string;
  campaign: string;
}

/**
 * recentFeedback lists bounced and complained deliveries since a moment, newest first. The
 * address is the delivery's copy: "gewist" once the person was erased.
 */
export async function recentFeedback(db: Db, sinceIso: string, limit: number): Promise<Feedback[]> {
  const rows = await db.all(
    `SELECT d.email, d.status, d.error, d.last_event, d.updated_at, c.subject
       FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
      WHERE (d.status = 'bounced' OR d.status = 'complained') AND d.updated_at >= ?
      ORDER BY d.updated_at DESC LIMIT ?`,
    [sinceIso, limit],
  );
  return rows.map((raw) => {
    const r = FeedbackRow.parse(raw);
    return { email: r.email, kind: r.status, reason: r.error, at: r.updated_at, campaign: r.subject };
  });
}
