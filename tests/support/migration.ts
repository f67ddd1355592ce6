import Database from 'better-sqlite3';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { sqliteDb } from '../../src/db/sqlite.js';

/**
 * justBefore opens an in-memory SQLite database (foreign keys on) with every migration below
 * `number` (e.g. '0034') applied; `apply()` then runs migration `number` itself.
 */
export async function justBefore(number: string) {
  const all = readMigrations();
  const before = all.filter((m) => m.name < number);
  const own = all.filter((m) => m.name.startsWith(number));
  const raw = new Database(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = sqliteDb(raw);
  await migrate(db, before);
  return { raw, db, apply: () => migrate(db, [...before, ...own]) };
}
