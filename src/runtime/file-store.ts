import { type Db, stmt } from '../db/port.js';
import type { FileStore } from '../deps.js';

/**
 * FILE_PART_BYTES is the most one row of stored_files holds: D1 refuses rows over 2 MB, so a
 * larger file is split into parts of 1 MiB, written in one batch and read back in order.
 */
export const FILE_PART_BYTES = 1024 * 1024;

/**
 * dbFileStore keeps files in the stored_files table of a database (SQLite on Node; it runs on
 * D1 as well, but Workers keep files in R2). It owns that table. A put is one batch: the old
 * parts go and the new ones come in one step, so a reader never sees half a file.
 */
export function dbFileStore(db: Db): FileStore {
  return {
    async put(key, bytes) {
      const parts = [stmt('DELETE FROM stored_files WHERE key = ?', [key])];
      for (let part = 0; part * FILE_PART_BYTES < bytes.byteLength || part === 0; part++) {
        const slice = bytes.subarray(part * FILE_PART_BYTES, (part + 1) * FILE_PART_BYTES);
        parts.push(stmt('INSERT INTO stored_files (key, part, bytes) VALUES (?, ?, ?)', [key, part, slice]));
      }
      await db.batch(parts);
    },
    async get(key) {
      const rows = await db.all<{ bytes: Uint8Array }>(
        'SELECT bytes FROM stored_files WHERE key = ? ORDER BY part',
        [key],
      );
      if (rows.length === 0) return undefined;
      // A plain Uint8Array, whatever the driver hands back (better-sqlite3 gives a Buffer).
      if (rows.length === 1) {
        const only = rows[0]!.bytes;
        return new Uint8Array(only.buffer, only.byteOffset, only.byteLength);
      }
      const out = new Uint8Array(rows.reduce((n, r) => n + r.bytes.byteLength, 0));
      let at = 0;
      for (const r of rows) {
        out.set(r.bytes, at);
        at += r.bytes.byteLength;
      }
      return out;
    },
    async has(key) {
      return (await db.get('SELECT 1 AS one FROM stored_files WHERE key = ? LIMIT 1', [key])) !== undefined;
    },
    async delete(key) {
      await db.run('DELETE FROM stored_files WHERE key = ?', [key]);
    },
  };
}

/** memoryFileStore keeps files in memory: for tests, and to show a module needs no database for its files. */
export function memoryFileStore(): FileStore & { keys(): string[] } {
  const files = new Map<string, Uint8Array>();
  return {
    // Copies in and out, as a store outside the process would: no caller shares its bytes with another.
    async put(key, bytes) {
      files.set(key, new Uint8Array(bytes));
    },
    async get(key) {
      const bytes = files.get(key);
      return bytes && new Uint8Array(bytes);
    },
    async has(key) {
      return files.has(key);
    },
    async delete(key) {
      files.delete(key);
    },
    keys: () => [...files.keys()].sort(),
  };
}
