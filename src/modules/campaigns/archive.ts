import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { netwerk } from '../../../emails/_components/theme.js';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { type AppEnv, validate } from '../../http.js';
import { escapeHtml } from '../../mail/markdown.js';
import { neutralValues, personalise, renderCampaign, webVersionUrl } from './render.js';
import { findCampaignBySlug, listArchive } from './repo.js';
import type { Campaign } from './schema.js';

// GET /archief               public  sent, public Nieuwsbrieven, newest first
// GET /archief/feed.xml      public  the same as an Atom feed
// GET /archief/afmelden      public  how to unsubscribe (the web version has no personal links)
// GET /archief/:slug         public  the web version of one Nieuwsbrief, without personal data

const SlugParam = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'Onbekende nieuwsbrief.' }),
});

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

function sentDate(c: Campaign): string {
  return c.sentAt ?? c.updatedAt;
}

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${netwerk.name}</title>
<link rel="alternate" type="application/atom+xml" title="Netwerk Nieuwsbrief" href="/archief/feed.xml">
<style>
body{font-family:Helvetica,Arial,sans-serif;color:#1f2328;background:#f3f1ec;margin:0;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1.5rem;background:#fff;min-height:100vh}
a{color:#0b5a43}
li{margin:0 0 .75rem}
.muted{color:#4a4f57}
</style>
</head>
<body><main>
<p class="muted">${netwerk.name} · <em>${netwerk.motto}</em></p>
${body}
</main></body>
</html>`;
}

/** isArchived: only sent, public Nieuwsbrieven are on the archive; anything else is 404 so drafts never leak. */
function isArchived(c: Campaign | undefined): c is Campaign {
  return !!c && c.kind === 'nieuwsbrief' && c.public && c.status === 'sent';
}

/** archiveRoutes serves the public archive of sent Nieuwsbrieven and its Atom feed. */
export function archiveRoutes(deps: AppDeps) {
  const base = deps.config.publicUrl;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const items = await listArchive(deps.db);
      return c.html(
        page(
          'Archief',
          html`<h1>Archief van de Netwerk Nieuwsbrief</h1>
${
  items.length
    ? html`<ul>${items.map(
        (i) =>
          html`<li><a href="/archief/${i.slug}">${i.subject}</a><br><span class="muted">${dateFormat.format(new Date(sentDate(i)))}</span></li>`,
      )}</ul>`
    : html`<p>Er staan nog geen nieuwsbrieven in het archief.</p>`
}
<p><a href="/archief/feed.xml">Volg het archief via Atom/RSS</a></p>`,
        ),
      );
    })
    .get('/feed.xml', async (c) => {
      const items = await listArchive(deps.db, 50);
      const updated = items[0] ? sentDate(items[0]) : deps.now().toISOString();
      const entries = items.map(
        (i) => `<entry>
<title>${escapeHtml(i.subject)}</title>
<link rel="alternate" type="text/html" href="${escapeHtml(webVersionUrl(base, i.slug))}"/>
<id>${escapeHtml(webVersionUrl(base, i.slug))}</id>
<updated>${sentDate(i)}</updated>
${i.preheader ? `<summary>${escapeHtml(i.preheader)}</summary>` : ''}
</entry>`,
      );
      const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
<title>Netwerk Nieuwsbrief</title>
<subtitle>${escapeHtml(`${netwerk.name}: ${netwerk.motto}`)}</subtitle>
<link rel="self" href="${escapeHtml(`${base}/archief/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${escapeHtml(`${base}/archief`)}"/>
<id>${escapeHtml(`${base}/archief`)}</id>
<updated>${updated}</updated>
<author><name>${escapeHtml(netwerk.name)}</name></author>
${entries.join('\n')}
</feed>
`;
      return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    })
    .get('/afmelden', (c) =>
      c.html(
        page(
          'Afmelden',
          html`<h1>Afmelden of voorkeuren wijzigen</h1>
<p>Deze webversie van de nieuwsbrief is voor iedereen hetzelfde en bevat geen persoonlijke links.</p>
<p>Wilt u zich afmelden of uw voorkeuren wijzigen? Gebruik dan de link <strong>Afmelden</strong> of <strong>Voorkeuren wijzigen</strong> onderaan een nieuwsbrief die u per e-mail heeft ontvangen.</p>
<p><a href="/archief">Terug naar het archief</a></p>`,
        ),
      ),
    )
    .get('/:slug', validate('param', SlugParam), async (c) => {
      const campaign = await findCampaignBySlug(deps.db, c.req.valid('param').slug);
      if (!isArchived(campaign)) return notFound('Deze nieuwsbrief');
      const rendered = await renderCampaign(deps, campaign);
      const web = personalise(rendered, neutralValues(base, campaign.slug));
      return c.html(raw(web.html));
    });
}
