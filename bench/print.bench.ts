// Rendering an A3 poster: our pipeline (fit, react-pdf, page boxes) against Chromium's
// print-to-PDF of the same design in HTML, one reused page, measured in the same run.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { parseConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { openSqlite } from '../src/db/sqlite.js';
import { nodeRuntime } from '../src/entry/node-runtime.js';
import {
  changeProfile,
  preparePrint,
  printPdf,
  stadsdorpFor,
  uploadLogo,
} from '../src/modules/print/service.js';
import { FONT_FILES, scaleOf } from '../templates/print/_kit/theme.js';
import { median, result } from './report.js';

// Both renderers are measured warm, as a running service renders: the JIT needs twenty to
// forty posters before react-pdf's layout code settles, and Chromium gets the same warm-up.
// Forty measured runs each: on a shared machine a median of twenty moved by 20% run to run.
const RUNS = 40;
const WARMUP = 40;

const db = openSqlite(':memory:');
await migrate(db);
await db.run(
  "INSERT INTO stadsdorpen (slug, name, gebied) VALUES ('jordaan', 'Stadsdorp Jordaan', 'Centrum')",
);
const deps = {
  db,
  now: () => new Date(),
  config: { ...parseConfig({ PUBLIC_URL: 'https://stadsdorpen.nl' }), secretKey: 'bench-secret' },
  runtime: nodeRuntime(db),
};
const s = await stadsdorpFor(deps, { tokenId: 0, name: 'bench', role: 'coco', stadsdorpId: null }, 'jordaan');
await changeProfile(deps, s, {
  brandColour: '#0B5D8C',
  website: 'www.stadsdorpjordaan.nl',
  contact: 'info@stadsdorpjordaan.nl · 020 123 45 67',
});
const logoPng = readFileSync(new URL('../tests/fixtures/print/logo.png', import.meta.url));
await uploadLogo(deps, s, logoPng);
const request = { fields: {}, size: 'A3' as const, bleed: true };

// The same design in HTML: same texts (as fitted), colours, logo, QR path and font.
const { props } = await preparePrint(deps, s, 'kennismaking', request);
const t = props.texts;
const lines = (key: string) => t[key]!.paragraphs.map((p) => p.join(' '));
const font = (file: string) => `data:font/ttf;base64,${readFileSync(file).toString('base64')}`;
const qr = props.qr!;
const k = scaleOf('A3');
const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@font-face { font-family: AH; font-weight: 400; src: url(${font(FONT_FILES.regular)}); }
@font-face { font-family: AH; font-weight: 700; src: url(${font(FONT_FILES.bold)}); }
@font-face { font-family: AH; font-weight: 400; font-style: italic; src: url(${font(FONT_FILES.italic)}); }
@page { size: 297mm 420mm; margin: 0; }
* { box-sizing: border-box; margin: 0; }
body { font-family: AH; color: #1D2326; width: 297mm; height: 420mm; display: flex; flex-direction: column; }
header { display: flex; justify-content: space-between; align-items: center; padding: 14mm 18mm 9mm; }
header img { height: 35mm; }
header strong { color: ${props.brand.accent}; font-size: 22pt; }
.hero { background: ${props.brand.colour}; color: ${props.brand.ink}; padding: 13mm 18mm 14mm; }
.kicker { font-weight: 700; font-size: 17pt; letter-spacing: 1.7pt; text-transform: uppercase; margin-bottom: 5mm; }
h1 { font-size: ${t.titel!.fontSize * k}pt; line-height: 1.05; height: 75mm; display: flex; align-items: flex-end; }
.sub { font-size: ${t.ondertitel!.fontSize * k}pt; line-height: 1.2; margin-top: 5mm; height: 28mm; }
main { flex: 1; display: flex; justify-content: space-between; padding: 11mm 18mm 0; }
main .left { width: 150mm; font-size: ${t.tekst!.fontSize * k}pt; line-height: 1.35; }
main .left p + p { margin-top: 0.6em; }
main .right { width: 100mm; font-size: ${t.activiteiten!.fontSize * k}pt; line-height: 1.25; }
main h2 { color: ${props.brand.accent}; font-size: 21pt; margin-bottom: 4mm; }
main li { margin-bottom: 0.4em; }
.qr { display: flex; align-items: center; gap: 9mm; margin: 0 18mm 11mm; padding: 7mm; background: ${props.brand.tint}; border-radius: 3mm; }
.qr svg { width: 48mm; height: 48mm; background: #fff; }
.qr b { display: block; font-size: ${t.qrTekst!.fontSize * k}pt; }
.qr .url { color: ${props.brand.accent}; font-weight: 700; font-size: 16pt; margin-top: 2mm; }
.qr small { display: block; font-size: 14pt; margin-top: 2mm; }
footer { background: ${props.brand.dark}; color: ${props.brand.darkInk}; display: flex; justify-content: space-between; padding: 6mm 18mm; font-size: 13.5pt; }
</style></head><body>
<header><img src="data:image/png;base64,${logoPng.toString('base64')}" alt=""><strong>${s.name}</strong></header>
<section class="hero"><div class="kicker">Nieuw in de buurt? Maak kennis</div><h1>${lines('titel').join(' ')}</h1><p class="sub">${lines('ondertitel').join(' ')}</p></section>
<main><div class="left">${lines('tekst')
  .map((p) => `<p>${p}</p>`)
  .join('')}</div>
<div class="right"><h2>Wat we doen</h2><ul>${lines('activiteiten')
  .map((l) => `<li>${l}</li>`)
  .join('')}</ul></div></main>
<div class="qr"><svg viewBox="0 0 ${qr.modules} ${qr.modules}"><path d="${qr.path}"/></svg><div><b>${lines('qrTekst').join(' ')}</b><span class="url">${qr.shortUrl}</span><small>${lines('_contact').join(' ')}</small></div></div>
<footer><span><b>Netwerk Amsterdamse Stadsdorpen</b> · <i>samen werken aan nabuurschap in de stad</i></span><b>stadsdorpen.nl</b></footer>
</body></html>`;

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
  return page.pdf({ width: '297mm', height: '420mm', printBackground: true });
};
const renderOurs = () => printPdf(deps, s, 'kennismaking', request);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// Blocks of five, taking turns, so that whatever else runs on the machine weighs on both alike
// while neither runs in the other's wake.
const ours: number[] = [];
const chromiumTimes: number[] = [];
try {
  for (let i = 0; i < WARMUP; i++) {
    await renderOurs();
    await renderChromium();
  }
  for (let round = 0; round < RUNS / 5; round++) {
    for (let i = 0; i < 5; i++) ours.push(await timed(renderOurs));
    for (let i = 0; i < 5; i++) chromiumTimes.push(await timed(renderChromium));
  }
} finally {
  await browser.close();
}

const a = median(ours);
const b = median(chromiumTimes);
const min = (xs: number[]) => Math.min(...xs).toFixed(1);
console.log(
  `react-pdf A3 poster (fit + render + page boxes): median ${a.toFixed(1)} ms (min ${min(ours)}) over ${RUNS} runs`,
);
console.log(
  `chromium print-to-PDF of the same poster in HTML:  median ${b.toFixed(1)} ms (min ${min(chromiumTimes)}) over ${RUNS} runs`,
);
const ratio = b / a;
result('print A3 poster vs chromium', `${ratio.toFixed(1)}x faster`, '>= 5x', ratio >= 5);
await db.close();
