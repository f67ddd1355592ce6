import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

const netwerkmail = {
  kind: 'netwerkmail',
  subject: 'Uitnodiging Netwerkbijeenkomst',
  content: { body: 'Beste besturen, kom **allemaal**.', signature: 'De CoCo' },
};

const nieuwsbrief = {
  kind: 'nieuwsbrief',
  subject: 'Netwerk Nieuwsbrief november',
  preheader: 'Nieuws en agenda',
  content: {
    intro: 'Welkom bij de **november**-editie.',
    articles: [
      {
        title: 'Nieuw stadsdorp in Noord',
        body: 'Buikslotermeer is begonnen.',
        imageUrl: 'https://stadsdorpen.nl/static/noord.jpg',
        imageAlt: 'Bewoners bij de opening',
        link: 'https://stadsdorpen.nl/nieuws/noord',
      },
    ],
    agenda: [{ date: '2026-12-10', time: '19:30', title: 'Themamiddag', place: 'OBA' }],
    kennisbank: [
      { title: 'Verzekeringen', url: 'https://netwerkamsterdamsestadsdorpen.nl/kennisbank/verzekeringen' },
    ],
  },
};

async function post(t: TestApp, body: unknown, token = t.coco) {
  return t.app.request('/api/campaigns', {
    method: 'POST',
    headers: auth(token, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
}

async function count(t: TestApp) {
  return (await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM campaigns'))?.n;
}

async function addSubscriber(t: TestApp, email: string, name: string | null) {
  const r = await t.db.run('INSERT INTO subscribers (public_id, email, name) VALUES (?, ?, ?)', [
    `pub-${email}`,
    email,
    name,
  ]);
  return r.lastRowId;
}

describe('POST /api/campaigns', () => {
  it('creates a draft Nieuwsbrief for besturen and geinteresseerden, public by default', async () => {
    const t = await makeTestApp();
    const res = await post(t, nieuwsbrief);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      id: expect.any(Number),
      kind: 'nieuwsbrief',
      status: 'draft',
      lists: ['besturen', 'geinteresseerden'],
      public: true,
      slug: '2026-11-netwerk-nieuwsbrief-november',
      webVersionUrl: 'https://stadsdorpen.test/archief/2026-11-netwerk-nieuwsbrief-november',
      counts: { total: 0, queued: 0, sent: 0, delivered: 0, failed: 0, bounced: 0, complained: 0 },
    });
  });

  it('sends a Netwerkmail to the besturen only by default, and not to the archive', async () => {
    const t = await makeTestApp();
    const body = await (await post(t, netwerkmail)).json();
    expect(body.lists).toEqual(['besturen']);
    expect(body.public).toBe(false);
  });

  it('gives two campaigns with the same subject different slugs', async () => {
    const t = await makeTestApp();
    const a = await (await post(t, netwerkmail)).json();
    const b = await (await post(t, netwerkmail)).json();
    expect(b.slug).toBe(`${a.slug}-2`);
  });

  it('makes the archive slug from the subject, cut at 60 characters, or "campagne" without letters', async () => {
    const t = await makeTestApp();
    const long = await (await post(t, { ...netwerkmail, subject: `Één ${'lange '.repeat(15)}titel` })).json();
    expect(long.slug).toBe(`2026-11-een-${'lange-'.repeat(9)}la`);
    const none = await (await post(t, { ...netwerkmail, subject: '!!! ???' })).json();
    expect(none.slug).toBe('2026-11-campagne');
  });

  it('gives five simultaneous saves of one subject five different slugs', async () => {
    const t = await makeTestApp();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(t, netwerkmail)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const slugs = await t.db.all<{ slug: string }>('SELECT slug FROM campaigns');
    expect(new Set(slugs.map((r) => r.slug)).size).toBe(5);
  });

  const bad: [string, unknown, string][] = [
    ['an unknown kind', { ...netwerkmail, kind: 'flyer' }, 'kind'],
    ['a missing subject', { ...netwerkmail, subject: undefined }, 'subject'],
    ['content of the other kind', { ...netwerkmail, content: nieuwsbrief.content }, 'content'],
    [
      'more than 20 articles',
      {
        ...nieuwsbrief,
        content: {
          ...nieuwsbrief.content,
          articles: Array.from({ length: 21 }, () => ({ title: 'x', body: 'y' })),
        },
      },
      'content.articles',
    ],
    ['a body over its limit', { ...netwerkmail, content: { body: 'x'.repeat(20_001) } }, 'content.body'],
    [
      'an image without alt text',
      {
        ...nieuwsbrief,
        content: {
          ...nieuwsbrief.content,
          articles: [{ title: 'x', body: 'y', imageUrl: 'https://a.nl/b.png' }],
        },
      },
      'content.articles.0.imageAlt',
    ],
    [
      'an agenda date that is not a date',
      { ...nieuwsbrief, content: { ...nieuwsbrief.content, agenda: [{ date: '10-12-2026', title: 'x' }] } },
      'content.agenda.0.date',
    ],
    [
      'a javascript: button link',
      { ...netwerkmail, content: { body: 'x', button: { label: 'Klik', url: 'javascript:alert(1)' } } },
      'content.button.url',
    ],
    ['a list that does not exist', { ...netwerkmail, lists: ['leden'] }, 'lists'],
    ['a layout that does not exist', { ...netwerkmail, layout: 'bestaat-niet' }, 'layout'],
  ];
  for (const [what, body, field] of bad) {
    it(`answers 400 naming ${field} for ${what}, and stores nothing`, async () => {
      const t = await makeTestApp();
      const res = await post(t, body);
      expect(res.status).toBe(400);
      const err = (await res.json()).error;
      expect(err.code).toBe('validation');
      expect(Object.keys(err.fields ?? {}).some((k) => k.startsWith(field))).toBe(true);
      expect(await count(t)).toBe(0);
    });
  }

  it('names every list that exists when a campaign names one that does not', async () => {
    const t = await makeTestApp();
    await t.db.run("INSERT INTO lists (slug, name) VALUES ('werkgroep-zorg', 'Werkgroep zorg')");
    const res = await post(t, { ...netwerkmail, lists: ['werkgroep-wonen'] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.lists).toBe(
      'Onbekende lijst: werkgroep-wonen. Kies uit: besturen, geinteresseerden, werkgroep-zorg.',
    );
  });

  it('answers 401 without a token and 403 for a stadsdorp editor', async () => {
    const t = await makeTestApp();
    const none = await t.app.request('/api/campaigns', { method: 'POST', body: JSON.stringify(netwerkmail) });
    expect(none.status).toBe(401);
    const unknown = await post(t, netwerkmail, 'onbekend-token');
    expect(unknown.status).toBe(401);
    const editor = await editorToken(t.deps, await addStadsdorp(t.deps, { slug: 'stadsdorp-zuid' }));
    expect((await post(t, netwerkmail, editor)).status).toBe(403);
    expect((await t.app.request('/api/campaigns', { headers: auth(editor) })).status).toBe(403);
    expect((await t.app.request('/api/campaigns/1/preview', { headers: auth(editor) })).status).toBe(403);
    expect(await count(t)).toBe(0);
  });
});

describe('GET, PATCH and DELETE /api/campaigns/:id', () => {
  it('lists campaigns newest first without their content', async () => {
    const t = await makeTestApp();
    await post(t, netwerkmail);
    await post(t, nieuwsbrief);
    const body = await (await t.app.request('/api/campaigns', { headers: auth(t.coco) })).json();
    expect(body.items.map((c: { kind: string }) => c.kind)).toEqual(['nieuwsbrief', 'netwerkmail']);
    expect(body.items[0].content).toBeUndefined();
  });

  it('edits a draft and checks new content against its kind', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    const patch = (body: unknown) =>
      t.app.request(`/api/campaigns/${id}`, {
        method: 'PATCH',
        headers: auth(t.coco, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
    const ok = await patch({ subject: 'Nieuwe titel', content: { body: 'Nieuwe tekst' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ subject: 'Nieuwe titel', content: { body: 'Nieuwe tekst' } });
    const bad = await patch({ content: { intro: 'dit is een nieuwsbrief' } });
    expect(bad.status).toBe(400);
    const stored = await (await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) })).json();
    expect(stored.content).toEqual({ body: 'Nieuwe tekst' });
  });

  it('answers 409 when editing or deleting a campaign that was sent, and changes nothing', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    await t.db.run(`UPDATE campaigns SET status = 'sent' WHERE id = ?`, [id]);
    const res = await t.app.request(`/api/campaigns/${id}`, {
      method: 'PATCH',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ subject: 'Te laat' }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain('al verstuurd');
    const del = await t.app.request(`/api/campaigns/${id}`, { method: 'DELETE', headers: auth(t.coco) });
    expect(del.status).toBe(409);
    const row = await t.db.get<{ subject: string }>('SELECT subject FROM campaigns WHERE id = ?', [id]);
    expect(row?.subject).toBe('Uitnodiging Netwerkbijeenkomst');
  });

  it('answers 409 when editing while sending', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    await t.db.run(
      `UPDATE campaigns SET status = 'sending', started_at = '2026-11-28T10:00:00Z' WHERE id = ?`,
      [id],
    );
    const res = await t.app.request(`/api/campaigns/${id}`, {
      method: 'PATCH',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ subject: 'Te laat' }),
    });
    expect(res.status).toBe(409);
  });

  it('deletes a draft', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    expect(
      (await t.app.request(`/api/campaigns/${id}`, { method: 'DELETE', headers: auth(t.coco) })).status,
    ).toBe(204);
    expect((await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) })).status).toBe(404);
  });
});

describe('preview and test mail', () => {
  it('previews as a given subscriber, greeting them by name with their name escaped', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, nieuwsbrief)).json();
    const sub = await addSubscriber(t, 'kees@example.nl', 'Kees <b>de Boer</b>');
    const html = await (
      await t.app.request(`/api/campaigns/${id}/preview?subscriber=${sub}`, { headers: auth(t.coco) })
    ).text();
    expect(html).toContain('Beste Kees &#60;b&#62;de Boer&#60;/b&#62;,');
    const text = await (
      await t.app.request(`/api/campaigns/${id}/preview?format=text&subscriber=${sub}`, {
        headers: auth(t.coco),
      })
    ).text();
    expect(text).toContain('Beste Kees <b>de Boer</b>,');
    expect(text).toContain('Nieuw stadsdorp in Noord');
    expect(text).toMatch(/Afmelden https:\/\/stadsdorpen\.test\/afmelden\//);
  });

  it('previews as a sample reader when no subscriber is named, and 404s for an unknown subscriber', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    const res = await t.app.request(`/api/campaigns/${id}/preview?format=text`, { headers: auth(t.coco) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Beste Anna,');
    const missing = await t.app.request(`/api/campaigns/${id}/preview?subscriber=999`, {
      headers: auth(t.coco),
    });
    expect(missing.status).toBe(404);
  });

  it('sends a test marked [TEST] with a test header through the transport, writing no deliveries', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    const res = await t.app.request(`/api/campaigns/${id}/test`, {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ to: ['Tester@Example.nl', 'coco@example.nl'] }),
    });
    expect(res.status).toBe(200);
    const sent = await t.db.all<{ to_address: string; subject: string; headers_json: string }>(
      'SELECT to_address, subject, headers_json FROM outbox_messages ORDER BY to_address',
    );
    expect(sent.map((m) => m.to_address)).toEqual(['coco@example.nl', 'tester@example.nl']);
    for (const m of sent) {
      expect(m.subject).toBe('[TEST] Uitnodiging Netwerkbijeenkomst');
      const headers = JSON.parse(m.headers_json);
      expect(headers['X-Stadsdorpen-Test']).toBe('1');
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    }
    expect((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM deliveries'))?.n).toBe(0);
    const campaign = await (await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) })).json();
    expect(campaign.status).toBe('draft');
  });

  it('refuses more than 10 test addresses or an invalid one, sending nothing', async () => {
    const t = await makeTestApp();
    const { id } = await (await post(t, netwerkmail)).json();
    for (const to of [Array.from({ length: 11 }, (_, i) => `t${i}@example.nl`), ['geen-adres']]) {
      const res = await t.app.request(`/api/campaigns/${id}/test`, {
        method: 'POST',
        headers: auth(t.coco, { 'content-type': 'application/json' }),
        body: JSON.stringify({ to }),
      });
      expect(res.status).toBe(400);
    }
    expect((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox_messages'))?.n).toBe(0);
  });
});
