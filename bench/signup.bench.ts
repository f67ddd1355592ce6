// POST /api/signup under load against a bare Hono JSON endpoint on the same server.
// The real app (real SQLite on a temp DATA_DIR, the outbox transport with its own file)
// runs in this process behind @hono/node-server on loopback, with the outgoing-mail
// dispatcher as src/entry/node.ts starts it, in a thread of this process: each signup queues
// its confirmation mail in its own transaction, and the dispatcher renders the queued mails
// in batches and stores them in the outbox, on the same two cores as the server and the load
// generator. The backlog left when the load ends is printed, so deferred work cannot hide. A second Hono app on the same server answers /bench/bare: it parses the
// same JSON body and answers JSON.
// autocannon runs in a second process, so the load generator does not share this
// event loop. Each signup carries a distinct address.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../src/entry/node-runtime.js';
import { startOutgoingThread } from '../src/entry/outgoing-thread.js';
import { drainMailQueue } from '../src/modules/subscribers/mail-queue.js';
import { median, result } from './report.js';

const CONNECTIONS = 10;
// Five rounds of bare then signup, two seconds each, and the median of the five ratios: a
// burst of load from elsewhere on a shared machine then skews one round's pair, not one side
// of the ratio.
const ROUNDS = 5;
const SECONDS = 2;
const AUTOCANNON = new URL('../node_modules/autocannon/autocannon.js', import.meta.url).pathname;

interface Cannon {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

// The load generator, run with `node -e` in a second process. It builds each request
// in setupRequest (a distinct address per request): autocannon's [<id>] replacement
// keeps the template's Content-Length and so stalls on a longer body.
const LOAD_SCRIPT = `
const autocannon = require(${JSON.stringify(AUTOCANNON)});
const [url, seconds, connections] = process.argv.slice(1);
let n = 0;
autocannon({
  url, connections: Number(connections), duration: Number(seconds),
  requests: [{
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupRequest(req) {
      req.body = JSON.stringify({ email: 'bench-' + process.pid + '-' + (n++) + '@example.nl', name: 'Renée de Vries', lists: ['geinteresseerden'] });
      return req;
    },
  }],
}, (err, res) => {
  if (err) { console.error(err); process.exit(1); }
  process.stdout.write(JSON.stringify(res));
});
`;

/** cannon runs autocannon in a child process and returns its summary. */
function cannon(url: string, seconds: number): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, url, String(seconds), String(CONNECTIONS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      try {
        resolve(JSON.parse(out) as Cannon);
      } catch (err) {
        reject(err);
      }
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'signup-bench-'));
const deps = await buildNodeDeps({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  // The limiter counts per client address and every request here comes from 127.0.0.1.
  SIGNUP_RATE_PER_MINUTE: '100000000',
});
const app = createApp(deps);
const mailWorker = startOutgoingThread(deps);
const bare = new Hono().post('/bench/bare', async (c) => {
  const body = await c.req.json<{ email?: unknown }>();
  return c.json({ status: 'accepted', echo: typeof body.email }, 202);
});
// Each request goes to exactly one Hono app, the bare one or the real one, as npm start serves
// it. The env carries the Node socket, which the signup limiter reads the client address from.
const server = serve({
  fetch: (req, env) => (req.url.endsWith('/bench/bare') ? bare.fetch(req, env) : app.fetch(req, env)),
  port: 0,
  hostname: '127.0.0.1',
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Check that the signup route exists and accepts the body before loading it.
const probe = await fetch(`${base}/api/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'probe@example.nl', lists: ['geinteresseerden'] }),
});
if (probe.status !== 202) {
  console.error(`POST /api/signup answered ${probe.status}: ${await probe.text()}`);
  process.exit(1);
}

try {
  // Short warm-up of both, so JIT and SQLite caches are equally warm.
  await cannon(`${base}/bench/bare`, 1);
  await cannon(`${base}/api/signup`, 1);
  const bares: Cannon[] = [];
  const signups: Cannon[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bares.push(await cannon(`${base}/bench/bare`, SECONDS));
    signups.push(await cannon(`${base}/api/signup`, SECONDS));
  }
  const stored = await deps.db.get<{ n: number }>('SELECT count(*) AS n FROM subscribers');
  const backlog = await deps.db.get<{ n: number }>(
    'SELECT count(*) AS n FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL',
  );
  const t0 = performance.now();
  await mailWorker.stop();
  await drainMailQueue(deps);
  const drainMs = performance.now() - t0;
  const mails = await deps.outboxDb.get<{ n: number }>('SELECT count(*) AS n FROM outbox_messages');
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, r] of [
      ['bare hono', bares[round]!],
      ['signup', signups[round]!],
    ] as const) {
      console.log(
        `round ${round + 1} ${name.padEnd(9)} ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
      );
    }
  }
  console.log(
    `stored ${stored?.n} subscribers; ${backlog?.n} mails still queued when the load ended (sent in ${drainMs.toFixed(0)} ms after it); ${mails?.n} confirmation mails in the outbox`,
  );
  const failed = signups.reduce((n, s) => n + s.non2xx + s.errors, 0);
  if (failed > 0) console.log(`${failed} signups failed: the ratio below counts only answered requests`);
  const ratios = signups.map((s, i) => s.requests.average / bares[i]!.requests.average);
  const ratio = median(ratios);
  const p99 = Math.max(...signups.map((s) => s.latency.p99));
  // The round ratios and the median speeds show how fast the machine was: on this shared
  // machine the bare endpoint alone has run anywhere from 8,000 to 22,000 req/s.
  const rps = (rs: Cannon[]) => median(rs.map((r) => r.requests.average)).toFixed(0);
  result(
    'signup rps vs bare hono',
    // Three decimals: at two, a median of 0.1995 reads as 0.20 beside a FAIL.
    `${ratio.toFixed(3)} (rounds ${ratios.map((r) => r.toFixed(3)).join(' ')}; median ${rps(signups)} vs ${rps(bares)} req/s)`,
    '>= 0.2',
    ratio >= 0.2 && failed === 0,
  );
  result('signup p99', `${p99} ms (worst round)`, '< 50 ms', p99 < 50);
} finally {
  await mailWorker.stop();
  server.close();
  await closeNodeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
}
