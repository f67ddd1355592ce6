// SQL of the photos table: what is known of each photo in a Nieuwsbrief. The bytes are in the
// runtime port's file store under file_key.
import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { type Camel, rowOf } from '../../db/rows.js';

const PhotoRow = z.object({
  id: z.number(),
  token: z.string(),
  file_key: z.string(),
  width: z.number(),
  height: z.number(),
  byte_size: z.number(),
  alt: z.string(),
  uploaded_by: z.string(),
  created_at: z.string(),
});
/** PhotoRow is one stored photo, without its bytes. */
export type PhotoRow = Camel<z.infer<typeof PhotoRow>>;

/** insertPhoto writes the row of a photo whose bytes are already stored; answers its id. */
export async function insertPhoto(db: Db, p: Omit<PhotoRow, 'id'> & { sha256: string }): Promise<number> {
  const r = await db.run(
    `INSERT INTO photos (token, file_key, width, height, byte_size, sha256, alt, uploaded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [p.token, p.fileKey, p.width, p.height, p.byteSize, p.sha256, p.alt, p.uploadedBy, p.createdAt],
  );
  return r.lastRowId;
}

/** findPhoto reads a photo by its id and token (both from its public address); undefined when they do not match. */
export async function findPhoto(db: Db, id: number, token: string): Promise<PhotoRow | undefined> {
  const row = await db.get(
    `SELECT id, token, file_key, width, height, byte_size, alt, uploaded_by, created_at
       FROM photos WHERE id = ? AND token = ?`,
    [id, token],
  );
  return row ? rowOf(PhotoRow, row) : undefined;
}
