// Rendering an A3 poster: our pipeline (fit, draw, PDF writer) against Chromium's
// print-to-PDF of the same design, measured in the same run. Chromium prints the very pages
// our template drew (bench/print-html.ts: same positions, lines, fonts, logo and QR shapes).
// Then 1,000 posters in a row, to show that memory stays flat.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { parseConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openSqlite } from '../src/db/sqlite.js';
import { nodeAssets } from '../src/entry/node-assets.js';
import { FONT_FILES, type FontFace } from '../src/modules/print/assets.js';
import {
  changeProfile,
  preparePrint,
  printPdf,
  stadsdorpFor,
  uploadLogo,
} from '../src/modules/print/service.js';
import { pagesToHtml } from './print-html.js';
import { median, result } from './report.js';

// Both renderers are measured warm, as a running service renders; forty measured runs each,
// in blocks of five taking turns, so whatever else runs on the machine weighs on both alike.
const RUNS = 40;
const WARMUP = 40;
const MEMORY_POSTERS = 1000;
const MEMORY_LIMIT_MB = 10;

const db = openSqlite(':memory:');
await migrate(db);
await db.run(
  "INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('jordaan', 'Stadsdorp Jordaan', 'Centrum')",
);
const deps = {
  db,
  now: () => new Date(),
  config: { ...parseConfig({ PUBLIC_URL: 'https://stadsdorpen.nl' }), secretKey: 'bench-secret' },
  assets: nodeAssets(),
};
const s = await stadsdorpFor(deps, { tokenId: 0, name: 'bench', role: 'coco', stadsdorpId: null }, 'jordaan');
await changeProfile(deps, s, {
  brandColour: '#0B5D8C',
  website: 'www.stadsdorpjordaan.nl',
  contact: 'info@stadsdorpjordaan.nl · 020 123 45 67',
});
await uploadLogo(deps, s, readFileSync(new URL('../tests/fixtures/print/logo.png', import.meta.url)));
const request = { fields: {}, size: 'A3' as const, bleed: true };

const prepared = await preparePrint(deps, s, 'kennismaking', request);
const fontBytes = Object.fromEntries(
  (Object.keys(FONT_FILES) as FontFace[]).map((f) => [
    f,
    readFileSync(new URL(`../templates/print/fonts/${FONT_FILES[f]}`, import.meta.url)),
  ]),
) as unknown as Record<FontFace, Uint8Array>;
const { html, width, height } = pagesToHtml(prepared.template.draw(prepared.props), fontBytes, {
  ...(prepared.images.logo ? { logo: prepared.images.logo.bytes } : {}),
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage();
const renderChromium = async () => {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ width, height, printBackground: true });
};
const renderOurs = () => printPdf(deps, s, 'kennismaking', request);
// The same poster with a title no earlier print had, so no finished font subset can be reused.
const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const freshTitle = () =>
  `Kent u uw buren al? ${Array.from({ length: 14 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
const renderFresh = () => printPdf(deps, s, 'kennismaking', { ...request, fields: { titel: freshTitle() } });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const ours: number[] = [];
const fresh: number[] = [];
const chromiumTimes: number[] = [];
try {
  for (let i = 0; i < WARMUP; i++) {
    await renderOurs();
    await renderChromium();
  }
  for (let round = 0; round < RUNS / 5; round++) {
    for (let i = 0; i < 5; i++) ours.push(await timed(renderOurs));
    for (let i = 0; i < 5; i++) fresh.push(await timed(renderFresh));
    for (let i = 0; i < 5; i++) chromiumTimes.push(await timed(renderChromium));
  }
} finally {
  await browser.close();
}

const a = median(ours);
const b = median(chromiumTimes);
const min = (xs: number[]) => Math.min(...xs).toFixed(1);
console.log(
  `ours: A3 poster (profile, fit, draw, PDF): median ${a.toFixed(2)} ms (min ${min(ours)}) over ${RUNS} runs`,
);
console.log(
  `ours, a new title each time (new subsets):  median ${median(fresh).toFixed(2)} ms (min ${min(fresh)}) over ${RUNS} runs`,
);
console.log(
  `chromium print-to-PDF of the same pages:   median ${b.toFixed(1)} ms (min ${min(chromiumTimes)}) over ${RUNS} runs`,
);
const ratio = b / a;
result('print A3 poster vs chromium', `${ratio.toFixed(1)}x faster`, '>= 10x', ratio >= 10);

// Memory over 1,000 posters: the heap after a full collection, before and after.
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const before = heap();
const rssBefore = process.memoryUsage().rss / 1024 / 1024;
let bytes = 0;
const t0 = performance.now();
for (let i = 0; i < MEMORY_POSTERS; i++) bytes += (await renderOurs()).pdf.byteLength;
const seconds = (performance.now() - t0) / 1000;
const after = heap();
const rssAfter = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `${MEMORY_POSTERS} posters in ${seconds.toFixed(1)} s (${(bytes / MEMORY_POSTERS / 1024).toFixed(0)} KB each): heap ${before.toFixed(1)} -> ${after.toFixed(1)} MB, rss ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
);
const growth = after - before;
result(
  `print memory over ${MEMORY_POSTERS} posters`,
  `heap ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`,
  `< ${MEMORY_LIMIT_MB} MB`,
  growth < MEMORY_LIMIT_MB,
);
await db.close();
