// The poster maker's preview: an editor types, and 300 ms later the form as typed goes to
// POST /beheer/stadsdorpen/:slug/posters/ontwerp/voorbeeld.svg, which answers the A3 poster
// as SVG (fit, draw, SVG writer). Measured through the real HTTP server on loopback, as the
// browser asks it, with a session cookie, a logo and a photo, and a new title each time (every
// keystroke is a new text). The baseline, measured in the same run and the same way: the PDF of
// the same poster through the print API (fit, draw, PDF writer with font subsets), what
// "PDF downloaden" costs. Target: the preview under half a second, and no slower than the PDF.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../src/entry/node-runtime.js';
import { createAccount, loginLinkFor } from '../src/modules/accounts/service.js';
import { createApiToken } from '../src/modules/auth/service.js';
import { changeProfile, stadsdorpFor, uploadLogo, uploadPhoto } from '../src/modules/print/service.js';
import { median, result } from './report.js';

const RUNS = 40;
const WARMUP = 20;
const TARGET_MS = 500;

const dataDir = mkdtempSync(join(tmpdir(), 'poster-preview-bench-'));
const deps = await buildNodeDeps({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const app = createApp(deps);

await deps.db.run(
  "INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('jordaan', 'Stadsdorp Jordaan', 'Centrum')",
);
const coco = { tokenId: 0, name: 'bench', role: 'coco' as const, stadsdorpId: null };
const s = await stadsdorpFor(deps, coco, 'jordaan');
await changeProfile(deps, s, {
  brandColour: '#0B5D8C',
  website: 'www.stadsdorpjordaan.nl',
  contact: 'info@stadsdorpjordaan.nl · 020 123 45 67',
});
const fixture = (name: string) => readFileSync(new URL(`../tests/fixtures/print/${name}`, import.meta.url));
await uploadLogo(deps, s, fixture('logo.png'));
await uploadPhoto(deps, s, fixture('logo.jpg'));

// The editor, logged in through a login link as a browser would be; the API with a token.
const account = await createAccount(deps, null, {
  name: 'Eddy',
  role: 'stadsdorp',
  stadsdorp: 'jordaan',
  email: 'eddy@jordaan.nl',
});
const link = new URL(await loginLinkFor(deps, account));
const login = await app.request(link.pathname, {
  method: 'POST',
  headers: { origin: deps.config.publicUrl, 'sec-fetch-site': 'same-origin' },
});
const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);
const session: string = cookie;
const { token } = await createApiToken(deps.db, { name: 'bench', role: 'coco' });

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const freshTitle = () =>
  `Kent u uw buren al? ${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;

async function preview(): Promise<number> {
  const body = new URLSearchParams([
    ['template', 'kennismaking'],
    ['naam', 'Kennismaking'],
    ['formaat', 'A3'],
    ['afloop', 'ja'],
    ['veld.titel', freshTitle()],
  ]);
  const t0 = performance.now();
  const res = await fetch(`${base}/beheer/stadsdorpen/jordaan/posters/ontwerp/voorbeeld.svg`, {
    method: 'POST',
    headers: { cookie: session, origin: deps.config.publicUrl, 'sec-fetch-site': 'same-origin' },
    body,
  });
  const svg = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200 || !svg.startsWith('<svg'))
    throw new Error(`preview: ${res.status} ${svg.slice(0, 200)}`);
  return ms;
}

async function pdf(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/stadsdorpen/jordaan/print/kennismaking`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ size: 'A3', bleed: true, fields: { titel: freshTitle() } }),
  });
  const bytes = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200 || bytes.byteLength < 1000) throw new Error(`pdf: ${res.status}`);
  return ms;
}

const previews: number[] = [];
const pdfs: number[] = [];
try {
  for (let i = 0; i < WARMUP; i++) {
    await preview();
    await pdf();
  }
  // In blocks of five taking turns, so whatever else runs on the machine weighs on both alike.
  for (let round = 0; round < RUNS / 5; round++) {
    for (let i = 0; i < 5; i++) previews.push(await preview());
    for (let i = 0; i < 5; i++) pdfs.push(await pdf());
  }
} finally {
  server.close();
  await closeNodeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
}

const p = median(previews);
const b = median(pdfs);
const max = (xs: number[]) => Math.max(...xs).toFixed(1);
console.log(
  `poster maker preview, A3 poster as SVG over HTTP: median ${p.toFixed(2)} ms (max ${max(previews)}) over ${RUNS} runs`,
);
console.log(
  `the same poster as PDF through the print API:   median ${b.toFixed(2)} ms (max ${max(pdfs)}) over ${RUNS} runs`,
);
result('poster maker preview A3 (SVG over HTTP)', `${p.toFixed(1)} ms`, `< ${TARGET_MS} ms`, p < TARGET_MS);
const ratio = b / p;
result(
  'poster maker preview vs the PDF of the same poster',
  `${ratio.toFixed(1)}x faster`,
  '>= 1x',
  ratio >= 1,
);
