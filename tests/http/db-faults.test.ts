import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailable } from '../../src/db/faults.js';
import { migrate } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/port.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { auth, makeTestApp } from '../support/app.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** fileApp is the app on a SQLite file, so a second connection can lock it as another process would. */
async function fileApp() {
  const dir = mkdtempSync(join(tmpdir(), 'db-faults-'));
  const file = join(dir, 'stadsdorpen.sqlite');
  const db = openSqlite(file);
  await migrate(db);
  const t = await makeTestApp({ db, outboxDb: db, transport: outboxTransport(db) });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  return { ...t, file };
}

/** holdWriteLock takes the write lock from a second connection, as another process would, for ms. */
function holdWriteLock(file: string, ms: number): Promise<void> {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      other.close();
      resolve();
    }, ms),
  );
}

const signup = (app: Awaited<ReturnType<typeof fileApp>>['app'], email: string) =>
  app.request('/api/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, lists: ['geinteresseerden'] }),
  });

async function timed<T>(p: T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await p;
  return { value, ms: performance.now() - start };
}

async function subscriberCount(db: Db, email: string): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM subscribers WHERE email = ?', [email]))!.n;
}

describe('a database locked by another connection', () => {
  it('keeps /healthz and reads answering while a write waits, and the write completes after the lock', async () => {
    const t = await fileApp();
    const released = holdWriteLock(t.file, 1500);
    const write = timed(signup(t.app, 'wachten@example.nl'));
    // Give the write a moment to find the lock, then ask for health and a read.
    await new Promise((r) => setTimeout(r, 100));
    const health = await timed(t.app.request('/healthz'));
    const lists = await timed(t.app.request('/api/lists', { headers: auth(t.coco) }));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(300);
    expect(lists.value.status).toBe(200);
    expect(lists.ms).toBeLessThan(300);
    await released;
    const done = await write;
    expect(done.value.status).toBe(202);
    expect(done.ms).toBeGreaterThanOrEqual(1300);
    expect(await subscriberCount(t.db, 'wachten@example.nl')).toBe(1);
  });

  it('answers a write 503 with Retry-After and a Dutch message once the lock outlasts the limit', async () => {
    const t = await fileApp();
    const released = holdWriteLock(t.file, 4500);
    const write = timed(signup(t.app, 'te-lang@example.nl'));
    await new Promise((r) => setTimeout(r, 100));
    const health = await timed(t.app.request('/healthz'));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(300);
    const done = await write;
    expect(done.value.status).toBe(503);
    expect(done.value.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await done.value.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/database is even bezet/);
    // A few seconds, not the whole lock.
    expect(done.ms).toBeGreaterThanOrEqual(2500);
    expect(done.ms).toBeLessThan(4400);
    await released;
    expect(await subscriberCount(t.db, 'te-lang@example.nl')).toBe(0);
    // After the lock the same signup goes through.
    expect((await signup(t.app, 'te-lang@example.nl')).status).toBe(202);
  });

  it('keeps the order of writes: a write asked for while others wait lands after them', async () => {
    const t = await fileApp();
    await t.db.run("INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('volgorde', 'Eerst', 'Zuid')");
    const released = holdWriteLock(t.file, 300);
    const first = t.db.run("UPDATE stadsdorpen SET name = 'Tweede' WHERE slug = 'volgorde'");
    const second = t.db.batch([
      { sql: "UPDATE stadsdorpen SET name = name || ' en derde' WHERE slug = 'volgorde'", params: [] },
    ]);
    await Promise.all([first, second, released]);
    expect(
      (await t.db.get<{ name: string }>("SELECT name FROM stadsdorpen WHERE slug = 'volgorde'"))?.name,
    ).toBe('Tweede en derde');
  });
});

describe('a full disk', () => {
  it('answers writes 503 saying storage is full, and /healthz reports it until a write succeeds again', async () => {
    const t = await makeTestApp({}, { SIGNUP_RATE_PER_MINUTE: '100000' });
    expect((await signup(t.app, 'eerder@example.nl')).status).toBe(202);
    // SQLite answers SQLITE_FULL past max_page_count, exactly as it does on a full disk.
    const pages = (await t.db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
    await t.db.exec(`PRAGMA max_page_count = ${pages + 4}`);
    await t.db.exec('CREATE TABLE filler (x BLOB)');
    for (const size of [4000, 500, 50]) {
      for (;;) {
        try {
          await t.db.run('INSERT INTO filler VALUES (randomblob(?))', [size]);
        } catch {
          break;
        }
      }
    }
    let refused: Response | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await signup(t.app, `vol${i}@example.nl`);
      if (res.status !== 202) refused = res;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await refused!.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'unavailable' });
    expect(body.error.message).toMatch(/opslag van de server is vol/);

    const health = await t.app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'storage_full' });
    expect((await t.app.request('/api/lists', { headers: auth(t.coco) })).status).toBe(200);

    // Space again: /healthz stays 503 until a write has succeeded, then says ok.
    await t.db.exec('PRAGMA max_page_count = 1073741823');
    expect((await t.app.request('/healthz')).status).toBe(503);
    expect((await signup(t.app, 'daarna@example.nl')).status).toBe(202);
    expect((await t.app.request('/healthz')).status).toBe(200);
    // What was acknowledged before is all there.
    expect(await subscriberCount(t.db, 'eerder@example.nl')).toBe(1);
  });
});

describe('a group commit on a full disk', () => {
  it('fails every batch of the group as storage full when SQLite rolls the whole transaction back', async () => {
    const db = openSqlite(':memory:');
    cleanup.push(() => db.close());
    await db.exec('CREATE TABLE small (x TEXT); CREATE TABLE big (x BLOB)');
    const pages = (await db.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
    await db.exec(`PRAGMA max_page_count = ${pages + 2}`);
    // Two batches in one group: the second needs far more room than there is.
    const results = await Promise.allSettled([
      db.batch([{ sql: "INSERT INTO small VALUES ('past')", params: [] }]),
      db.batch([{ sql: 'INSERT INTO big VALUES (randomblob(100000))', params: [] }]),
    ]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(DatabaseUnavailable);
      expect((err as DatabaseUnavailable).fault).toBe('full');
    }
    expect(db.health?.()).toEqual({ storageFull: true });
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM small'))?.n).toBe(0);
  });
});
