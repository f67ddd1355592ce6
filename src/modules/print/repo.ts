import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { findStadsdorpBySlug, findStadsdorpById as stadsdorpById } from '../stadsdorpen/repo.js';
import type { Stadsdorp } from '../stadsdorpen/schema.js';
import { type Design, FieldValues, PaperSize } from './schema.js';

/** StadsdorpForPrint is what printing needs of a stadsdorp. */
export interface StadsdorpForPrint {
  id: number;
  slug: string;
  name: string;
  website: string | null;
  contactEmail: string | null;
}

/** findStadsdorpById looks a stadsdorp up by its number (short addresses carry it), through stadsdorpen. */
export async function findStadsdorpById(db: Db, id: number): Promise<StadsdorpForPrint | undefined> {
  return forPrint(await stadsdorpById(db, id));
}

/** findStadsdorp looks a stadsdorp up by slug, through stadsdorpen (the table's owner). */
export async function findStadsdorp(db: Db, slug: string): Promise<StadsdorpForPrint | undefined> {
  return forPrint(await findStadsdorpBySlug(db, slug));
}

function forPrint(s: Stadsdorp | undefined): StadsdorpForPrint | undefined {
  return s && { id: s.id, slug: s.slug, name: s.name, website: s.website, contactEmail: s.contactEmail };
}

const ProfileRow = z.object({
  brand_colour: z.string().nullable(),
  website: z.string().nullable(),
  contact: z.string().nullable(),
  default_texts_json: z.string(),
});

/** ProfileRecord is a stored print profile. */
export interface ProfileRecord {
  brandColour: string | null;
  website: string | null;
  contact: string | null;
  defaultTexts: FieldValues;
}

/** getProfile reads a stadsdorp's print profile; undefined when it never set one. */
export async function getProfile(db: Db, stadsdorpId: number): Promise<ProfileRecord | undefined> {
  const row = await db.get(
    'SELECT brand_colour, website, contact, default_texts_json FROM print_profiles WHERE stadsdorp_id = ?',
    [stadsdorpId],
  );
  if (!row) return undefined;
  const r = ProfileRow.parse(row);
  return {
    brandColour: r.brand_colour,
    website: r.website,
    contact: r.contact,
    defaultTexts: FieldValues.parse(JSON.parse(r.default_texts_json)),
  };
}

/** putProfile writes the whole profile in one statement. */
export async function putProfile(db: Db, stadsdorpId: number, p: ProfileRecord, now: string): Promise<void> {
  await db.run(
    `INSERT INTO print_profiles (stadsdorp_id, brand_colour, website, contact, default_texts_json, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (stadsdorp_id) DO UPDATE SET brand_colour = excluded.brand_colour, website = excluded.website,
       contact = excluded.contact, default_texts_json = excluded.default_texts_json, updated_at = excluded.updated_at`,
    [stadsdorpId, p.brandColour, p.website, p.contact, JSON.stringify(p.defaultTexts), now],
  );
}

const LogoMetaRow = z.object({
  mime: z.enum(['image/png', 'image/jpeg']),
  width: z.number(),
  height: z.number(),
  sha256: z.string(),
  source_format: z.string(),
  uploaded_at: z.string(),
});

/** LogoMeta describes a stored logo without its bytes. */
export interface LogoMeta {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  sha256: string;
  source: string;
  uploadedAt: string;
}

function toLogoMeta(r: z.infer<typeof LogoMetaRow>): LogoMeta {
  return {
    mime: r.mime,
    width: r.width,
    height: r.height,
    sha256: r.sha256,
    source: r.source_format,
    uploadedAt: r.uploaded_at,
  };
}

/** Picture is a stored logo or photo: 'logo' lives in print_logos, 'photo' in print_photos. */
export type Picture = 'logo' | 'photo';
const TABLE: Record<Picture, string> = { logo: 'print_logos', photo: 'print_photos' };

/** getLogoMeta reads what is known about a stadsdorp's logo (or photo), without loading its bytes. */
export async function getLogoMeta(
  db: Db,
  stadsdorpId: number,
  picture: Picture = 'logo',
): Promise<LogoMeta | undefined> {
  const row = await db.get(
    `SELECT mime, width, height, sha256, source_format, uploaded_at FROM ${TABLE[picture]} WHERE stadsdorp_id = ?`,
    [stadsdorpId],
  );
  return row ? toLogoMeta(LogoMetaRow.parse(row)) : undefined;
}

/**
 * putLogo replaces what is known of a stadsdorp's logo (or photo) in one statement. Its bytes
 * and its print version are in the runtime's file store, under keys made of the stadsdorp and
 * the sha256 (logo-store.ts).
 */
export async function putLogo(
  db: Db,
  stadsdorpId: number,
  logo: { mime: string; width: number; height: number; sha256: string; source: string },
  now: string,
  picture: Picture = 'logo',
): Promise<void> {
  await db.run(
    `INSERT INTO ${TABLE[picture]} (stadsdorp_id, mime, width, height, sha256, source_format, uploaded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (stadsdorp_id) DO UPDATE SET mime = excluded.mime, width = excluded.width,
       height = excluded.height, sha256 = excluded.sha256, source_format = excluded.source_format,
       uploaded_at = excluded.uploaded_at`,
    [stadsdorpId, logo.mime, logo.width, logo.height, logo.sha256, logo.source, now],
  );
}

/** listLogos lists every stadsdorp with a logo (or photo) and the sha256 of it. */
export async function listLogos(
  db: Db,
  picture: Picture = 'logo',
): Promise<{ stadsdorpId: number; sha256: string }[]> {
  const rows = await db.all(`SELECT stadsdorp_id, sha256 FROM ${TABLE[picture]} ORDER BY stadsdorp_id`);
  return rows.map((r) => ({ stadsdorpId: r.stadsdorp_id as number, sha256: r.sha256 as string }));
}

/** deleteLogo removes a stadsdorp's logo (or photo) and says whether there was one. */
export async function deleteLogo(db: Db, stadsdorpId: number, picture: Picture = 'logo'): Promise<boolean> {
  const r = await db.run(`DELETE FROM ${TABLE[picture]} WHERE stadsdorp_id = ?`, [stadsdorpId]);
  return r.changes > 0;
}

const DesignRow = z.object({
  id: z.number(),
  template: z.string(),
  name: z.string(),
  fields_json: z.string(),
  size: PaperSize,
  bleed: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

function toDesign(row: unknown): Design {
  const r = DesignRow.parse(row);
  return {
    id: r.id,
    template: r.template,
    name: r.name,
    fields: FieldValues.parse(JSON.parse(r.fields_json)),
    size: r.size,
    bleed: r.bleed === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const DESIGN_COLUMNS = 'id, template, name, fields_json, size, bleed, created_at, updated_at';

/** listDesigns lists a stadsdorp's designs, most recently changed first. */
export async function listDesigns(db: Db, stadsdorpId: number): Promise<Design[]> {
  const rows = await db.all(
    `SELECT ${DESIGN_COLUMNS} FROM print_designs WHERE stadsdorp_id = ? ORDER BY updated_at DESC, id DESC`,
    [stadsdorpId],
  );
  return rows.map(toDesign);
}

/** getDesign reads one design, only if it belongs to this stadsdorp. */
export async function getDesign(db: Db, stadsdorpId: number, id: number): Promise<Design | undefined> {
  const row = await db.get(`SELECT ${DESIGN_COLUMNS} FROM print_designs WHERE id = ? AND stadsdorp_id = ?`, [
    id,
    stadsdorpId,
  ]);
  return row ? toDesign(row) : undefined;
}

/** DesignValues are the stored parts of a design. */
export interface DesignValues {
  template: string;
  name: string;
  fields: FieldValues;
  size: PaperSize;
  bleed: boolean;
}

/** insertDesign stores a new design; undefined when the name is taken for this template. */
export async function insertDesign(
  db: Db,
  stadsdorpId: number,
  d: DesignValues,
  now: string,
): Promise<number | undefined> {
  const r = await db.run(
    `INSERT INTO print_designs (stadsdorp_id, template, name, fields_json, size, bleed, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stadsdorp_id, template, name) DO NOTHING`,
    [stadsdorpId, d.template, d.name, JSON.stringify(d.fields), d.size, d.bleed ? 1 : 0, now, now],
  );
  return r.changes ? r.lastRowId : undefined;
}

/** updateDesign replaces a design's values; 'missing' or 'taken' (name used by another design) when it cannot. */
export async function updateDesign(
  db: Db,
  stadsdorpId: number,
  id: number,
  d: DesignValues,
  now: string,
): Promise<'ok' | 'missing' | 'taken'> {
  const clash = await db.get(
    'SELECT id FROM print_designs WHERE stadsdorp_id = ? AND template = ? AND name = ? AND id <> ?',
    [stadsdorpId, d.template, d.name, id],
  );
  if (clash) return 'taken';
  const r = await db.run(
    `UPDATE print_designs SET template = ?, name = ?, fields_json = ?, size = ?, bleed = ?, updated_at = ?
     WHERE id = ? AND stadsdorp_id = ?`,
    [d.template, d.name, JSON.stringify(d.fields), d.size, d.bleed ? 1 : 0, now, id, stadsdorpId],
  );
  return r.changes ? 'ok' : 'missing';
}

/** deleteDesign removes a design; false when there was none. */
export async function deleteDesign(db: Db, stadsdorpId: number, id: number): Promise<boolean> {
  const r = await db.run('DELETE FROM print_designs WHERE id = ? AND stadsdorp_id = ?', [id, stadsdorpId]);
  return r.changes > 0;
}
