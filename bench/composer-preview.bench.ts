// The composer's live preview: how long a 10-article Nieuwsbrief takes from the typed form to
// the rendered mail, through the real route (POST /beheer/campagnes/:id/voorbeeld behind a
// session cookie, the app behind @hono/node-server on loopback, as npm start serves it), as
// the composer's script posts it on every pause in the typing. The target is half a second
// (the preview follows the typing "within about half a second", 300 ms of which the script
// waits for the typing to pause). The baseline, measured in this same run and the same way, is
// the saved mail's own preview (GET /beheer/campagnes/:id/voorbeeld, what the frame first
// loads): the ratio is what previewing the unsaved typing costs on top (sending and reading
// the form, the lenient check, JSON). The bare render (no HTTP, no form) is printed too.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../src/entry/node-runtime.js';
import { createAccount, loginLinkFor } from '../src/modules/accounts/service.js';
import { campaignMessage } from '../src/modules/campaigns/message.js';
import { renderCampaign } from '../src/modules/campaigns/render.js';
import type { Campaign, NieuwsbriefContent } from '../src/modules/campaigns/schema.js';
import { createCampaign, SAMPLE_RECIPIENT } from '../src/modules/campaigns/service.js';
import { median, result } from './report.js';

const ROUNDS = 40;
const TARGET_MS = 500;

const sentences = [
  'In de stadsdorpen zetten buren zich samen in voor een prettige en veilige buurt.',
  'Tijdens de Netwerkbijeenkomst spraken ruim zestig bestuursleden over zorg, wonen en ontmoeting.',
  'De werkgroep Diversiteit heeft een scan ontwikkeld die elk stadsdorp zelf kan gebruiken.',
  'Vrijwilligers organiseren wekelijks koffieochtenden, wandelingen en kookclubs voor ouderen in de wijk.',
  'De gemeente Amsterdam ondersteunt nieuwe initiatieven met een kleine subsidie voor het eerste jaar.',
  'Wie wil meedenken over de Kennisbank kan zich melden bij de Coördinatiecommissie.',
];
// About 150 words, in two paragraphs with a little Markdown.
const body = (i: number) =>
  `${sentences.slice(0, 3).join(' ')} **Artikel ${i + 1}.**\n\n${[...sentences, ...sentences].slice(i % 6, (i % 6) + 6).join(' ')}`;

const content: NieuwsbriefContent = {
  intro: 'Het jaar loopt ten einde, maar in de stadsdorpen is het **drukker dan ooit**.',
  articles: Array.from({ length: 10 }, (_, i) => ({
    title: `Nieuws uit de stadsdorpen, deel ${i + 1}`,
    body: body(i),
    ...(i % 3 === 0
      ? { imageUrl: `https://stadsdorpen.nl/static/nieuws-${i}.jpg`, imageAlt: 'Bewoners in gesprek' }
      : {}),
    link: `https://netwerkamsterdamsestadsdorpen.nl/nieuws/artikel-${i + 1}`,
  })),
  agenda: Array.from({ length: 8 }, (_, i) => ({
    date: `2026-12-${String(2 + i * 3).padStart(2, '0')}`,
    time: '19:30-21:30',
    title: ['Netwerkbijeenkomst', 'Themamiddag Zorg en wonen', 'Training Social media', 'Netwerkborrel'][
      i % 4
    ]!,
    place: 'OBA Oosterdok, Oosterdokskade 143',
  })),
  kennisbank: [
    {
      title: 'Verzekeringen voor vrijwilligers',
      url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/verzekeringen',
    },
    {
      title: 'De diversiteitsscan',
      url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/diversiteitsscan',
    },
  ],
  closing: 'Met hartelijke groet,\nde Coördinatiecommissie',
};

/** formOf is the composer's form as its script posts it, with the intro as typed in round i. */
function formOf(round: number): URLSearchParams {
  const f = new URLSearchParams([
    ['subject', 'Netwerk Nieuwsbrief december 2026'],
    ['preheader', 'Nieuws, agenda en de Kennisbank'],
    ['content.intro', `${content.intro} (${round})`],
    ['content.closing', content.closing ?? ''],
  ]);
  content.articles.forEach((a, i) => {
    for (const [k, v] of Object.entries(a)) f.append(`content.articles.${i}.${k}`, v);
  });
  content.agenda.forEach((a, i) => {
    for (const [k, v] of Object.entries(a)) f.append(`content.agenda.${i}.${k}`, v);
  });
  content.kennisbank.forEach((a, i) => {
    for (const [k, v] of Object.entries(a)) f.append(`content.kennisbank.${i}.${k}`, v);
  });
  return f;
}

const dataDir = mkdtempSync(join(tmpdir(), 'composer-preview-bench-'));
const deps = await buildNodeDeps({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const app = createApp(deps);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  const account = await createAccount(deps, null, { name: 'Anna CoCo', role: 'coco', email: 'anna@coco.nl' });
  const link = new URL(await loginLinkFor(deps, account));
  const login = await app.request(link.pathname, {
    method: 'POST',
    headers: { origin: deps.config.publicUrl, 'sec-fetch-site': 'same-origin' },
  });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
  if (login.status !== 303 || !cookie) throw new Error(`login failed: ${login.status}`);
  const campaign = await createCampaign(
    deps,
    { kind: 'nieuwsbrief', subject: 'Netwerk Nieuwsbrief december 2026', content },
    'bench',
  );

  const viaRoute = async (round: number) => {
    const t = performance.now();
    const res = await fetch(`${base}/beheer/campagnes/${campaign.id}/voorbeeld`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin', accept: 'application/json' },
      body: formOf(round),
    });
    const p = (await res.json()) as { html: string; omitted: string[] };
    const ms = performance.now() - t;
    if (res.status !== 200 || p.omitted.length > 0 || !p.html.includes(`(${round})`))
      throw new Error(`preview ${res.status}: ${JSON.stringify(p.omitted)}`);
    return { ms, bytes: p.html.length };
  };
  const saved = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/beheer/campagnes/${campaign.id}/voorbeeld`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200 || !html.includes('deel 10')) throw new Error(`saved preview ${res.status}`);
    return performance.now() - t;
  };
  const direct = async (round: number) => {
    const t = performance.now();
    const c = { ...campaign, content: { ...content, intro: `${content.intro} (${round})` } } as Campaign;
    const rendered = await renderCampaign(deps, c);
    campaignMessage(deps.config, c, rendered, { ...SAMPLE_RECIPIENT, listSlug: null });
    return performance.now() - t;
  };

  for (let i = 0; i < 5; i++) {
    await viaRoute(-i);
    await saved();
    await direct(-i);
  }
  const route: number[] = [];
  const baseline: number[] = [];
  const bare: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = await viaRoute(i);
    route.push(r.ms);
    bytes = r.bytes;
    baseline.push(await saved());
    bare.push(await direct(i));
  }
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
  const ms = median(route);
  console.log(
    `10-article Nieuwsbrief (${(bytes / 1024).toFixed(0)} KB HTML), ${ROUNDS} rounds: typed preview (POST) median ${ms.toFixed(1)} ms, p95 ${p95(route).toFixed(1)} ms; saved preview (GET) median ${median(baseline).toFixed(1)} ms, p95 ${p95(baseline).toFixed(1)} ms; bare render median ${median(bare).toFixed(1)} ms`,
  );
  result(
    'composer preview of a 10-article Nieuwsbrief through the route',
    `${ms.toFixed(1)} ms median, p95 ${p95(route).toFixed(1)} ms`,
    `< ${TARGET_MS} ms`,
    p95(route) < TARGET_MS,
  );
  const ratio = ms / median(baseline);
  result(
    'composer preview of typed fields vs of the saved mail',
    `${ratio.toFixed(2)}x (${ms.toFixed(1)} vs ${median(baseline).toFixed(1)} ms)`,
    '<= 2x',
    ratio <= 2,
  );
} finally {
  server.close();
  await closeNodeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
}
