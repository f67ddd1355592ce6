// Beheer's subscriber table (GET /beheer/abonnees, a whole HTML page behind a session cookie)
// against the JSON API call it wraps (GET /api/subscribers, behind a bearer token), both
// searched and filtered the same way, with 100,000 people in the database.
// The real app (real SQLite on a temp DATA_DIR) runs in this process behind
// @hono/node-server on loopback, as npm start serves it; autocannon runs in a second
// process, so the load generator does not share this event loop. Five rounds of API then
// page, two seconds each, and the median of the five ratios (see signup.bench.ts for why).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../src/entry/node-runtime.js';
import { createAccount, loginLinkFor } from '../src/modules/accounts/service.js';
import { createApiToken } from '../src/modules/auth/service.js';
import { median, result } from './report.js';

const PEOPLE = 100_000;
const STADSDORPEN = 37;
const CONNECTIONS = 10;
const ROUNDS = 5;
const SECONDS = 2;
const AUTOCANNON = new URL('../node_modules/autocannon/autocannon.js', import.meta.url).pathname;

interface Cannon {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const LOAD_SCRIPT = `
const autocannon = require(${JSON.stringify(AUTOCANNON)});
const [url, seconds, connections, headers] = process.argv.slice(1);
autocannon({ url, connections: Number(connections), duration: Number(seconds), headers: JSON.parse(headers) },
  (err, res) => {
    if (err) { console.error(err); process.exit(1); }
    process.stdout.write(JSON.stringify(res));
  });
`;

/** cannon runs autocannon in a child process against one URL with fixed headers. */
function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', LOAD_SCRIPT, url, String(seconds), String(CONNECTIONS), JSON.stringify(headers)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      resolve(JSON.parse(out) as Cannon);
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'beheer-subscribers-bench-'));
const deps = await buildNodeDeps({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const app = createApp(deps);

// 100,000 people over 37 stadsdorpen, ten surnames, most on geinteresseerden (confirmed or
// not), every twentieth on besturen; each with the signup entry that tells their source.
const t0 = performance.now();
await deps.db.run(
  `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
   INSERT INTO stadsdorpen (slug, name, gebied) SELECT 'stadsdorp-' || i, 'Stadsdorp ' || i, 'Centrum' FROM seq`,
  [STADSDORPEN],
);
await deps.db.run(
  `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
   INSERT INTO subscribers (public_id, email, name, stadsdorp_id, created_at, updated_at)
   SELECT lower(hex(randomblob(16))), 'lezer' || i || '@example.org',
          'Lezer ' || i || ' ' || (CASE i % 10 WHEN 0 THEN 'Jansen' WHEN 1 THEN 'de Vries' WHEN 2 THEN 'Bakker'
            WHEN 3 THEN 'Visser' WHEN 4 THEN 'Smit' WHEN 5 THEN 'Meijer' WHEN 6 THEN 'de Boer' WHEN 7 THEN 'Mulder'
            WHEN 8 THEN 'de Groot' ELSE 'Bos' END),
          (SELECT id FROM stadsdorpen WHERE slug = 'stadsdorp-' || (1 + i % ${STADSDORPEN})),
          '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z'
     FROM seq`,
  [PEOPLE],
);
await deps.db.run(
  `INSERT INTO subscriptions (subscriber_id, list_id, status)
   SELECT s.id, l.id, CASE WHEN s.id % 5 = 0 THEN 'unconfirmed' ELSE 'confirmed' END
     FROM subscribers s, lists l WHERE l.slug = 'geinteresseerden'`,
);
await deps.db.run(
  `INSERT INTO subscriptions (subscriber_id, list_id, status)
   SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l WHERE l.slug = 'besturen' AND s.id % 20 = 0`,
);
await deps.db.run(
  `INSERT INTO consent_log (subscriber_id, list_id, action, source, created_at)
   SELECT s.id, l.id, 'signup', CASE WHEN s.id % 4 = 0 THEN 'import:leden.csv' ELSE 'form:aanmelden@v1' END, s.created_at
     FROM subscribers s, lists l WHERE l.slug = 'geinteresseerden'`,
);
await deps.db.run('ANALYZE');
const seedMs = performance.now() - t0;

// A CoCo member logged in through a login link, as a browser would be, and an API token.
const account = await createAccount(deps, null, { name: 'Anna CoCo', role: 'coco', email: 'anna@coco.nl' });
const link = new URL(await loginLinkFor(deps, account));
const login = await app.request(link.pathname, {
  method: 'POST',
  headers: { origin: deps.config.publicUrl, 'sec-fetch-site': 'same-origin' },
});
const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);
const { token } = await createApiToken(deps.db, { name: 'bench', role: 'coco' });

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Searched ("visser": one in ten) and filtered by list, status, stadsdorp and source:
// about 2,700 people of stadsdorp 5, about 200 of whom match everything; the first page of 50.
const pageUrl = `${base}/beheer/abonnees?zoek=visser&lijst=geinteresseerden&status=confirmed&stadsdorp=stadsdorp-5&bron=formulier`;
const apiUrl = `${base}/api/subscribers?q=visser&list=geinteresseerden&status=confirmed&stadsdorp=stadsdorp-5&source=formulier&limit=50`;
const pageHeaders = { cookie };
const apiHeaders = { authorization: `Bearer ${token}` };

try {
  // Both answer, and answer the same people.
  const pageProbe = await fetch(pageUrl, { headers: pageHeaders });
  const apiProbe = await fetch(apiUrl, { headers: apiHeaders });
  const html = await pageProbe.text();
  const json = (await apiProbe.json()) as { items: { email: string }[] };
  if (pageProbe.status !== 200 || apiProbe.status !== 200 || json.items.length !== 50)
    throw new Error(
      `probe: page ${pageProbe.status}, API ${apiProbe.status} with ${json.items?.length} items`,
    );
  const missing = json.items.filter((i) => !html.includes(`>${i.email}<`));
  if (missing.length > 0) throw new Error(`the page lacks ${missing.length} people the API lists`);

  await cannon(apiUrl, apiHeaders, 1);
  await cannon(pageUrl, pageHeaders, 1);
  const apis: Cannon[] = [];
  const pages: Cannon[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    apis.push(await cannon(apiUrl, apiHeaders, SECONDS));
    pages.push(await cannon(pageUrl, pageHeaders, SECONDS));
  }
  console.log(
    `seeded ${PEOPLE} people in ${seedMs.toFixed(0)} ms; page ${(html.length / 1024).toFixed(0)} KB, API ${(JSON.stringify(json).length / 1024).toFixed(0)} KB`,
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, r] of [
      ['JSON API', apis[round]!],
      ['page', pages[round]!],
    ] as const) {
      console.log(
        `round ${round + 1} ${name.padEnd(8)} ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
      );
    }
  }
  const failed = [...apis, ...pages].reduce((n, r) => n + r.non2xx + r.errors, 0);
  const ratios = pages.map((p, i) => p.requests.average / apis[i]!.requests.average);
  const ratio = median(ratios);
  const rps = (rs: Cannon[]) => median(rs.map((r) => r.requests.average)).toFixed(0);
  result(
    'beheer subscribers page vs JSON API',
    `${ratio.toFixed(3)} (rounds ${ratios.map((r) => r.toFixed(3)).join(' ')}; median ${rps(pages)} vs ${rps(apis)} req/s, ${PEOPLE} people, searched and filtered)`,
    '>= 0.5',
    ratio >= 0.5 && failed === 0,
  );
} finally {
  server.close();
  await closeNodeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
}
