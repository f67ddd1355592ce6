import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { makeLogoPrintVersions, nodeRuntime } from '../../src/entry/node-runtime.js';
import { loadLogo, loadPrintVersion, logoKey } from '../../src/modules/print/logo-store.js';
import { FILE_PART_BYTES } from '../../src/runtime/file-store.js';
import { fixture } from '../fixtures/print/inspect.js';

async function before0021() {
  const db = openSqlite(':memory:');
  await migrate(
    db,
    readMigrations().filter((m) => m.name < '0021'),
  );
  await db.run(
    "INSERT INTO stadsdorpen (id, slug, name, gebied) VALUES (7, 'jordaan', 'Jordaan', 'Centrum')",
  );
  return db;
}

const columns = async (db: ReturnType<typeof openSqlite>, table: string) =>
  (await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', [table])).map((c) => c.name);

describe('migration 0021: uploaded files move to the file store', () => {
  it('moves every stored logo under its key and drops the bytes from print_logos', async () => {
    const db = await before0021();
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
    expect(await columns(db, 'print_logos')).not.toContain('bytes');
    expect(await columns(db, 'print_logos')).not.toContain('print_bytes');
  });

  it('moves print versions and photos too, cutting a picture larger than a part as the store does', async () => {
    const db = await before0021();
    const logo = Uint8Array.from([1, 2, 3]);
    const logoPrint = Uint8Array.from([0xff, 0xd8, 4, 5]);
    // A photo of 2.5 parts, with a pattern so a part in the wrong place shows.
    const photo = Uint8Array.from(
      { length: FILE_PART_BYTES * 2 + FILE_PART_BYTES / 2 },
      (_, i) => (i * 7) % 251,
    );
    const photoPrint = Uint8Array.from([0xff, 0xd8, 6, 7, 8]);
    await db.run(
      `INSERT INTO print_logos (stadsdorp_id, bytes, mime, width, height, sha256, source_format, print_bytes)
       VALUES (7, ?, 'image/png', 10, 10, 'logohash', 'png', ?)`,
      [logo, logoPrint],
    );
    await db.run(
      `INSERT INTO print_photos (stadsdorp_id, bytes, mime, width, height, sha256, source_format, print_bytes)
       VALUES (7, ?, 'image/jpeg', 4000, 3000, 'photohash', 'jpeg', ?)`,
      [photo, photoPrint],
    );
    await migrate(db);
    const deps = { db, runtime: nodeRuntime(db) };
    expect(await loadPrintVersion(deps, 7, 'logo')).toEqual(logoPrint);
    // Compared as buffers: toEqual walks 2.5 million elements one by one.
    expect(Buffer.compare((await loadLogo(deps, 7, 'photo'))!.bytes, photo)).toBe(0);
    expect(await loadPrintVersion(deps, 7, 'photo')).toEqual(photoPrint);
    const parts = await db.all<{ part: number }>(
      'SELECT part FROM stored_files WHERE key = ? ORDER BY part',
      [logoKey(7, 'photohash', 'photo')],
    );
    expect(parts.map((p) => p.part)).toEqual([0, 1, 2]);
    expect(await columns(db, 'print_photos')).not.toContain('bytes');
    expect(await columns(db, 'print_photos')).not.toContain('print_bytes');
  });

  it('leaves a logo from before print versions without one, and the Node start makes it in the store', async () => {
    const db = await before0021();
    await db.run(
      `INSERT INTO print_logos (stadsdorp_id, bytes, mime, width, height, sha256, source_format)
       VALUES (7, ?, 'image/png', 10, 10, 'oldhash', 'png')`,
      [fixture('logo.png')],
    );
    await migrate(db);
    const deps = { db, runtime: nodeRuntime(db) };
    expect(await loadPrintVersion(deps, 7, 'logo')).toBeUndefined();
    await makeLogoPrintVersions(deps);
    const print = await loadPrintVersion(deps, 7, 'logo');
    // A JPEG: the print path embeds it as it is.
    expect([...print!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const keys = await db.all<{ key: string }>('SELECT DISTINCT key FROM stored_files ORDER BY key');
    expect(keys.map((k) => k.key)).toEqual([logoKey(7, 'oldhash'), logoKey(7, 'oldhash', 'logo', 'print')]);
  });
});
