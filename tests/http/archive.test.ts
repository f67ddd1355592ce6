import { describe, expect, it, vi } from 'vitest';
import { nodeAssets } from '../../src/entry/node-runtime.js';
import { compileMjml } from '../../src/mail/mjml.js';
import { builtinLayouts } from '../../src/modules/campaigns/layouts.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { auth, makeTestApp } from '../support/app.js';

// The real compiler, counted: the archive must never compile MJML for a visitor.
vi.mock('../../src/mail/mjml.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/mail/mjml.js')>();
  return { ...real, compileMjml: vi.fn(real.compileMjml) };
});

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

async function create(t: TestApp, body: Record<string, unknown>) {
  const res = await t.app.request('/api/campaigns', {
    method: 'POST',
    headers: auth(t.coco, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  return (await res.json()) as { id: number; slug: string };
}

const brief = (subject: string, extra: Record<string, unknown> = {}) => ({
  kind: 'nieuwsbrief',
  subject,
  preheader: `Over ${subject}`,
  content: { intro: 'Het nieuws van deze maand.' },
  ...extra,
});

/** markSent sends a campaign for real (freeze, dispatch) to one reader, then dates the send. */
async function markSent(t: TestApp, id: number, at: string) {
  await t.db.run(
    `INSERT OR IGNORE INTO subscribers (public_id, email, name) VALUES ('pub-lezer', 'lezer@example.nl', 'Anna')`,
  );
  await t.db.run(
    `INSERT OR IGNORE INTO subscriptions (subscriber_id, list_id, status)
     SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l WHERE s.email = 'lezer@example.nl'`,
  );
  const res = await t.app.request(`/api/campaigns/${id}/send`, {
    method: 'POST',
    headers: auth(t.coco, { 'content-type': 'application/json' }),
    body: '{}',
  });
  expect(res.status).toBe(202);
  for (let i = 0; i < 20; i++) if ((await dispatchNextBatch(t.deps)).kind === 'idle') break;
  await t.db.run(`UPDATE campaigns SET sent_at = ? WHERE id = ?`, [at, id]);
}

function putLayout(t: TestApp, name: string, mjml: string) {
  return t.app.request(`/api/layouts/${name}`, {
    method: 'PUT',
    headers: auth(t.coco, { 'content-type': 'text/plain' }),
    body: mjml,
  });
}

const standaard = (await builtinLayouts(nodeAssets())).get('standaard') ?? '';

describe('public archief', () => {
  it('lists only sent, public Nieuwsbrieven, newest first', async () => {
    const t = await makeTestApp();
    const oct = await create(t, brief('Nieuwsbrief oktober'));
    const nov = await create(t, brief('Nieuwsbrief november'));
    const hidden = await create(t, brief('Interne nieuwsbrief', { public: false }));
    await create(t, brief('Concept december'));
    const mail = await create(t, {
      kind: 'netwerkmail',
      subject: 'Netwerkmail',
      content: { body: 'x' },
      public: true,
    });
    await markSent(t, oct.id, '2026-10-15T08:00:00.000Z');
    await markSent(t, nov.id, '2026-11-15T08:00:00.000Z');
    await markSent(t, hidden.id, '2026-11-16T08:00:00.000Z');
    await markSent(t, mail.id, '2026-11-17T08:00:00.000Z');
    const page = await (await t.app.request('/archief')).text();
    expect(page).toContain('lang="nl"');
    expect(page.indexOf('Nieuwsbrief november')).toBeLessThan(page.indexOf('Nieuwsbrief oktober'));
    expect(page).toContain('15 november 2026');
    expect(page).not.toContain('Interne nieuwsbrief');
    expect(page).not.toContain('Concept december');
    expect(page).not.toContain('Netwerkmail');
    // The look of the other public pages: the Netwerk's name and motto on top, the feed still linked.
    expect(page).toContain('<span class="motto">samen werken aan nabuurschap in de stad</span>');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(page).not.toContain('noindex');
    const unsubscribe = await (await t.app.request('/archief/afmelden')).text();
    expect(unsubscribe).toContain('<span class="motto">');
    expect(unsubscribe).toContain('<h1>Afmelden of voorkeuren wijzigen</h1>');
  });

  it('shows the web version without personal data, and 404s for drafts', async () => {
    const t = await makeTestApp();
    const c = await create(t, brief('Nieuwsbrief november'));
    expect((await t.app.request(`/archief/${c.slug}`)).status).toBe(404);
    await markSent(t, c.id, '2026-11-15T08:00:00.000Z');
    const res = await t.app.request(`/archief/${c.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>Nieuwsbrief november</title>');
    expect(html).toContain('Het nieuws van deze maand.');
    expect(html).toContain('Beste lezer,');
    expect(html).not.toContain('%%');
    expect(html).not.toMatch(/\/afmelden\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect(html).toContain('href="https://stadsdorpen.test/archief/afmelden"');
    expect((await t.app.request('/archief/afmelden')).status).toBe(200);
  });

  it('escapes a subject with markup on the list page and in the feed', async () => {
    const t = await makeTestApp();
    const c = await create(t, brief('Nieuws & <b>meer</b>'));
    await markSent(t, c.id, '2026-11-15T08:00:00.000Z');
    expect(await (await t.app.request('/archief')).text()).toContain('Nieuws &amp; &lt;b&gt;meer&lt;/b&gt;');
    expect(await (await t.app.request('/archief/feed.xml')).text()).toContain(
      'Nieuws &#38; &#60;b&#62;meer&#60;/b&#62;',
    );
  });

  it('offers an Atom feed of the archive', async () => {
    const t = await makeTestApp();
    const c = await create(t, brief('Nieuwsbrief november'));
    await markSent(t, c.id, '2026-11-15T08:00:00.000Z');
    const res = await t.app.request('/archief/feed.xml');
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(
      `<link rel="alternate" type="text/html" href="https://stadsdorpen.test/archief/${c.slug}"/>`,
    );
    expect(xml).toContain('<updated>2026-11-15T08:00:00.000Z</updated>');
    expect(xml).toContain('<summary>Over Nieuwsbrief november</summary>');
  });

  it('serves the web version as it was sent, byte for byte, after its layout is edited or deleted', async () => {
    const t = await makeTestApp();
    expect((await putLayout(t, 'eigen', standaard.replace('{{motto}}', 'Versie een'))).status).toBe(201);
    const c = await create(t, brief('Nieuwsbrief november', { layout: 'eigen' }));
    await markSent(t, c.id, '2026-11-15T08:00:00.000Z');
    const sent = await (await t.app.request(`/archief/${c.slug}`)).text();
    expect(sent).toContain('Versie een');
    expect(sent).not.toContain('Anna');

    expect((await putLayout(t, 'eigen', standaard.replace('{{motto}}', 'Versie twee'))).status).toBe(200);
    expect(await (await t.app.request(`/archief/${c.slug}`)).text()).toBe(sent);

    const del = await t.app.request('/api/layouts/eigen', { method: 'DELETE', headers: auth(t.coco) });
    expect(del.status).toBe(200);
    const after = await t.app.request(`/archief/${c.slug}`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(sent);
  });

  it('answers many visitors at once without compiling MJML, with ETag and Cache-Control', async () => {
    const t = await makeTestApp();
    const c = await create(t, brief('Nieuwsbrief november', { layout: 'standaard' }));
    await markSent(t, c.id, '2026-11-15T08:00:00.000Z');
    const compile = vi.mocked(compileMjml);
    compile.mockClear();
    const pages = await Promise.all(Array.from({ length: 20 }, () => t.app.request(`/archief/${c.slug}`)));
    expect(compile).not.toHaveBeenCalled();
    expect(new Set(await Promise.all(pages.map((p) => p.text()))).size).toBe(1);
    const first = pages[0] as Response;
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await t.app.request(`/archief/${c.slug}`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const feed = await t.app.request('/archief/feed.xml');
    expect(feed.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const feedTag = feed.headers.get('etag') ?? '';
    expect(feedTag).not.toBe('');
    expect((await t.app.request('/archief/feed.xml', { headers: { 'if-none-match': feedTag } })).status).toBe(
      304,
    );
    expect(compile).not.toHaveBeenCalled();
  });
});
