// Moving a Node installation to Workers, as the README tells a person to: a real DATA_DIR made
// by the Node service (subscribers, a sent Nieuwsbrief, a logo and a poster photo), the local
// D1 migrated by `wrangler d1 migrations apply --local`, then `npm run move-to-workers` as a
// process of its own, and the Worker of wrangler.toml started by wrangler on that local state:
// the same subscribers, the same logo bytes from R2, the archief. A second move is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { createApp } from '../../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../../src/entry/node-runtime.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: '1',
};

const dir = mkdtempSync(join(tmpdir(), 'move-to-workers-'));
const dataDir = join(dir, 'data');
const state = join(dir, 'state');

const SUBSCRIBERS = 480;

/** node holds what the Node service answered before the move, to compare with the Worker's answers. */
const node = { token: '', logo: new Uint8Array(), subscribers: 0, slug: '' };

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const moveCommand = (...extra: string[]) =>
  run('npx', ['tsx', 'src/entry/move-to-workers.ts', '--data', dataDir, '--persist-to', state, ...extra]);

beforeAll(async () => {
  // The Node installation, made through the service's own routes.
  const deps = await buildNodeDeps({
    DATA_DIR: dataDir,
    PUBLIC_URL: 'https://stadsdorpen.test',
    LOG_LEVEL: 'silent',
  });
  const app = createApp(deps);
  node.token = (await createApiToken(deps.db, { name: 'Anna', role: 'coco' })).token;
  const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${node.token}`, ...extra });
  await deps.db.run(
    "INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('jordaan', 'Stadsdorp Jordaan', 'Centrum')",
  );
  for (const [path, file, type] of [
    ['logo', 'logo.png', 'image/png'],
    ['photo', 'logo.jpg', 'image/jpeg'],
  ] as const) {
    const res = await app.request(`/api/stadsdorpen/jordaan/${path}`, {
      method: 'POST',
      headers: auth({ 'content-type': type }),
      body: readFileSync(join(ROOT, 'tests/fixtures/print', file)),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
  // Enough rows for many INSERTs of at most 100 values and more than one D1 batch.
  await deps.db.run(
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO subscribers (public_id, email, name) SELECT 'pub-' || i, 'lezer' || i || '@example.nl', 'Lezer ' || i FROM seq`,
    [SUBSCRIBERS],
  );
  await deps.db.run(
    "INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l WHERE l.slug = 'geinteresseerden'",
  );
  const created = await app.request('/api/campaigns', {
    method: 'POST',
    headers: auth({ 'content-type': 'application/json' }),
    body: JSON.stringify({
      kind: 'nieuwsbrief',
      subject: 'Nieuwsbrief december',
      content: { intro: 'Het nieuws van deze maand.' },
    }),
  });
  const campaign = (await created.json()) as { id: number; slug: string };
  node.slug = campaign.slug;
  const sent = await app.request(`/api/campaigns/${campaign.id}/send`, {
    method: 'POST',
    headers: auth({ 'content-type': 'application/json' }),
    body: '{}',
  });
  expect(sent.status).toBe(202);
  for (let i = 0; i < 20; i++) if ((await dispatchNextBatch(deps)).kind === 'idle') break;
  node.logo = new Uint8Array(
    await (await app.request('/api/stadsdorpen/jordaan/logo', { headers: auth() })).arrayBuffer(),
  );
  node.subscribers = (
    await (await app.request('/api/subscribers?limit=500', { headers: auth() })).json()
  ).items.length;
  await closeNodeDeps(deps);

  const migrated = run('npx', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'stadsdorpen',
    '--local',
    '--persist-to',
    state,
  ]);
  expect(migrated.status, migrated.out).toBe(0);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('moving a Node installation into D1 and R2', () => {
  it('moves the rows and files, and the Worker serves them: subscribers, the logo, the archief', async () => {
    expect(node.subscribers).toBe(SUBSCRIBERS);
    const moved = moveCommand();
    expect(moved.status, moved.out).toBe(0);
    expect(moved.out).toMatch(/^ {2}subscribers +480$/m);
    expect(moved.out).toMatch(/^ {2}deliveries +480$/m);
    expect(moved.out).toMatch(/^ {2}campaigns +1$/m);
    // The logo and the photo, each with its print version.
    expect(moved.out).toMatch(/Moved to R2: 4 files, \d+ bytes\./);
    expect(moved.out).toContain("tr -d '\\n' <");

    const worker = await unstable_startWorker({
      config: join(ROOT, 'wrangler.toml'),
      // The key the Node service generated, as the command's last lines say to give it.
      bindings: {
        SECRET_KEY: { type: 'plain_text', value: readFileSync(join(dataDir, 'secret.key'), 'utf8').trim() },
      },
      dev: {
        persist: state,
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        watch: false,
        logLevel: 'none',
      },
    });
    try {
      await worker.ready;
      const auth = { headers: { authorization: `Bearer ${node.token}` } };
      const list = (await (
        await worker.fetch('http://localhost/api/subscribers?limit=500', auth)
      ).json()) as { items: { email: string }[] };
      expect(list.items).toHaveLength(node.subscribers);
      expect(list.items.map((s) => s.email)).toContain('lezer480@example.nl');
      const logo = await worker.fetch('http://localhost/api/stadsdorpen/jordaan/logo', auth);
      expect(logo.status).toBe(200);
      expect(new Uint8Array(await logo.arrayBuffer())).toEqual(node.logo);
      const archive = await (await worker.fetch('http://localhost/archief')).text();
      expect(archive).toContain('Nieuwsbrief december');
      const web = await worker.fetch(`http://localhost/archief/${node.slug}`);
      expect(web.status).toBe(200);
      expect(await web.text()).toContain('Het nieuws van deze maand.');
    } finally {
      await worker.dispose();
    }
  }, 180_000);

  it('refuses a second move into a D1 that holds data, unless told to replace it', () => {
    const again = moveCommand();
    expect(again.status).toBe(1);
    expect(again.out).toContain('The Workers side holds data already (');
    expect(again.out).toContain('subscribers: 480 rows');
    expect(again.out).toContain('Nothing was moved');

    const replaced = moveCommand('--replace');
    expect(replaced.status, replaced.out).toBe(0);
    expect(replaced.out).toMatch(/^ {2}subscribers +480$/m);
  }, 120_000);

  it('refuses a D1 without the schema, naming the command that makes it', () => {
    const empty = run('npx', [
      'tsx',
      'src/entry/move-to-workers.ts',
      '--data',
      dataDir,
      '--persist-to',
      join(dir, 'unmigrated'),
    ]);
    expect(empty.status).toBe(1);
    expect(empty.out).toContain(
      'D1 has no schema yet. First run `npx wrangler d1 migrations apply stadsdorpen`',
    );
  }, 120_000);
});
