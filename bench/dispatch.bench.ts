// Dispatch: (1) throughput against the fake Resend limited to 10 requests/s with batches of
// 100, against the 1,000 emails/s that limit allows, with the number of 429s answered;
// (2) peak memory while preparing (freeze) and dispatching 10,000 and 100,000 recipients,
// each measured in its own child process so one run cannot inflate the other.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openSqlite } from '../src/db/sqlite.js';
import type { AppDeps } from '../src/deps.js';
import { type NodeDeps, nodeRuntime } from '../src/entry/node-runtime.js';
import { startOutgoingWorker } from '../src/entry/outgoing.js';
import type { Transport } from '../src/mail/transport.js';
import { resendTransport } from '../src/mail/transports/resend.js';
import { deliveryCounts } from '../src/modules/delivery/counts-repo.js';
import { dispatchNextBatch } from '../src/modules/delivery/dispatch.js';
import { sendCampaign } from '../src/modules/delivery/service.js';
import { startFakeResend } from '../tests/fakes/resend-server.js';
import { addRecipients } from '../tests/support/delivery-builders.js';
import { result } from './report.js';

const silent = { info() {}, warn() {}, error() {} };

/** setup opens a file database in a temp dir with n recipients and a draft Netwerkmail. */
async function setup(
  n: number,
  transport: (db: AppDeps['db']) => Transport,
  env: Record<string, string> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
  const db = openSqlite(join(dir, 'bench.sqlite'));
  await migrate(db);
  const config = parseConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://stadsdorpen.nl', ...env });
  const deps: NodeDeps = {
    config: { ...config, secretKey: 'bench-secret-0123456789abcdef0123456789' },
    db,
    outboxDb: db,
    transport: transport(db),
    now: () => new Date(),
    log: silent,
    runtime: nodeRuntime(db, config),
  };
  await addRecipients(db, n);
  const r = await db.run(
    `INSERT INTO campaigns (slug, kind, subject, content_json, lists_json, status)
     VALUES ('bench', 'netwerkmail', 'Uitnodiging Netwerkbijeenkomst', ?, '["geinteresseerden"]', 'draft')`,
    [
      JSON.stringify({
        body: 'Beste lezer,\n\nGraag nodigen wij u uit voor de **Netwerkbijeenkomst** van december. '.repeat(
          8,
        ),
        signature: 'De Coördinatiecommissie',
        button: { label: 'Aanmelden', url: 'https://stadsdorpen.nl/agenda' },
      }),
    ],
  );
  return {
    deps,
    campaignId: r.lastRowId,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function throughput() {
  const RATE = 10;
  const RECIPIENTS = 25_000;
  const fake = await startFakeResend({ ratePerSecond: RATE });
  const { deps, campaignId, cleanup } = await setup(
    RECIPIENTS,
    () => resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url }),
    { SEND_RATE_PER_SECOND: String(RATE) },
  );
  await sendCampaign(deps, campaignId);
  const start = performance.now();
  const worker = startOutgoingWorker(deps, { idleMs: 20 });
  while (
    (await deps.db.get<{ status: string }>('SELECT status FROM campaigns WHERE id = ?', [campaignId]))
      ?.status !== 'sent'
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - start) / 1000;
  await worker.stop();
  const counts = await deliveryCounts(deps.db, campaignId);
  const perSecond = fake.stats.accepted / seconds;
  const allowed = RATE * 100;
  const ratio = perSecond / allowed;
  console.log(
    `dispatch: ${fake.stats.accepted} emails (${counts.sent} recorded sent) in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)} emails/s; ` +
      `limit allows ${allowed}/s; 429 answered: ${fake.stats.rateLimited}; requests: ${fake.stats.requests}`,
  );
  const no429 = fake.stats.rateLimited === 0;
  result(
    'dispatch vs 1000 emails/s allowed',
    `${ratio.toFixed(3)} (${perSecond.toFixed(0)} emails/s, ${fake.stats.rateLimited} x 429)`,
    '>= 0.9 and no 429',
    ratio >= 0.9 && no429 && counts.sent === RECIPIENTS,
  );
  await fake.close();
  await cleanup();
}

/** memoryRun prepares and dispatches n recipients with a transport that only counts, sampling memory. */
async function memoryRun(n: number) {
  let sent = 0;
  const counting = (): Transport => ({
    name: 'resend',
    maxBatchSize: 100,
    async sendBatch(messages) {
      sent += messages.length;
      return { kind: 'sent', providerIds: messages.map((_, i) => `m-${sent}-${i}`) };
    },
  });
  const { deps, campaignId, cleanup } = await setup(n, counting);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  // Live heap: sampled right after a forced collection, so garbage not yet collected does not count.
  let peakLive = base.heapUsed;
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const sampleLive = () => {
    globalThis.gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sampleRss, 10);
  const t0 = performance.now();
  await sendCampaign(deps, campaignId);
  const freezeMs = performance.now() - t0;
  sampleLive();
  for (let i = 0; ; i++) {
    const r = await dispatchNextBatch(deps);
    if (r.kind === 'idle') break;
    if (i % 25 === 0) sampleLive();
  }
  clearInterval(timer);
  sampleRss();
  sampleLive();
  const total = performance.now() - t0;
  await cleanup();
  console.log(
    JSON.stringify({
      n,
      sent,
      freezeMs: Math.round(freezeMs),
      totalMs: Math.round(total),
      rssGrowthMb: (peakRss - base.rss) / 2 ** 20,
      heapGrowthMb: (peakLive - base.heapUsed) / 2 ** 20,
    }),
  );
}

async function memory() {
  const runs = [10_000, 100_000].map((n) => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', new URL(import.meta.url).pathname, 'memory', String(n)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const line = r.stdout.trim().split('\n').pop() ?? '{}';
    return JSON.parse(line) as {
      n: number;
      sent: number;
      freezeMs: number;
      totalMs: number;
      rssGrowthMb: number;
      heapGrowthMb: number;
    };
  });
  for (const r of runs) {
    console.log(
      `memory ${r.n.toLocaleString('en')} recipients: sent ${r.sent}, freeze ${r.freezeMs} ms, freeze+dispatch ${(r.totalMs / 1000).toFixed(1)} s, ` +
        `peak live heap growth ${r.heapGrowthMb.toFixed(1)} MB, peak RSS growth ${r.rssGrowthMb.toFixed(1)} MB`,
    );
  }
  const [small, large] = runs as [(typeof runs)[0], (typeof runs)[0]];
  // Ten times the recipients may not take ten times the memory: batches are walked one at a
  // time (keyset on batch number), the rows stay in SQLite. Allow noise: under 2x, or 16 MB.
  const growth = large.heapGrowthMb / Math.max(1, small.heapGrowthMb);
  result(
    'memory growth 10k->100k',
    `heap +${small.heapGrowthMb.toFixed(1)} MB -> +${large.heapGrowthMb.toFixed(1)} MB (x${growth.toFixed(2)}), RSS +${small.rssGrowthMb.toFixed(1)} -> +${large.rssGrowthMb.toFixed(1)} MB`,
    'not beyond the rows themselves (x < 2 for 10x recipients)',
    large.sent === 100_000 &&
      small.sent === 10_000 &&
      (growth < 2 || large.heapGrowthMb - small.heapGrowthMb < 16),
  );
}

if (process.argv[2] === 'memory') {
  await memoryRun(Number(process.argv[3]));
} else {
  await throughput();
  await memory();
}
