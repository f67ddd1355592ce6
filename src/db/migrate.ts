import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './port.js';

/** Migration is one numbered .sql file from migrations/. */
export interface Migration {
  name: string;
  sql: string;
}

/** MIGRATIONS_DIR is the folder that both Node and `wrangler d1 migrations` read. */
export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url).pathname;

/** readMigrations lists migrations/*.sql in name order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * migrate applies the migrations not applied yet, each with its bookkeeping row in
 * one step. The table name matches wrangler's, so D1 and Node agree on what ran.
 */
export async function migrate(db: Db, migrations: Migration[] = readMigrations()): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS d1_migrations (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       name TEXT UNIQUE,
       applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
     )`,
  );
  const done = new Set((await db.all<{ name: string }>('SELECT name FROM d1_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    try {
      await db.exec(`BEGIN; ${m.sql}\n; INSERT INTO d1_migrations (name) VALUES ('${m.name}'); COMMIT;`);
    } catch (err) {
      await db.exec('ROLLBACK').catch(() => {});
      throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
    }
    applied.push(m.name);
  }
  return applied;
}
