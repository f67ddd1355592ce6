import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { stmt } from '../../src/db/port.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { openSqliteThread } from '../../src/db/sqlite-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The nice value of each thread of this process, by thread id (Linux: /proc/self/task/<id>/stat).
function niceByThread(): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses: nice is the 17th of them.
      out.set(Number(id), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended in between.
    }
  }
  return out;
}

describe('the SQLite adapter that runs in a thread of its own', () => {
  it('writes a batch all or nothing and passes on SQLite’s message and code', async () => {
    const db = openSqliteThread(join(dir, 'batch.sqlite'));
    await migrate(db);
    const failed = db.batch([
      stmt("INSERT INTO lists (slug, name) VALUES ('nieuw', 'Nieuw')"),
      stmt("INSERT INTO lists (slug, name) VALUES ('besturen', 'Dubbel')"),
    ]);
    await expect(failed).rejects.toThrow(/UNIQUE constraint failed: lists.slug/);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await db.get("SELECT 1 FROM lists WHERE slug = 'nieuw'")).toBeUndefined();
    const [r] = await db.batch([stmt("INSERT INTO lists (slug, name) VALUES ('nieuw', 'Nieuw')")]);
    expect(r).toMatchObject({ changes: 1 });
    expect(
      (await db.all<{ slug: string }>('SELECT slug FROM lists ORDER BY slug')).map((l) => l.slug),
    ).toContain('nieuw');
    await db.close();
  });

  it('makes a new file with the page size asked for', async () => {
    const db = openSqliteThread(join(dir, 'pages.sqlite'), { pageSize: 65_536 });
    await db.exec('CREATE TABLE t (x TEXT)');
    expect(await db.get('PRAGMA page_size')).toEqual({ page_size: 65_536 });
    await db.close();
  });

  it('writes to the file, where another connection reads it, and refuses calls once closed', async () => {
    const file = join(dir, 'shared.sqlite');
    const db = openSqliteThread(file);
    await db.exec('CREATE TABLE t (x TEXT NOT NULL)');
    await db.batch([
      stmt('INSERT INTO t (x) VALUES (?)', ['één']),
      stmt('INSERT INTO t (x) VALUES (?)', ['twee']),
    ]);
    const other = openSqlite(file);
    expect(await other.all('SELECT x FROM t ORDER BY rowid')).toEqual([{ x: 'één' }, { x: 'twee' }]);
    await other.close();
    await db.close();
    await expect(db.get('SELECT 1')).rejects.toThrow(/stopped/);
  });

  // Only Linux gives each thread a nice value of its own; elsewhere the threads keep the default.
  it.skipIf(process.platform !== 'linux')(
    'runs its thread, and the checkpointer of a file database, at the lowest priority, behind the event loop',
    async () => {
      const own = Number(readlinkSync('/proc/thread-self').split('/').pop());
      const before = niceByThread();
      const outbox = openSqliteThread(join(dir, 'priority-outbox.sqlite'));
      await outbox.exec('CREATE TABLE t (x TEXT)');
      const main = openSqlite(join(dir, 'priority-main.sqlite'));
      await main.exec('CREATE TABLE t (x TEXT)');
      // The checkpointer sets its priority when it starts, which needs no call of ours.
      let started: number[] = [];
      for (let i = 0; i < 100 && started.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 20));
        started = [...niceByThread()]
          .filter(([id, nice]) => !before.has(id) && nice === 19)
          .map(([id]) => id);
      }
      expect(started.length).toBeGreaterThanOrEqual(2);
      expect(niceByThread().get(own)).toBe(before.get(own));
      await main.close();
      await outbox.close();
    },
  );
});
