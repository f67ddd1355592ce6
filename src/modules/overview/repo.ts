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

const WeekRow = z.object({ week: z.string(), n: z.number() });

/**
 * weeklySignups counts people who signed up per week (Monday, UTC) since a moment: one per
 * person per week, however many lists they chose. An erased person still counts (by hash).
 */
export async function weeklySignups(db: Db, fromIso: string): Promise<{ week: string; n: number }[]> {
  const rows = await db.all(
    `SELECT date(created_at, '-6 days', 'weekday 1') AS week,
            count(DISTINCT coalesce(subscriber_id, email_hash)) AS n
       FROM consent_log WHERE action = 'signup' AND created_at >= ?
      GROUP BY week ORDER BY week`,
    [fromIso],
  );
  return rows.map((r) => WeekRow.parse(r));
}
