// A layout shown with sample content, as beheer's layout page frames it: the same render as a
// campaign's (renderCampaign), for a made-up Nieuwsbrief that is never stored.
import { Nieuwsbrief } from '../../../emails/nieuwsbrief.js';
import type { AppDeps } from '../../deps.js';
import { getLayout } from './layouts.js';
import { personalise, renderCampaign } from './render.js';
import type { Campaign } from './schema.js';

// The Nieuwsbrief of the React Email preview, without its photo: a preview loads nothing from elsewhere.
const preview = Nieuwsbrief.PreviewProps.content;
const SAMPLE: Campaign = {
  id: 0,
  slug: 'voorbeeld',
  kind: 'nieuwsbrief',
  subject: 'Netwerk Nieuwsbrief (voorbeeld)',
  preheader: 'Netwerkbijeenkomst over zorg en wonen, nieuwe stadsdorpen en de agenda.',
  content: {
    ...preview,
    articles: preview.articles.map(({ imageUrl: _url, imageAlt: _alt, ...article }) => article),
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
