import { describe, expect, it } from 'vitest';
import { signLinkToken } from '../../src/modules/auth/link-token.js';
import { unsubscribeUrl } from '../../src/modules/notifications/links.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { consentOf, linkIn, mailsTo, postForm, postJson, statusesOf } from './subscribers-support.js';

async function setup(env: Record<string, string> = {}) {
  const t = await makeTestApp({}, env);
  await addStadsdorp(t.deps, { slug: 'stadsdorp-noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  return t;
}

type T = Awaited<ReturnType<typeof setup>>;

async function confirmedSubscriber(t: T, email: string, lists = ['geinteresseerden']) {
  await postJson(t.app, '/api/signup', { email, lists, stadsdorp: 'stadsdorp-noord' });
  await postForm(t.app, linkIn((await mailsTo(t, email))[0]!, 'bevestigen'), [['actie', 'bevestigen']]);
  const [welcome] = await mailsTo(t, email);
  return { preferences: linkIn(welcome!, 'voorkeuren'), unsubscribe: linkIn(welcome!, 'afmelden') };
}

describe('GET and POST /aanmelden', () => {
  it('shows a Dutch form with labelled fields, the lists and the stadsdorpen', async () => {
    const t = await setup();
    const res = await t.app.request('/aanmelden?stadsdorp=stadsdorp-noord&bron=poster-kennismaking-a3');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="nl">/);
    expect(html).toContain('<label for="email">E-mailadres</label>');
    expect(html).toContain('<form action="/aanmelden" method="post"');
    expect(html).toContain('value="besturen"');
    expect(html).toContain('value="geinteresseerden"');
    expect(html).toMatch(/<option value="stadsdorp-noord" selected="">Stadsdorp Noord<\/option>/);
    expect(html).toContain('<input type="hidden" name="bron" value="poster-kennismaking-a3"/>');
    expect(html).toContain('samen werken aan nabuurschap in de stad');
  });

  it('takes a plain form post from another site and records the poster it came from', async () => {
    const t = await setup();
    const res = await postForm(t.app, '/aanmelden', [
      ['email', 'Buurvrouw@Example.nl'],
      ['name', 'Buurvrouw'],
      ['lists', 'geinteresseerden'],
      ['stadsdorp', ''],
      ['bron', 'poster-kennismaking-a3'],
    ]);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check uw mail');
    expect(await statusesOf(t.db, 'buurvrouw@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    const row = await t.db.get<{ source: string; detail: string }>('SELECT source, detail FROM consent_log');
    expect(row).toEqual({ source: 'form:aanmelden@v1', detail: 'bron=poster-kennismaking-a3' });
  });

  it('takes a multipart post too', async () => {
    const t = await setup();
    const body = new FormData();
    body.set('email', 'multi@example.nl');
    body.append('lists', 'geinteresseerden');
    const res = await t.app.request('/aanmelden', { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await statusesOf(t.db, 'multi@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
  });

  it('shows the form again with messages next to the fields and the typed values kept', async () => {
    const t = await setup();
    const res = await postForm(t.app, '/aanmelden', [
      ['email', 'geen-adres'],
      ['name', 'Karel <b>'],
      ['bron', 'poster-a4'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="email-fout"');
    expect(html).toContain('Dit is geen geldig e-mailadres.');
    expect(html).toContain('id="lists-fout"');
    expect(html).toContain('value="geen-adres"');
    expect(html).toContain('value="Karel &lt;b&gt;"');
    expect(html).toContain('value="poster-a4"');
    expect(await t.db.get('SELECT * FROM subscribers')).toBeUndefined();
  });

  it('asks for a stadsdorp when besturen is ticked, keeping the ticks', async () => {
    const t = await setup();
    const res = await postForm(t.app, '/aanmelden', [
      ['email', 'bestuur@example.nl'],
      ['lists', 'besturen'],
      ['stadsdorp', ''],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="stadsdorp-fout"');
    expect(html).toMatch(/id="lijst-besturen" name="lists" value="besturen" checked/);
  });

  it('says when a client sends too many signups', async () => {
    const t = await setup({ SIGNUP_RATE_PER_MINUTE: '1' });
    const post = () =>
      postForm(t.app, '/aanmelden', [
        ['email', 'r@example.nl'],
        ['lists', 'geinteresseerden'],
      ]);
    expect((await post()).status).toBe(200);
    const res = await post();
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('te veel aanmeldingen');
  });
});

describe('/bevestigen/:token', () => {
  const confirmIn = (t: T, link: string) => postForm(t.app, link, [['actie', 'bevestigen']]);

  it('shows a button on GET and leaves the subscription unconfirmed, with no consent entry', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', {
      email: 'scanner@example.nl',
      lists: ['geinteresseerden', 'besturen'],
      stadsdorp: 'stadsdorp-noord',
    });
    const link = linkIn((await mailsTo(t, 'scanner@example.nl'))[0]!, 'bevestigen');
    // A link scanner opens it, maybe more than once.
    await t.app.request(link);
    const page = await t.app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Bevestig uw aanmelding');
    expect(html).toContain('<strong>Besturen</strong>');
    expect(html).toContain('<strong>Geïnteresseerden</strong>');
    expect(html).toContain(
      `<form action="${link}" method="post"><input type="hidden" name="actie" value="bevestigen"/><button type="submit">Ja, bevestig mijn aanmelding</button>`,
    );
    expect(html).not.toContain('<script');
    expect(await statusesOf(t.db, 'scanner@example.nl')).toEqual({
      besturen: 'unconfirmed',
      geinteresseerden: 'unconfirmed',
    });
    expect((await consentOf(t.db, 'scanner@example.nl')).filter((e) => e.includes(':confirm:'))).toEqual([]);
    expect(await mailsTo(t, 'scanner@example.nl')).toHaveLength(1);
  });

  it('confirms on the button, logging the link as the source and queueing one welcome mail', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', { email: 'knop@example.nl', lists: ['geinteresseerden'] });
    const link = linkIn((await mailsTo(t, 'knop@example.nl'))[0]!, 'bevestigen');
    const res = await confirmIn(t, link);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(link);
    expect(await statusesOf(t.db, 'knop@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await consentOf(t.db, 'knop@example.nl')).toEqual([
      'geinteresseerden:signup:api:signup@v1',
      'geinteresseerden:confirm:link:bevestigen@v1',
    ]);
    const after = await t.app.request(link);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Uw aanmelding is bevestigd');
    expect((await mailsTo(t, 'knop@example.nl')).map((m) => m.subject)).toContainEqual(
      expect.stringMatching(/Welkom/),
    );
  });

  it('changes nothing and mails nothing on a second press or a later visit', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', { email: 'twee@example.nl', lists: ['geinteresseerden'] });
    const link = linkIn((await mailsTo(t, 'twee@example.nl'))[0]!, 'bevestigen');
    await confirmIn(t, link);
    const first = await (await t.app.request(link)).text();
    const again = await confirmIn(t, link);
    expect(again.status).toBe(303);
    const second = await t.app.request(again.headers.get('location')!);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(first);
    expect(first).toContain('Uw aanmelding is bevestigd');
    expect((await consentOf(t.db, 'twee@example.nl')).filter((e) => e.includes(':confirm:'))).toHaveLength(1);
    const queued = await t.db.get<{ n: number }>(
      "SELECT count(*) AS n FROM mail_queue WHERE kind = 'welcome'",
    );
    expect(queued!.n).toBe(1);
    expect((await mailsTo(t, 'twee@example.nl')).filter((m) => /Welkom/.test(m.subject))).toHaveLength(1);
  });

  it('explains an expired link and mails a new one from its button', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', { email: 'laat@example.nl', lists: ['geinteresseerden'] });
    const link = linkIn((await mailsTo(t, 'laat@example.nl'))[0]!, 'bevestigen');
    t.clock.advance(8 * 86_400_000);
    const page = await t.app.request(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('verlopen');
    expect(html).toContain(
      `<form action="${link}" method="post"><input type="hidden" name="actie" value="nieuwe-link"/>`,
    );
    expect(html).not.toContain('Ja, bevestig mijn aanmelding');

    // The old link's confirm button, say from a page left open, no longer confirms.
    const late = await confirmIn(t, link);
    expect(late.status).toBe(200);
    expect(await late.text()).toContain('verlopen');
    expect(await statusesOf(t.db, 'laat@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });

    const resent = await postForm(t.app, link, [['actie', 'nieuwe-link']]);
    expect(resent.status).toBe(200);
    expect(await resent.text()).toContain('Check uw mail');
    const mails = await mailsTo(t, 'laat@example.nl');
    expect(mails).toHaveLength(2);
    const fresh = linkIn(mails[0]!, 'bevestigen');
    expect(fresh).not.toBe(link);
    expect(await (await t.app.request(fresh)).text()).toContain('Ja, bevestig mijn aanmelding');
    expect(await statusesOf(t.db, 'laat@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    expect((await confirmIn(t, fresh)).status).toBe(303);
    expect(await statusesOf(t.db, 'laat@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
  });

  it('limits new-link requests per client address with a Dutch 429', async () => {
    const t = await setup({ SIGNUP_RATE_PER_MINUTE: '1' });
    await postJson(t.app, '/api/signup', { email: 'vaak@example.nl', lists: ['geinteresseerden'] });
    const link = linkIn((await mailsTo(t, 'vaak@example.nl'))[0]!, 'bevestigen');
    t.clock.advance(8 * 86_400_000);
    expect((await postForm(t.app, link, [['actie', 'nieuwe-link']])).status).toBe(200);
    const limited = await postForm(t.app, link, [['actie', 'nieuwe-link']]);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('te veel aanmeldingen');
    expect(await mailsTo(t, 'vaak@example.nl')).toHaveLength(2);
  });

  it('answers a post without a known actie with a Dutch 400 page and changes nothing', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', { email: 'raar@example.nl', lists: ['geinteresseerden'] });
    const link = linkIn((await mailsTo(t, 'raar@example.nl'))[0]!, 'bevestigen');
    for (const res of [
      await t.app.request(link, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } }),
      await postForm(t.app, link, [['actie', 'afmelden']]),
    ]) {
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Dit verzoek begrijpen wij niet');
      expect(html).toContain(`<a href="${link}">`);
    }
    expect(await statusesOf(t.db, 'raar@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    expect(await mailsTo(t, 'raar@example.nl')).toHaveLength(1);
  });

  it('answers a damaged or forged link with a 400 page', async () => {
    const t = await setup();
    for (const token of [
      'abc',
      signLinkToken('een-ander-geheim-0123456789abcdef0123', { purpose: 'confirm', subject: 'x' }),
      signLinkToken(t.deps.config.secretKey, { purpose: 'preferences', subject: 'x' }),
    ]) {
      for (const res of [
        await t.app.request(`/bevestigen/${token}`),
        await confirmIn(t, `/bevestigen/${token}`),
        await postForm(t.app, `/bevestigen/${token}`, [['actie', 'nieuwe-link']]),
      ]) {
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('Deze link werkt niet');
      }
    }
  });
});

describe('/voorkeuren/:token', () => {
  it('shows the stored values and downloads the same data as the admin export', async () => {
    const t = await setup();
    const { preferences } = await confirmedSubscriber(t, 'data@example.nl');
    const html = await (await t.app.request(preferences)).text();
    expect(html).toMatch(/id="lijst-geinteresseerden" name="lists" value="geinteresseerden" checked/);
    expect(html).not.toMatch(/id="lijst-besturen" name="lists" value="besturen" checked/);
    const download = await t.app.request(`${preferences}/gegevens`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const own = await download.json();
    const { id } = (await t.db.get<{ id: number }>('SELECT id FROM subscribers'))!;
    const admin = await (
      await t.app.request(`/api/subscribers/${id}/export`, { headers: { authorization: `Bearer ${t.coco}` } })
    ).json();
    expect(own).toEqual(admin);
    expect(own.consentLog.map((e: { action: string }) => e.action)).toEqual(['signup', 'confirm']);
  });

  it('unsubscribes an unticked list and re-renders errors with status 400', async () => {
    const t = await setup();
    const { preferences } = await confirmedSubscriber(t, 'pref@example.nl');
    const bad = await postForm(t.app, preferences, [
      ['formulier', 'voorkeuren'],
      ['name', 'Piet'],
      ['lists', 'besturen'],
      ['stadsdorp', ''],
    ]);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="stadsdorp-fout"');
    expect(html).toContain('value="Piet"');
    expect(await statusesOf(t.db, 'pref@example.nl')).toEqual({ geinteresseerden: 'confirmed' });

    const none = await postForm(t.app, preferences, [
      ['formulier', 'voorkeuren'],
      ['name', 'Piet'],
    ]);
    expect(none.status).toBe(303);
    expect(await statusesOf(t.db, 'pref@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
    expect((await consentOf(t.db, 'pref@example.nl')).at(-1)).toBe(
      'geinteresseerden:unsubscribe:form:voorkeuren@v1',
    );
  });

  it('refuses a link of another purpose', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'mix@example.nl');
    const token = unsubscribe.split('/').at(-1)!;
    expect((await t.app.request(`/voorkeuren/${token}`)).status).toBe(400);
    expect((await postForm(t.app, `/voorkeuren/${token}`, [['name', 'x']])).status).toBe(400);
  });
});

describe('/afmelden/:token', () => {
  it('shows a button on GET and changes nothing until it is pressed', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'knop@example.nl');
    const page = await t.app.request(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<form action="${unsubscribe}" method="post"><button type="submit">`);
    expect(await statusesOf(t.db, 'knop@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    const done = await t.app.request(unsubscribe, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(done.status).toBe(200);
    expect(await statusesOf(t.db, 'knop@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
    expect((await consentOf(t.db, 'knop@example.nl')).at(-1)).toBe(
      'geinteresseerden:unsubscribe:link:afmelden@v1',
    );
  });

  it('unsubscribes from the one list a list link names', async () => {
    const t = await setup();
    await confirmedSubscriber(t, 'twee-lijsten@example.nl', ['geinteresseerden', 'besturen']);
    const { public_id } = (await t.db.get<{ public_id: string }>('SELECT public_id FROM subscribers'))!;
    const link = new URL(unsubscribeUrl(t.deps.config, public_id, 'geinteresseerden')).pathname;
    expect(await (await t.app.request(link)).text()).toContain('Geïnteresseerden');
    const res = await postForm(t.app, link, [['List-Unsubscribe', 'One-Click']]);
    expect(res.status).toBe(200);
    expect(await statusesOf(t.db, 'twee-lijsten@example.nl')).toEqual({
      besturen: 'pending_approval',
      geinteresseerden: 'unsubscribed',
    });
  });

  it('answers 200 to a one-click post for a person who was erased', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'vergeten@example.nl');
    const { id } = (await t.db.get<{ id: number }>('SELECT id FROM subscribers'))!;
    await t.app.request(`/api/subscribers/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.coco}` },
    });
    const res = await postForm(t.app, unsubscribe, [['List-Unsubscribe', 'One-Click']]);
    expect(res.status).toBe(200);
  });

  it('answers a forged link with a 400 page, not a redirect', async () => {
    const t = await setup();
    const res = await postForm(t.app, '/afmelden/vals.token', [['List-Unsubscribe', 'One-Click']]);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
