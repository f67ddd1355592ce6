/**
 * Exactly once under real crashes: a real delivery worker process (src/entry/node-delivery.ts:
 * the same dispatcher src/entry/node.ts runs in a thread beside the web server, without the web server's
 * imports, which take 10-20 s to load on this machine) sends a frozen campaign of 3,000
 * recipients to the fake Resend, which also answers 429s, 5xx and lost responses at random.
 * The worker is killed with SIGKILL at random moments and restarted. In the end every frozen
 * recipient has exactly one copy at the provider, the campaign is sent, and the counts say so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { AppDeps } from '../../src/deps.js';
import { nodeRuntime } from '../../src/entry/node-runtime.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { sendCampaign } from '../../src/modules/delivery/service.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { addRecipients } from '../support/delivery-builders.js';

const RECIPIENTS = 3000;
const KILLS = 4;
const SECRET_KEY = 'crash-test-secret-0123456789abcdef0123';
const dataDir = mkdtempSync(join(tmpdir(), 'crash-send-'));
const dbFile = join(dataDir, 'stadsdorpen.sqlite');
let fake: FakeResend | undefined;
let child: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** seed builds the file database the worker opens: recipients and a campaign frozen as the send route does. */
async function seed(): Promise<number> {
  const config = parseConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://stadsdorpen.test' });
  const db = openSqlite(dbFile);
  await migrate(db);
  const deps: AppDeps = {
    config: { ...config, secretKey: SECRET_KEY },
    db,
    outboxDb: db,
    transport: outboxTransport(db),
    now: () => new Date(),
    log: { info() {}, warn() {}, error() {} },
    runtime: nodeRuntime(db, config),
  };
  await addRecipients(db, RECIPIENTS);
  const r = await db.run(
    `INSERT INTO campaigns (slug, kind, subject, content_json, lists_json, status)
     VALUES ('2026-11-netwerkmail-crash', 'netwerkmail', 'Uitnodiging Netwerkbijeenkomst', ?, '["geinteresseerden"]', 'draft')`,
    [JSON.stringify({ body: 'Beste lezer, welkom op de **Netwerkbijeenkomst**.', signature: 'De CoCo' })],
  );
  // The call POST /api/campaigns/:id/send makes.
  expect(await sendCampaign(deps, r.lastRowId)).toMatchObject({ status: 'sending', recipients: RECIPIENTS });
  await db.close();
  return r.lastRowId;
}

async function startWorker(f: FakeResend): Promise<ChildProcess> {
  output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node-delivery.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://stadsdorpen.test',
      SECRET_KEY,
      MAIL_TRANSPORT: 'resend',
      RESEND_API_KEY: f.apiKey,
      RESEND_BASE_URL: f.url,
      SEND_RATE_PER_SECOND: '6',
      DELIVERY_LEASE_SECONDS: '2',
      LOG_LEVEL: 'info',
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
    if (output.includes('delivery worker started')) return proc;
    if (proc.exitCode !== null) throw new Error(`worker exited ${proc.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`worker did not start:\n${output}`);
}

async function kill(proc: ChildProcess) {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

it('every frozen recipient gets exactly one copy although the worker is killed again and again', async () => {
  const campaignId = await seed();
  fake = await startFakeResend({
    ratePerSecond: 20,
    fail5xxRate: 0.08,
    dropRate: 0.08,
    extra429Rate: 0.08,
    delayMs: 60,
  });
  child = await startWorker(fake);
  for (let k = 0; k < KILLS; k++) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
    await kill(child);
    child = await startWorker(fake);
  }

  const db = openSqlite(dbFile);
  let status: string | undefined;
  for (let i = 0; i < 600 && status !== 'sent'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await db.get<{ status: string }>('SELECT status FROM campaigns WHERE id = ?', [campaignId]))
      ?.status;
  }
  const counts = await deliveryCounts(db, campaignId);
  const frozen = await db.all<{ email: string }>('SELECT email FROM deliveries WHERE campaign_id = ?', [
    campaignId,
  ]);
  await db.close();
  await kill(child);
  child = undefined;

  expect(status, output).toBe('sent');
  expect(counts).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS, queued: 0, failed: 0 });
  const copies = fake.copiesPerRecipient();
  expect(frozen).toHaveLength(RECIPIENTS);
  expect(copies.size).toBe(RECIPIENTS);
  expect(frozen.filter((d) => copies.get(d.email) !== 1)).toEqual([]);
  // Every retry sent the payload of its first attempt: the provider never saw a key reused differently.
  expect(fake.stats.mismatches).toBe(0);
  // The run really was disturbed: kills mid-batch show up as replays of the first answer.
  expect(fake.stats.rateLimited + fake.stats.serverErrors + fake.stats.dropped).toBeGreaterThan(0);
  console.log('crash-send fake stats', JSON.stringify(fake.stats));
}, 150_000);
