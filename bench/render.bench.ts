// Campaign preparation: render once + personalise per recipient, against rendering the React
// Email template once per recipient (the baseline, measured on a sample in this same run).
// Also: the HTML size of a full Nieuwsbrief, against Gmail's 102 KB clipping limit.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { Nieuwsbrief } from '../emails/nieuwsbrief.js';
import { plainText } from '../src/mail/plain-text.js';
import { campaignMessage } from '../src/modules/campaigns/message.js';
import { renderCampaign } from '../src/modules/campaigns/render.js';
import type { Campaign, NieuwsbriefContent } from '../src/modules/campaigns/schema.js';
import { preferencesUrl, unsubscribeUrl } from '../src/modules/notifications/links.js';
import { makeDeps } from '../tests/support/app.js';
import { result } from './report.js';

const RECIPIENTS = 100_000;
const BASELINE_SAMPLE = 200;

const sentences = [
  'In de stadsdorpen zetten buren zich samen in voor een prettige en veilige buurt.',
  'Tijdens de Netwerkbijeenkomst spraken ruim zestig bestuursleden over zorg, wonen en ontmoeting.',
  'De werkgroep Diversiteit heeft een scan ontwikkeld die elk stadsdorp zelf kan gebruiken.',
  'Vrijwilligers organiseren wekelijks koffieochtenden, wandelingen en kookclubs voor ouderen in de wijk.',
  'De gemeente Amsterdam ondersteunt nieuwe initiatieven met een kleine subsidie voor het eerste jaar.',
  'Wie wil meedenken over de Kennisbank kan zich melden bij de Coördinatiecommissie.',
  'Het nieuwe stadsdorp in Noord zoekt nog mensen die willen helpen met de website en de nieuwsbrief.',
  'Op de themamiddag delen drie stadsdorpen hun ervaringen met burenhulp en mantelzorg.',
  'Lees in het verslag hoe Stadsdorp Zuid de samenwerking met de huisartsen heeft opgezet.',
  'Samen werken aan nabuurschap in de stad blijft het doel dat alle stadsdorpen verbindt.',
];

function words150(seed: number): string {
  const out: string[] = [];
  let words = 0;
  for (let i = seed; words < 150; i++) {
    const s = sentences[i % sentences.length] ?? '';
    out.push(s);
    words += s.split(' ').length;
  }
  return `${out.slice(0, 4).join(' ')}\n\n${out.slice(4).join(' ')}`;
}

const content: NieuwsbriefContent = {
  intro:
    'Het jaar loopt ten einde, maar in de stadsdorpen is het **drukker dan ooit**. Hieronder het nieuws, de agenda en nieuwe artikelen in de Kennisbank.',
  articles: Array.from({ length: 10 }, (_, i) => ({
    title: `Nieuws uit de stadsdorpen, deel ${i + 1}`,
    body: words150(i),
    ...(i % 3 === 0
      ? {
          imageUrl: `https://stadsdorpen.nl/static/nieuws-${i}.jpg`,
          imageAlt: 'Bewoners in gesprek tijdens een bijeenkomst',
        }
      : {}),
    link: `https://netwerkamsterdamsestadsdorpen.nl/nieuws/artikel-${i + 1}`,
  })),
  agenda: Array.from({ length: 8 }, (_, i) => ({
    date: `2026-12-${String(2 + i * 3).padStart(2, '0')}`,
    time: '19:30-21:30',
    title:
      ['Netwerkbijeenkomst', 'Themamiddag Zorg en wonen', 'Training Social media', 'Netwerkborrel'][i % 4] ??
      '',
    place: 'OBA Oosterdok, Oosterdokskade 143',
    link: `https://netwerkamsterdamsestadsdorpen.nl/agenda/${i + 1}`,
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
    {
      title: 'Zorg en wonen in de buurt',
      url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/zorg-en-wonen',
    },
  ],
  closing: 'Met hartelijke groet,\nde Coördinatiecommissie',
};

const campaign: Campaign = {
  id: 1,
  slug: '2026-11-netwerk-nieuwsbrief-november',
  kind: 'nieuwsbrief',
  subject: 'Netwerk Nieuwsbrief november 2026',
  preheader: 'Nieuws, agenda en de Kennisbank',
  content,
  lists: ['besturen', 'geinteresseerden'],
  layout: null,
  public: true,
  status: 'draft',
  scheduledAt: null,
  startedAt: null,
  sentAt: null,
  createdBy: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
  version: 1,
};

const { deps } = await makeDeps();
const links = { publicUrl: deps.config.publicUrl, secretKey: deps.config.secretKey };
const recipient = (i: number) => ({
  email: `lezer${i}@example.nl`,
  name: i % 3 === 0 ? null : `Lezer ${i}`,
  publicId: `pub${i.toString(36).padStart(8, '0')}`,
  listSlug: i % 2 ? 'besturen' : 'geinteresseerden',
});

// Baseline: the whole template rendered for each recipient, with their own values.
await render(createElement(Nieuwsbrief, { ...Nieuwsbrief.PreviewProps })); // warm-up
const t0 = performance.now();
let baselineBytes = 0;
for (let i = 0; i < BASELINE_SAMPLE; i++) {
  const r = recipient(i);
  const html = await render(
    createElement(Nieuwsbrief, {
      subject: campaign.subject,
      preheader: campaign.preheader,
      name: r.name,
      content,
      reason: 'u op de lijsten Besturen en Geïnteresseerden staat.',
      unsubscribeUrl: unsubscribeUrl(links, r.publicId, r.listSlug),
      preferencesUrl: preferencesUrl(links, r.publicId),
      webVersionUrl: `${deps.config.publicUrl}/archief/${campaign.slug}`,
    }),
  );
  baselineBytes += html.length + plainText(html).length;
}
const perRecipientMs = (performance.now() - t0) / BASELINE_SAMPLE;
const baselineMs = perRecipientMs * RECIPIENTS;
console.log(
  `baseline: ${perRecipientMs.toFixed(2)} ms per recipient measured on ${BASELINE_SAMPLE} recipients, extrapolated to ${RECIPIENTS.toLocaleString('en')}: ${(baselineMs / 1000).toFixed(0)} s (sample built ${(baselineBytes / 1e6).toFixed(1)} MB)`,
);

// Ours: render once, then personalise every message (signed links, headers, html + text).
const t1 = performance.now();
const rendered = await renderCampaign(deps, campaign);
let bytes = 0;
for (let i = 0; i < RECIPIENTS; i++) {
  const m = campaignMessage(deps.config, campaign, rendered, recipient(i));
  bytes += m.html.length + m.text.length;
}
const oursMs = performance.now() - t1;
console.log(
  `render once + personalise ${RECIPIENTS.toLocaleString('en')} messages: ${(oursMs / 1000).toFixed(2)} s (${((oursMs * 1000) / RECIPIENTS).toFixed(1)} µs per message, ${(bytes / 1e9).toFixed(2)} GB built)`,
);
const ratio = baselineMs / oursMs;
result('campaign prep 100k vs per-recipient render', `${ratio.toFixed(0)}x`, '>= 100x', ratio >= 100);

const sample = campaignMessage(deps.config, campaign, rendered, recipient(1));
const kb = Buffer.byteLength(sample.html) / 1024;
console.log(
  `nieuwsbrief with 10 articles (~150 words each) and 8 agenda items: ${Buffer.byteLength(sample.html)} bytes HTML, ${Buffer.byteLength(sample.text)} bytes text`,
);
result('nieuwsbrief html size', `${kb.toFixed(1)} KB`, '< 102 KB', kb < 102);
await deps.db.close();
