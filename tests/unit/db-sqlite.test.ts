import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { stmt } from '../../src/db/port.js';
import { openSqlite } from '../../src/db/sqlite.js';

// The Db port's behaviour (batches, parameters) is checked for every adapter by tests/contract.

describe('the SQLite adapter', () => {
  it('applies every migration once, and again finds nothing to do', async () => {
    const db = openSqlite(':memory:');
    const first = await migrate(db);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
    const lists = await db.all<{ slug: string }>('SELECT slug FROM lists ORDER BY slug');
    expect(lists.map((l) => l.slug)).toEqual(expect.arrayContaining(['besturen', 'geinteresseerden']));
  });

  it('writes a batch all or nothing', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    await expect(
      db.batch([
        stmt("INSERT INTO lists (slug, name) VALUES ('nieuw', 'Nieuw')"),
        stmt("INSERT INTO lists (slug, name) VALUES ('besturen', 'Dubbel')"),
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.get("SELECT 1 FROM lists WHERE slug = 'nieuw'")).toBeUndefined();
  });

  it('leaves the database as it was when a migration fails halfway', async () => {
    const db = openSqlite(':memory:');
    await expect(
      migrate(db, [
        { name: '0001_broken.sql', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' },
      ]),
    ).rejects.toThrow(/0001_broken/);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'a'")).toBeUndefined();
    expect(await db.all('SELECT * FROM d1_migrations')).toEqual([]);
  });
});
