import { describe, expect, it } from 'vitest';
import { auth, makeTestApp } from '../support/app.js';

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

async function markSent(t: TestApp, id: number, at: string) {
  await t.db.run(`UPDATE campaigns SET status = 'sent', sent_at = ? WHERE id = ?`, [at, id]);
}

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
});
