import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { nodeRuntime } from '../../src/entry/node-runtime.js';
import { loadLogo } from '../../src/modules/print/logo-store.js';

describe('migration 0021: uploaded files move to the file store', () => {
  it('moves every stored logo under its key and drops the bytes from print_logos', async () => {
    const db = openSqlite(':memory:');
    await migrate(
      db,
      readMigrations().filter((m) => m.name < '0021'),
    );
    await db.run(
      "INSERT INTO stadsdorpen (id, slug, name, gebied) VALUES (7, 'jordaan', 'Jordaan', 'Centrum')",
    );
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await db.run(
      `INSERT INTO print_logos (stadsdorp_id, bytes, mime, width, height, sha256, source_format, uploaded_at)
       VALUES (7, ?, 'image/png', 1200, 500, 'abc123', 'svg', '2026-11-01T10:00:00.000Z')`,
      [bytes],
    );
    await migrate(db);
    const logo = await loadLogo({ db, runtime: nodeRuntime(db) }, 7);
    expect(logo).toMatchObject({
      mime: 'image/png',
      width: 1200,
      height: 500,
      sha256: 'abc123',
      source: 'svg',
    });
    expect(new Uint8Array(logo!.bytes)).toEqual(bytes);
    const columns = await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', ['print_logos']);
    expect(columns.map((c) => c.name)).not.toContain('bytes');
  });
});
