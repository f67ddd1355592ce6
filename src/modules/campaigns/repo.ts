import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowsOf } from '../../db/rows.js';
import { notFound } from '../../errors.js';
import { type Campaign, CampaignKind, CampaignStatus, contentSchema } from './schema.js';

const CampaignRow = z.object({
  id: z.number(),
  slug: z.string(),
  kind: CampaignKind,
  subject: z.string(),
  preheader: z.string().nullable(),
  content_json: z.string(),
  lists_json: z.string(),
  layout_name: z.string().nullable(),
  is_public: z.number(),
  status: CampaignStatus,
  scheduled_at: z.string().nullable(),
  started_at: z.string().nullable(),
  sent_at: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number(),
});

function toCampaign(raw: unknown): Campaign {
  const r = CampaignRow.parse(raw);
  const base = {
    id: r.id,
    slug: r.slug,
    subject: r.subject,
    preheader: r.preheader,
    lists: z.array(z.string()).parse(JSON.parse(r.lists_json)),
    layout: r.layout_name,
    public: r.is_public === 1,
    status: r.status,
    scheduledAt: r.scheduled_at,
    startedAt: r.started_at,
    sentAt: r.sent_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
  const content = JSON.parse(r.content_json);
  return r.kind === 'nieuwsbrief'
    ? { ...base, kind: 'nieuwsbrief', content: contentSchema.nieuwsbrief.parse(content) }
    : { ...base, kind: 'netwerkmail', content: contentSchema.netwerkmail.parse(content) };
}

/** findCampaign reads one campaign, or undefined. */
export async function findCampaign(db: Db, id: number): Promise<Campaign | undefined> {
  const row = await db.get('SELECT * FROM campaigns WHERE id = ?', [id]);
  return row ? toCampaign(row) : undefined;
}

/** getCampaign reads one campaign or throws not_found. */
export async function getCampaign(db: Db, id: number): Promise<Campaign> {
  return (await findCampaign(db, id)) ?? notFound(`Campagne ${id}`);
}

/** listCampaigns lists campaigns newest first (keyset on id). */
export async function listCampaigns(
  db: Db,
  q: { status?: CampaignStatus; beforeId?: number; limit: number },
): Promise<Campaign[]> {
  const rows = await db.all(
    `SELECT * FROM campaigns
      WHERE (? IS NULL OR status = ?) AND (? IS NULL OR id < ?)
      ORDER BY id DESC LIMIT ?`,
    [q.status ?? null, q.status ?? null, q.beforeId ?? null, q.beforeId ?? null, q.limit],
  );
  return rows.map(toCampaign);
}

/** ArchiveEntry is one sent, public Nieuwsbrief as the archive lists it: its subject as frozen at the send. */
export interface ArchiveEntry {
  slug: string;
  subject: string;
  preheader: string | null;
  sentAt: string;
}

const ArchiveEntryRow = z.object({
  slug: z.string(),
  subject: z.string(),
  preheader: z.string().nullable(),
  sent_at: z.string(),
});

// The archive shows what was sent: the snapshot the delivery module's freeze wrote
// (campaign_snapshots), never a new render. A campaign without one was never sent.
const archivedSql = `FROM campaigns c JOIN campaign_snapshots sn ON sn.campaign_id = c.id
  WHERE c.kind = 'nieuwsbrief' AND c.is_public = 1 AND c.status = 'sent'`;

/** listArchive lists sent, public Nieuwsbrieven, newest first: the public archive. */
export async function listArchive(db: Db, limit = 200): Promise<ArchiveEntry[]> {
  const rows = await db.all(
    `SELECT c.slug, sn.subject, c.preheader, COALESCE(c.sent_at, c.updated_at) AS sent_at ${archivedSql}
      ORDER BY COALESCE(c.sent_at, c.updated_at) DESC, c.id DESC LIMIT ?`,
    [limit],
  );
  return rowsOf(ArchiveEntryRow, rows);
}

/** findArchivedFreezeId finds the snapshot of a sent, public Nieuwsbrief by its slug (cheap: the web version is cached by it). */
export async function findArchivedFreezeId(db: Db, slug: string): Promise<string | undefined> {
  const row = await db.get<{ freeze_id: string }>(`SELECT sn.freeze_id ${archivedSql} AND c.slug = ?`, [
    slug,
  ]);
  return row?.freeze_id;
}

/** getArchivedHtml reads the frozen HTML (with placeholders) of a snapshot. */
export async function getArchivedHtml(db: Db, freezeId: string): Promise<string | undefined> {
  const row = await db.get<{ html: string }>('SELECT html FROM campaign_snapshots WHERE freeze_id = ?', [
    freezeId,
  ]);
  return row?.html;
}

/** NewCampaignRow is what inserting a campaign needs. */
export interface NewCampaignRow {
  slug: string;
  kind: CampaignKind;
  subject: string;
  preheader: string | null;
  content: unknown;
  lists: string[];
  layout: string | null;
  public: boolean;
  createdBy: string | null;
  now: string;
}

/** insertCampaign writes a new draft and returns its id. */
export async function insertCampaign(db: Db, c: NewCampaignRow): Promise<number> {
  const r = await db.run(
    `INSERT INTO campaigns (slug, kind, subject, preheader, content_json, lists_json, layout_name, is_public, status, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
    [
      c.slug,
      c.kind,
      c.subject,
      c.preheader,
      JSON.stringify(c.content),
      JSON.stringify(c.lists),
      c.layout,
      c.public ? 1 : 0,
      c.createdBy,
      c.now,
      c.now,
    ],
  );
  return r.lastRowId;
}

/**
 * updateEditableCampaign writes new fields only while the campaign is still a draft or
 * scheduled and not started, and (when `version` is given) still at that version: the checks
 * sit in the same statement as the write, so a send that starts meanwhile, or another
 * person's save, wins and this answers 0 changes. Every write raises the version.
 */
export async function updateEditableCampaign(
  db: Db,
  id: number,
  c: Omit<NewCampaignRow, 'kind' | 'createdBy'>,
  version?: number,
): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns
        SET slug = ?, subject = ?, preheader = ?, content_json = ?, lists_json = ?, layout_name = ?, is_public = ?, updated_at = ?,
            version = version + 1
      WHERE id = ? AND (status = 'draft' OR (status = 'scheduled' AND started_at IS NULL))
        AND (? IS NULL OR version = ?)`,
    [
      c.slug,
      c.subject,
      c.preheader,
      JSON.stringify(c.content),
      JSON.stringify(c.lists),
      c.layout,
      c.public ? 1 : 0,
      c.now,
      id,
      version ?? null,
      version ?? null,
    ],
  );
  return r.changes === 1;
}

/** deleteDraftCampaign deletes a campaign only while it is a draft. */
export async function deleteDraftCampaign(db: Db, id: number): Promise<boolean> {
  return (await db.run(`DELETE FROM campaigns WHERE id = ? AND status = 'draft'`, [id])).changes === 1;
}

/** slugTaken tells whether an archive slug is in use by another campaign. */
export async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  return !!(await db.get('SELECT 1 FROM campaigns WHERE slug = ? AND id != ?', [slug, exceptId ?? -1]));
}

/** LayoutRow is an uploaded MJML layout. */
export interface LayoutRow {
  name: string;
  mjml: string;
  updatedAt: string;
}

/** findLayoutOverride reads an uploaded layout. */
export async function findLayoutOverride(db: Db, name: string): Promise<LayoutRow | undefined> {
  const r = await db.get<{ name: string; mjml: string; updated_at: string }>(
    'SELECT name, mjml, updated_at FROM mail_layouts WHERE name = ?',
    [name],
  );
  return r ? { name: r.name, mjml: r.mjml, updatedAt: r.updated_at } : undefined;
}

/** listLayoutOverrides lists uploaded layouts (without their MJML). */
export async function listLayoutOverrides(db: Db): Promise<{ name: string; updatedAt: string }[]> {
  const rows = await db.all<{ name: string; updated_at: string }>(
    'SELECT name, updated_at FROM mail_layouts ORDER BY name',
  );
  return rows.map((r) => ({ name: r.name, updatedAt: r.updated_at }));
}

/** upsertLayoutStatement writes or replaces an uploaded layout. */
export function upsertLayoutStatement(name: string, mjml: string, now: string): Statement {
  return stmt(
    `INSERT INTO mail_layouts (name, mjml, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET mjml = excluded.mjml, updated_at = excluded.updated_at`,
    [name, mjml, now],
  );
}

/** deleteLayoutOverride removes an uploaded layout; a built-in of that name shows again. */
export async function deleteLayoutOverride(db: Db, name: string): Promise<boolean> {
  return (await db.run('DELETE FROM mail_layouts WHERE name = ?', [name])).changes === 1;
}

/** campaignsUsingLayout lists unsent campaigns that name a layout (they would fail to render without it). */
export async function campaignsUsingLayout(db: Db, name: string): Promise<{ id: number; subject: string }[]> {
  return db.all<{ id: number; subject: string }>(
    `SELECT id, subject FROM campaigns
      WHERE layout_name = ? AND status IN ('draft', 'scheduled', 'sending', 'paused') ORDER BY id`,
    [name],
  );
}
