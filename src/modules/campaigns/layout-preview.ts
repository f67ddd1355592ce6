// A layout shown with sample content, as beheer's layout page frames it: the same render as a
// campaign's (renderCampaign), for a made-up Nieuwsbrief that is never stored.
import type { AppDeps } from '../../deps.js';
import { getLayout } from './layouts.js';
import { personalise, renderCampaign } from './render.js';
import type { Campaign } from './schema.js';

// The Nieuwsbrief of the React Email preview, without its photo: a preview loads nothing from elsewhere.
const SAMPLE: Campaign = {
  id: 0,
  slug: 'voorbeeld',
  kind: 'nieuwsbrief',
  subject: 'Netwerk Nieuwsbrief (voorbeeld)',
  preheader: 'Netwerkbijeenkomst over zorg en wonen, nieuwe stadsdorpen en de agenda.',
  content: {
    intro:
      'Het jaar loopt ten einde, maar in de stadsdorpen is het **drukker dan ooit**. In deze Nieuwsbrief leest u over de Netwerkbijeenkomst en de nieuwe Kennisbank-artikelen.',
    articles: [
      {
        title: 'Terugblik op de Netwerkbijeenkomst',
        body: 'Ruim zestig bestuursleden uit 25 stadsdorpen kwamen bijeen in de Tolhuistuin. Het thema was *zorg en wonen*.\n\n- Drie werkgroepen gestart\n- Nieuwe afspraken met de gemeente',
        link: 'https://netwerkamsterdamsestadsdorpen.nl/nieuws/netwerkbijeenkomst',
      },
      {
        title: 'Welkom aan Stadsdorp Buikslotermeer',
        body: 'Het eerste stadsdorp in Noord is een feit. Wilt u de initiatiefnemers helpen? Mail naar de CoCo.',
      },
    ],
    agenda: [
      { date: '2026-12-10', time: '19:30-21:30', title: 'Themamiddag Diversiteit', place: 'OBA Oosterdok' },
      { date: '2026-12-17', title: 'Netwerkborrel', place: 'Café De Ysbreeker' },
    ],
    kennisbank: [
      {
        title: 'Verzekeringen voor vrijwilligers',
        url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/verzekeringen',
      },
    ],
    closing: 'Met hartelijke groet,\nde Coördinatiecommissie',
  },
  lists: ['besturen', 'geinteresseerden'],
  layout: null,
  public: true,
  status: 'draft',
  scheduledAt: null,
  startedAt: null,
  sentAt: null,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

/** previewLayout renders a stored layout with a sample Nieuwsbrief for a sample reader (Anna). */
export async function previewLayout(deps: AppDeps, name: string): Promise<{ subject: string; html: string }> {
  const layout = await getLayout(deps, name);
  const rendered = await renderCampaign(deps, { ...SAMPLE, layout: layout.name });
  const link = `${deps.config.publicUrl}/archief/afmelden`;
  const filled = personalise(rendered, {
    name: 'Anna',
    email: 'voorbeeld@stadsdorpen.nl',
    unsubscribeUrl: link,
    preferencesUrl: link,
    webVersionUrl: `${deps.config.publicUrl}/archief`,
  });
  return { subject: filled.subject, html: filled.html };
}
