// SQL of the signup-sources report: signups that came with a `bron` (a poster's QR code,
// a link on a website), read from the consent log, with how many of them were confirmed.
import { z } from 'zod';
import type { Db, SqlValue } from '../../db/port.js';

const Row = z.object({
  bron: z.string(),
  stadsdorp_slug: z.string().nullable(),
  stadsdorp_name: z.string().nullable(),
  signups: z.number(),
  confirmed: z.number(),
  first_at: z.string(),
  last_at: z.string(),
});

/** SourceCount is one source (and the stadsdorp its people chose) with its signups in the period. */
export interface SourceCount {
  bron: string;
  /** The stadsdorp the people chose on the form; null when none was chosen or the person was erased. */
  stadsdorp: { slug: string; name: string } | null;
  /** Signup entries: one per person and list. */
  signups: number;
  /** Of those, how many the person confirmed afterwards (double opt-in). */
  confirmed: number;
  firstAt: string;
  lastAt: string;
}

/**
 * countSignupSources groups the period's signups by source and stadsdorp. A signup counts
 * as confirmed when the same person confirmed the same list after it; after an erase the
 * person is matched by the salted hash that then replaces them in the log. Each side of
 * that OR has its index (consent_log_subscriber, consent_log_erased_hash); without the
 * second, the log after each signup was read in full: 6 s for 20,000 people instead of 15 ms.
 */
export async function countSignupSources(
  db: Db,
  q: { fromIso: string; beforeIso: string; stadsdorpId: number | null },
): Promise<SourceCount[]> {
  const params: SqlValue[] = [q.fromIso, q.beforeIso];
  if (q.stadsdorpId !== null) params.push(q.stadsdorpId);
  const rows = await db.all(
    `SELECT substr(s.detail, 6) AS bron, st.slug AS stadsdorp_slug, st.name AS stadsdorp_name,
            count(*) AS signups,
            sum(EXISTS (
              SELECT 1 FROM consent_log c
               WHERE c.action = 'confirm' AND c.list_id IS s.list_id AND c.id > s.id
                 AND (c.subscriber_id = s.subscriber_id OR (s.subscriber_id IS NULL AND c.email_hash = s.email_hash))
            )) AS confirmed,
            min(s.created_at) AS first_at, max(s.created_at) AS last_at
       FROM consent_log s
       LEFT JOIN subscribers sub ON sub.id = s.subscriber_id
       LEFT JOIN stadsdorpen st ON st.id = sub.stadsdorp_id
      WHERE s.action = 'signup' AND s.detail LIKE 'bron=%'
        AND s.created_at >= ? AND s.created_at < ?
        ${q.stadsdorpId !== null ? 'AND st.id = ?' : ''}
      GROUP BY bron, st.id
      ORDER BY signups DESC, bron`,
    params,
  );
  return rows.map((raw) => {
    const r = Row.parse(raw);
    return {
      bron: r.bron,
      stadsdorp:
        r.stadsdorp_slug !== null && r.stadsdorp_name !== null
          ? { slug: r.stadsdorp_slug, name: r.stadsdorp_name }
          : null,
      signups: r.signups,
      confirmed: r.confirmed,
      firstAt: r.first_at,
      lastAt: r.last_at,
    };
  });
}
