import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { stmt } from '../../src/db/port.js';
import { openSqlite } from '../../src/db/sqlite.js';

const addList = (slug: string) => stmt('INSERT INTO lists (slug, name) VALUES (?, ?)', [slug, slug]);

describe('group commit in the SQLite adapter', () => {
  it('commits concurrent batches together, and a failing one alone rolls back', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    const outcomes = await Promise.allSettled([
      db.batch([addList('een')]),
      db.batch([addList('twee'), addList('besturen')]),
      db.batch([addList('drie')]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const slugs = await db.all<{ slug: string }>('SELECT slug FROM lists ORDER BY id');
    expect(slugs.map((r) => r.slug)).toEqual(['besturen', 'geinteresseerden', 'een', 'drie']);
  });

  it('applies writes in the order they were asked for', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    const pending = db.batch([addList('later')]);
    await db.run("UPDATE lists SET name = 'Gewijzigd' WHERE slug = 'later'");
    await pending;
    expect(await db.get("SELECT name FROM lists WHERE slug = 'later'")).toEqual({ name: 'Gewijzigd' });
  });

  it('keeps the WAL of a file database small with the background checkpoint, and closes cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(dir, 'db.sqlite');
    const db = openSqlite(file);
    await migrate(db);
    const big = 'x'.repeat(4000);
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          db.batch([
            stmt(
              `INSERT INTO outbox_messages (message_id, from_address, to_address, subject, headers_json, html, text)
               VALUES (?, 'a@b.nl', 'c@d.nl', 's', '{}', ?, '')`,
              [`m-${round}-${i}`, big],
            ),
          ]),
        ),
      );
      await new Promise((r) => setTimeout(r, 30));
    }
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM outbox_messages'))?.n).toBe(1000);
    // 1,000 messages of 4 KB wrote about 8 MB of WAL frames; restarted after checkpoints it stays far below.
    expect(statSync(`${file}-wal`).size).toBeLessThan(6_000_000);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
