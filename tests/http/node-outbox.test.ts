import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { buildNodeDeps, closeNodeDeps } from '../../src/entry/node-runtime.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { auth } from '../support/app.js';
import { postJson } from './subscribers-support.js';

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'node-outbox-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const env = (dir: string) => ({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://stadsdorpen.test' });

describe('the outbox on Node, a database of its own', () => {
  it('keeps the confirmation mail in outbox.sqlite, shows it to the CoCo and forgets it with the person', async () => {
    const dir = dataDir();
    const deps = await buildNodeDeps(env(dir));
    try {
      const app = createApp(deps);
      const { token } = await createApiToken(deps.db, { name: 'CoCo', role: 'coco' });
      await postJson(app, '/api/signup', { email: 'eigen@example.nl', lists: ['geinteresseerden'] });
      await drainMailQueue(deps);

      const res = await app.request('/api/outbox?to=eigen@example.nl', { headers: auth(token) });
      const { items } = await res.json();
      expect(items.map((m: { subject: string }) => m.subject)).toEqual([
        'Bevestig uw aanmelding bij het Netwerk Amsterdamse Stadsdorpen',
      ]);
      // In the outbox's own file, not in the main database.
      const file = openSqlite(join(dir, 'outbox.sqlite'));
      expect(await file.all('SELECT to_address FROM outbox_messages')).toEqual([
        { to_address: 'eigen@example.nl' },
      ]);
      expect(await deps.db.get('SELECT count(*) AS n FROM outbox_messages')).toEqual({ n: 0 });

      const list = await app.request('/api/subscribers?q=eigen', { headers: auth(token) });
      const { id } = (await list.json()).items[0];
      expect(
        (await app.request(`/api/subscribers/${id}`, { method: 'DELETE', headers: auth(token) })).status,
      ).toBe(204);
      expect(await file.all('SELECT to_address FROM outbox_messages')).toEqual([]);
      await file.close();
    } finally {
      await closeNodeDeps(deps);
    }
  });

  it('moves the messages an older version kept in the main database, once, with their ids', async () => {
    const dir = dataDir();
    const old = openSqlite(join(dir, 'stadsdorpen.sqlite'));
    await migrate(old);
    for (const n of [1, 2, 3]) {
      await old.run(
        `INSERT INTO outbox_messages (message_id, idempotency_key, from_address, to_address, subject, headers_json, html, text)
         VALUES (?, 'k', 'netwerk@stadsdorpen.nl', ?, 'Oud bericht', '{}', '<p>oud</p>', 'oud')`,
        [`outbox-oud-${n}`, `oud${n}@example.nl`],
      );
    }
    await old.close();
    // A start that stopped after copying but before deleting: the copy is there already.
    const half = openSqlite(join(dir, 'outbox.sqlite'));
    await half.exec(
      `CREATE TABLE outbox_messages (id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, idempotency_key TEXT,
        from_address TEXT NOT NULL, to_address TEXT NOT NULL, subject TEXT NOT NULL, headers_json TEXT NOT NULL,
        html TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
    );
    await half.run(
      `INSERT INTO outbox_messages (id, message_id, from_address, to_address, subject, headers_json, html, text)
       VALUES (1, 'outbox-oud-1', 'netwerk@stadsdorpen.nl', 'oud1@example.nl', 'Oud bericht', '{}', '<p>oud</p>', 'oud')`,
    );
    await half.close();

    const deps = await buildNodeDeps(env(dir));
    try {
      expect(await deps.db.get('SELECT count(*) AS n FROM outbox_messages')).toEqual({ n: 0 });
      expect(
        await deps.outboxDb.all('SELECT id, message_id, to_address FROM outbox_messages ORDER BY id'),
      ).toEqual([
        { id: 1, message_id: 'outbox-oud-1', to_address: 'oud1@example.nl' },
        { id: 2, message_id: 'outbox-oud-2', to_address: 'oud2@example.nl' },
        { id: 3, message_id: 'outbox-oud-3', to_address: 'oud3@example.nl' },
      ]);
      const indexes = await deps.outboxDb.all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox_messages' AND sql IS NOT NULL ORDER BY name",
      );
      expect(indexes.map((i) => i.name)).toEqual(['outbox_messages_idempotency', 'outbox_messages_to']);
    } finally {
      await closeNodeDeps(deps);
    }
  });
});
