import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { stmt } from '../../src/db/port.js';
import { CHECKPOINT_EVERY_MS, openSqlite } from '../../src/db/sqlite.js';

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

  it('answers each batch of a group with its own results', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    const [een, twee] = await Promise.all([
      db.batch([addList('een')]),
      db.batch([addList('twee'), stmt("UPDATE lists SET name = 'Twee' WHERE slug IN ('twee', 'een')")]),
    ]);
    const ids = await db.all<{ id: number; slug: string }>(
      "SELECT id, slug FROM lists WHERE slug IN ('een', 'twee')",
    );
    expect(een?.[0]?.lastRowId).toBe(ids.find((r) => r.slug === 'een')?.id);
    expect(twee?.[0]?.lastRowId).toBe(ids.find((r) => r.slug === 'twee')?.id);
    expect(twee?.[1]?.changes).toBe(2);
  });

  it('applies writes in the order they were asked for', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    const pending = db.batch([addList('later')]);
    await db.run("UPDATE lists SET name = 'Gewijzigd' WHERE slug = 'later'");
    await pending;
    expect(await db.get("SELECT name FROM lists WHERE slug = 'later'")).toEqual({ name: 'Gewijzigd' });
  });

  it('copies the WAL into the database file in the background, and closes cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(dir, 'db.sqlite');
    const db = openSqlite(file);
    await migrate(db);
    const before = statSync(file).size;
    const big = 'x'.repeat(4000);
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        db.batch([
          stmt(
            `INSERT INTO outbox_messages (message_id, from_address, to_address, subject, headers_json, html, text)
             VALUES (?, 'a@b.nl', 'c@d.nl', 's', '{}', ?, '')`,
            [`m-${i}`, big],
          ),
        ]),
      ),
    );
    // About 4 MB in the WAL, far below the point where a commit checkpoints by itself:
    // only the background thread can have put these pages into the database file.
    // The thread runs at the lowest priority, so on a busy machine its pass may come late:
    // wait for the copy (up to 15 s) instead of a fixed time.
    const deadline = Date.now() + CHECKPOINT_EVERY_MS + 15_000;
    while (statSync(file).size - before <= 3_500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(statSync(file).size - before).toBeGreaterThan(3_500_000);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM outbox_messages'))?.n).toBe(1000);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
