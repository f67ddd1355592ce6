// Who a campaign goes to: the confirmed, unsuppressed subscribers of its target lists, for a
// Netwerkmail perhaps only the besturen of some gebieden or stadsdorpen. The rule is the
// subscribers module's; campaigns and delivery use these fragments inside their own
// statements, so a freeze reads the audience in the same atomic batch that writes it.
import type { Db } from '../../db/port.js';

/**
 * AudienceFilter narrows a campaign's audience to the people whose stadsdorp is one of
 * `stadsdorpen` (slugs) or lies in one of `gebieden`. People without a stadsdorp fall outside.
 */
export interface AudienceFilter {
  gebieden: string[];
  stadsdorpen: string[];
}

/** filterParam is an AudienceFilter as the one JSON parameter the SQL below reads, or null for none. */
export function filterParam(filter: AudienceFilter | null | undefined): string | null {
  return filter ? JSON.stringify({ gebieden: filter.gebieden, stadsdorpen: filter.stadsdorpen }) : null;
}

// The conditions every recipient meets; ?1 is the JSON list of list slugs, `f` the filter's parameter.
const recipientWhere = (f: string | null) => `
    sub.status = 'confirmed' AND l.slug IN (SELECT value FROM json_each(?1))${
      f === null
        ? ''
        : `
    AND (${f} IS NULL OR s.stadsdorp_id IN (
      SELECT st.id FROM stadsdorpen st
       WHERE st.slug IN (SELECT value FROM json_each(${f}, '$.stadsdorpen'))
          OR st.gebied IN (SELECT value FROM json_each(${f}, '$.gebieden'))))`
    }`;

/**
 * filteredAudienceSql selects each distinct confirmed, unsuppressed recipient of the lists in
 * JSON parameter ?1 who passes the filter in parameter `f` (an AudienceFilter as JSON, or NULL
 * for everyone): `subscriber_id`, with the one target list they are on (`list_slug`, NULL if
 * several). A statement that uses it numbers its parameters, ?1 being the lists.
 */
export function filteredAudienceSql(f: `?${number}` | null): string {
  return `
  SELECT sub.subscriber_id, CASE WHEN COUNT(*) = 1 THEN MIN(l.slug) END AS list_slug
    FROM subscriptions sub
    JOIN lists l ON l.id = sub.list_id
    JOIN subscribers s ON s.id = sub.subscriber_id AND s.suppressed_at IS NULL
   WHERE ${recipientWhere(f)}
   GROUP BY sub.subscriber_id`;
}

/** audienceSql is filteredAudienceSql without a filter: everyone on the lists in ?1. */
export const audienceSql = filteredAudienceSql(null);

/** countAudience counts the distinct recipients a freeze of these lists (and filter) would write. */
export async function countAudience(
  db: Db,
  lists: string[],
  filter?: AudienceFilter | null,
): Promise<number> {
  const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${filteredAudienceSql('?2')})`, [
    JSON.stringify(lists),
    filterParam(filter),
  ]);
  return row?.n ?? 0;
}

/** countAudienceByList counts, per target list, the recipients on it (someone on two lists counts on both). */
export async function countAudienceByList(
  db: Db,
  lists: string[],
  filter?: AudienceFilter | null,
): Promise<Map<string, number>> {
  const rows = await db.all<{ slug: string; n: number }>(
    `SELECT l.slug AS slug, COUNT(*) AS n
       FROM subscriptions sub
       JOIN lists l ON l.id = sub.list_id
       JOIN subscribers s ON s.id = sub.subscriber_id AND s.suppressed_at IS NULL
      WHERE ${recipientWhere('?2')}
      GROUP BY l.slug`,
    [JSON.stringify(lists), filterParam(filter)],
  );
  return new Map(lists.map((slug) => [slug, rows.find((r) => r.slug === slug)?.n ?? 0]));
}
