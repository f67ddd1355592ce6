/**
 * The real service process (src/entry/node.ts: web server and delivery worker together) on
 * the Resend transport against the fake Resend: a campaign scheduled through the API starts
 * on time although the process was killed before its moment and only restarted after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { auth } from '../support/app.js';
import { addRecipients } from '../support/delivery-builders.js';

const RECIPIENTS = 300;
const dataDir = mkdtempSync(join(tmpdir(), 'delivery-service-'));
let fake: FakeResend | undefined;
let child: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

async function seed(): Promise<{ coco: string; campaignId: number }> {
  const db = openSqlite(join(dataDir, 'stadsdorpen.sqlite'));
  await migrate(db);
  await addRecipients(db, RECIPIENTS);
  const { token } = await createApiToken(db, { name: 'CoCo', role: 'coco' });
  const r = await db.run(
    `INSERT INTO campaigns (slug, kind, subject, content_json, lists_json, status)
     VALUES ('2026-11-netwerkmail-gepland', 'netwerkmail', 'Ingepland', ?, '["geinteresseerden"]', 'draft')`,
    [JSON.stringify({ body: 'Tot ziens op de themamiddag.' })],
  );
  await db.close();
  return { coco: token, campaignId: r.lastRowId };
}

async function startService(port: number, f: FakeResend): Promise<ChildProcess> {
  output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://stadsdorpen.test',
      SECRET_KEY: 'service-test-secret-0123456789abcdef0123',
      MAIL_TRANSPORT: 'resend',
      RESEND_API_KEY: f.apiKey,
      RESEND_BASE_URL: f.url,
      SEND_RATE_PER_SECOND: '20',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => {
    output += d;
  });
  proc.stderr?.on('data', (d) => {
    output += d;
  });
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return proc;
    } catch {}
    if (proc.exitCode !== null) throw new Error(`service exited ${proc.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not start:\n${output}`);
}

it('a scheduled campaign starts on time after a restart, and SIGTERM stops the worker cleanly', async () => {
  const { coco, campaignId } = await seed();
  fake = await startFakeResend({ ratePerSecond: 20 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/campaigns/${campaignId}`;
  child = await startService(port, fake);

  const at = new Date(Date.now() + 3000);
  const res = await fetch(`${base}/send`, {
    method: 'POST',
    headers: auth(coco, { 'content-type': 'application/json' }),
    body: JSON.stringify({ scheduledAt: at.toISOString() }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'scheduled' });

  // The process dies before the moment and comes back only after it.
  const exited = new Promise((r) => child?.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now() + 500)));
  expect(fake.stats.requests).toBe(0);
  child = await startService(port, fake);

  let view: { status: string; startedAt: string | null; counts: Record<string, number> } | undefined;
  for (let i = 0; i < 300 && view?.status !== 'sent'; i++) {
    view = (await (await fetch(base, { headers: auth(coco) })).json()) as typeof view;
    if (view?.status !== 'sent') await new Promise((r) => setTimeout(r, 100));
  }
  expect(view?.status, output).toBe('sent');
  expect(view?.counts).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, queued: 0 });
  const copies = fake.copiesPerRecipient();
  expect(copies.size).toBe(RECIPIENTS);
  expect([...copies.values()].every((n) => n === 1)).toBe(true);

  const stopped = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  expect(await stopped).toBe(0);
  child = undefined;
}, 150_000);
