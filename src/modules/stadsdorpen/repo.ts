import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowOf, sqlBoolean } from '../../db/rows.js';
import { Gebied, type Stadsdorp } from './schema.js';

const StadsdorpRow = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  gebied: Gebied,
  website: z.string().nullable(),
  contact_email: z.string().nullable(),
  is_example: sqlBoolean,
  created_at: z.string(),
  updated_at: z.string(),
});

const toStadsdorp = (raw: unknown): Stadsdorp => rowOf(StadsdorpRow, raw);

/** listStadsdorpen returns every stadsdorp by gebied and name, as forms and the CoCo want them. */
export async function listStadsdorpen(db: Db): Promise<Stadsdorp[]> {
  const rows = await db.all('SELECT * FROM stadsdorpen ORDER BY name COLLATE NOCASE, id');
  return rows.map(toStadsdorp);
}

/** findStadsdorpBySlug returns the stadsdorp with this slug, if any. */
export async function findStadsdorpBySlug(db: Db, slug: string): Promise<Stadsdorp | undefined> {
  const row = await db.get('SELECT * FROM stadsdorpen WHERE slug = ?', [slug]);
  return row ? toStadsdorp(row) : undefined;
}

/** findStadsdorpById returns the stadsdorp with this id, if any. */
export async function findStadsdorpById(db: Db, id: number): Promise<Stadsdorp | undefined> {
  const row = await db.get('SELECT * FROM stadsdorpen WHERE id = ?', [id]);
  return row ? toStadsdorp(row) : undefined;
}

/** slugsLike lists the slugs equal to base or base-N, to find a free one. */
export async function slugsLike(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.all<{ slug: string }>(
    "SELECT slug FROM stadsdorpen WHERE slug = ? OR slug LIKE ? || '-%'",
    [base, base],
  );
  return new Set(rows.map((r) => r.slug));
}

/** insertStadsdorp adds a stadsdorp and returns its id. */
export async function insertStadsdorp(
  db: Db,
  s: {
    slug: string;
    name: string;
    gebied: Gebied;
    website: string | null;
    contactEmail: string | null;
    isExample?: boolean;
    now: string;
  },
): Promise<number> {
  const r = await db.run(
    `INSERT INTO stadsdorpen (slug, name, gebied, website, contact_email, is_example, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [s.slug, s.name, s.gebied, s.website, s.contactEmail, s.isExample ? 1 : 0, s.now, s.now],
  );
  return r.lastRowId;
}

/** updateStadsdorp overwrites the editable fields of one stadsdorp. */
export async function updateStadsdorp(
  db: Db,
  id: number,
  s: Omit<Stadsdorp, 'id' | 'isExample' | 'createdAt'>,
) {
  await db.run(
    'UPDATE stadsdorpen SET slug = ?, name = ?, gebied = ?, website = ?, contact_email = ?, updated_at = ? WHERE id = ?',
    [s.slug, s.name, s.gebied, s.website, s.contactEmail, s.updatedAt, id],
  );
}

/** deleteStadsdorp removes one stadsdorp; subscribers keep their row with no stadsdorp (ON DELETE SET NULL). */
export async function deleteStadsdorp(db: Db, id: number): Promise<void> {
  await db.run('DELETE FROM stadsdorpen WHERE id = ?', [id]);
}
