// Who a campaign goes to: the confirmed, unsuppressed subscribers of its target lists. The
// rule is the subscribers module's; campaigns and delivery use these fragments inside their
// own statements, so a freeze reads the audience in the same atomic batch that writes it.
import type { Db } from '../../db/port.js';

/**
 * audienceSql selects each distinct confirmed, unsuppressed recipient of the lists in JSON
 * parameter ?1 (`subscriber_id`), with the one target list they are on (`list_slug`, NULL if
 * several). A statement that uses it numbers its parameters, ?1 being the lists.
 */
export const audienceSql = `
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
