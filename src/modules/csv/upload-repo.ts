// SQL of the uploads that wait between beheer's import steps (migration 0031).
import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { type Camel, rowOf } from '../../db/rows.js';

const UploadRow = z.object({
  id: z.string(),
  account_id: z.number(),
  file_name: z.string(),
  charset: z.string().nullable(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
  list_slug: z.string(),
  columns: z.string().nullable(),
  status: z.enum(['ready', 'running', 'done', 'failed']),
  progress: z.string().nullable(),
  result: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  expires_at: z.string(),
});

/** UploadRecord is one waiting upload as stored; JSON columns still as text. */
export type UploadRecord = Camel<z.output<typeof UploadRow>>;

/** insertUpload stores a new upload. */
export async function insertUpload(
  db: Db,
  u: Pick<
    UploadRecord,
    'id' | 'accountId' | 'fileName' | 'charset' | 'bytes' | 'listSlug' | 'createdAt' | 'expiresAt'
  >,
): Promise<void> {
  await db.run(
    `INSERT INTO import_uploads (id, account_id, file_name, charset, bytes, list_slug, created_at, updated_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [u.id, u.accountId, u.fileName, u.charset, u.bytes, u.listSlug, u.createdAt, u.createdAt, u.expiresAt],
  );
}

/** findUpload returns the upload with this id if it belongs to the account and has not expired. */
export async function findUpload(
  db: Db,
  q: { id: string; accountId: number; now: string },
): Promise<UploadRecord | undefined> {
  const raw = await db.get(
    'SELECT * FROM import_uploads WHERE id = ? AND account_id = ? AND expires_at > ?',
    [q.id, q.accountId, q.now],
  );
  if (!raw) return undefined;
  return rowOf(UploadRow, raw);
}

/** updateChoices changes the list and columns of an upload that has not been imported yet. */
export async function updateChoices(
  db: Db,
  q: { id: string; listSlug: string; columns: string | null; now: string },
): Promise<boolean> {
  const r = await db.run(
    `UPDATE import_uploads SET list_slug = ?, columns = ?, updated_at = ? WHERE id = ? AND status = 'ready'`,
    [q.listSlug, q.columns, q.now, q.id],
  );
  return r.changes === 1;
}

/** claimUpload marks a ready upload as running; false when it already ran or runs (a second press of the button). */
export async function claimUpload(db: Db, id: string, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE import_uploads SET status = 'running', progress = NULL, updated_at = ? WHERE id = ? AND status = 'ready'`,
    [now, id],
  );
  return r.changes === 1;
}

/** setProgress notes how far a running import is. */
export async function setProgress(db: Db, id: string, progress: string, now: string): Promise<void> {
  await db.run(`UPDATE import_uploads SET progress = ?, updated_at = ? WHERE id = ? AND status = 'running'`, [
    progress,
    now,
    id,
  ]);
}

/** finishUpload stores an import's outcome. */
export async function finishUpload(
  db: Db,
  q: { id: string; status: 'done' | 'failed'; result: string; now: string },
): Promise<void> {
  await db.run('UPDATE import_uploads SET status = ?, result = ?, updated_at = ? WHERE id = ?', [
    q.status,
    q.result,
    q.now,
    q.id,
  ]);
}

/** deleteExpiredUploads forgets every upload past its hour. */
export async function deleteExpiredUploads(db: Db, now: string): Promise<number> {
  return (await db.run('DELETE FROM import_uploads WHERE expires_at <= ?', [now])).changes;
}
