import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { z } from 'zod';
import { netwerk } from '../../../emails/_components/theme.js';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { type AppEnv, validate } from '../../http.js';
import { escapeHtml } from '../../mail/markdown.js';
import { neutralValues, personalise, webVersionUrl } from './render.js';
import { type ArchiveEntry, findArchivedFreezeId, getArchivedHtml, listArchive } from './repo.js';

// GET /archief               public  sent, public Nieuwsbrieven, newest first
// GET /archief/feed.xml      public  the same as an Atom feed
// GET /archief/afmelden      public  how to unsubscribe (the web version has no personal links)
// GET /archief/:slug         public  the web version of one Nieuwsbrief, without personal data

const SlugParam = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'Onbekende nieuwsbrief.' }),
});

/**
 * The web version never changes once sent (the snapshot is immutable), so browsers and proxies may
 * keep it an hour and then revalidate by ETag; the list and the feed change when a Nieuwsbrief goes out.
 */
const WEB_VERSION_CACHE_CONTROL = 'public, max-age=3600';
const LIST_CACHE_CONTROL = 'public, max-age=300';

/** WEB_VERSIONS_KEPT bounds the in-memory cache: a web version stays under ~102 KB (Gmail clips larger). */
const WEB_VERSIONS_KEPT = 50;

interface WebVersion {
  html: string;
  etag: string;
}

async function strongEtag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"${hex}"`;
}

/**
 * webVersionCache keeps the last public web versions in memory, least recently used out first,
 * keyed by the snapshot's freeze id. It holds promises, so visitors arriving together share one fill.
 */
function webVersionCache(load: (freezeId: string, slug: string) => Promise<WebVersion | undefined>) {
  const kept = new Map<string, Promise<WebVersion | undefined>>();
  return (freezeId: string, slug: string): Promise<WebVersion | undefined> => {
    let hit = kept.get(freezeId);
    if (hit) {
      kept.delete(freezeId);
    } else {
      hit = load(freezeId, slug);
      // A failed or empty fill is not kept: the next visitor tries again.
      hit.then(
        (v) => v === undefined && kept.delete(freezeId),
        () => kept.delete(freezeId),
      );
    }
    kept.set(freezeId, hit);
    for (const oldest of kept.keys()) {
      if (kept.size <= WEB_VERSIONS_KEPT) break;
      kept.delete(oldest);
    }
    return hit;
  };
}

/**
 * ArchivePages renders the archive's own pages (the list, the note on unsubscribing) in the
 * look of the public pages; src/web owns that look and hands it in from src/app.ts. The web
 * versions are not among them: they are the snapshot as sent, byte for byte.
 */
export interface ArchivePages {
  list(items: ArchiveEntry[]): HtmlEscapedString | Promise<HtmlEscapedString>;
  unsubscribe(): HtmlEscapedString | Promise<HtmlEscapedString>;
}

/**
 * archiveRoutes serves the public archive of sent Nieuwsbrieven and its Atom feed. Only sent,
 * public Nieuwsbrieven are on it (anything else is 404, so drafts never leak), and each shows
 * the snapshot frozen at its send, filled with neutral values: never a new render, so a changed
 * or deleted layout cannot change it and a visitor can never make the server compile MJML.
 */
export function archiveRoutes(deps: AppDeps, pages: ArchivePages) {
  const base = deps.config.publicUrl;
  const webVersion = webVersionCache(async (freezeId, slug) => {
    const frozen = await getArchivedHtml(deps.db, freezeId);
    if (frozen === undefined) return undefined;
    const { html } = personalise({ subject: '', html: frozen, text: '' }, neutralValues(base, slug));
    return { html, etag: await strongEtag(html) };
  });
  return new Hono<AppEnv>()
    .use(etag())
    .get('/', async (c) => {
      const items = await listArchive(deps.db);
      return c.html(`<!doctype html>${await pages.list(items)}`, 200, {
        'cache-control': LIST_CACHE_CONTROL,
      });
    })
    .get('/feed.xml', async (c) => {
      const items = await listArchive(deps.db, 50);
      const updated = items[0]?.sentAt ?? deps.now().toISOString();
      const entries = items.map(
        (i: ArchiveEntry) => `<entry>
<title>${escapeHtml(i.subject)}</title>
<link rel="alternate" type="text/html" href="${escapeHtml(webVersionUrl(base, i.slug))}"/>
<id>${escapeHtml(webVersionUrl(base, i.slug))}</id>
<updated>${i.sentAt}</updated>
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
      return c.body(xml, 200, {
        'content-type': 'application/atom+xml; charset=utf-8',
        'cache-control': LIST_CACHE_CONTROL,
      });
    })
    .get('/afmelden', async (c) => c.html(`<!doctype html>${await pages.unsubscribe()}`))
    .get('/:slug', validate('param', SlugParam), async (c) => {
      const slug = c.req.valid('param').slug;
      const freezeId = await findArchivedFreezeId(deps.db, slug);
      const web = freezeId ? await webVersion(freezeId, slug) : undefined;
      if (!web) return notFound('Deze nieuwsbrief');
      return c.html(raw(web.html), 200, { 'cache-control': WEB_VERSION_CACHE_CONTROL, etag: web.etag });
    });
}
