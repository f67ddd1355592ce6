import { describe, expect, it } from 'vitest';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { linkIn, mailsTo, postForm, postJson, statusesOf } from './subscribers-support.js';

const evil = { origin: 'https://boze-site.example', 'sec-fetch-site': 'cross-site' };

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'stadsdorp-noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  return t;
}

type T = Awaited<ReturnType<typeof setup>>;

async function confirmedSubscriber(t: T, email: string) {
  await postJson(t.app, '/api/signup', { email, name: 'Els', lists: ['geinteresseerden'] });
  await postForm(t.app, linkIn((await mailsTo(t, email))[0]!, 'bevestigen'), [['actie', 'bevestigen']]);
  const [welcome] = await mailsTo(t, email);
  return { preferences: linkIn(welcome!, 'voorkeuren'), unsubscribe: linkIn(welcome!, 'afmelden') };
}

async function nameOf(t: T, email: string) {
  return (await t.db.get<{ name: string | null }>('SELECT name FROM subscribers WHERE email = ?', [email]))
    ?.name;
}

describe('browser posts must come from our own pages', () => {
  it('refuses a cross-site post with a Dutch 403 page and changes nothing', async () => {
    const t = await setup();
    const { preferences, unsubscribe } = await confirmedSubscriber(t, 'els@example.nl');
    const attempts = [
      await postForm(t.app, unsubscribe, [], evil),
      await postForm(
        t.app,
        preferences,
        [
          ['formulier', 'voorkeuren'],
          ['name', 'Gekaapt'],
        ],
        evil,
      ),
      await postForm(t.app, `${preferences}/wissen`, [], evil),
      // No Origin and no Sec-Fetch-Site at all (a script, or a very old browser): refused too.
      await t.app.request(unsubscribe, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('lang="nl"');
      expect(html).toContain('niet van onze eigen website');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    expect(await statusesOf(t.db, 'els@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await nameOf(t, 'els@example.nl')).toBe('Els');
    expect(await mailsTo(t, 'els@example.nl')).toHaveLength(2);
  });

  it('takes a post whose Origin is PUBLIC_URL’s', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'zelf@example.nl');
    const res = await postForm(t.app, unsubscribe, [], {
      origin: 'https://stadsdorpen.test',
      'sec-fetch-site': '',
    });
    expect(res.status).toBe(200);
    expect(await statusesOf(t.db, 'zelf@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
  });

  it('takes a post without Origin when the browser says Sec-Fetch-Site: same-origin', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'fetch@example.nl');
    const res = await t.app.request(unsubscribe, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    expect(await statusesOf(t.db, 'fetch@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
  });

  it('takes the signup form from any stadsdorp website', async () => {
    const t = await setup();
    const res = await postForm(
      t.app,
      '/aanmelden',
      [
        ['email', 'buur@example.nl'],
        ['lists', 'geinteresseerden'],
      ],
      { origin: 'https://stadsdorp-noord.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.status).toBe(200);
    expect(await statusesOf(t.db, 'buur@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
  });

  it('takes an RFC 8058 one-click post from a mail provider, and only that post', async () => {
    const t = await setup();
    const { unsubscribe } = await confirmedSubscriber(t, 'klik@example.nl');
    const res = await t.app.request(unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(await statusesOf(t.db, 'klik@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
  });

  it('leaves requests with a bearer token to the API’s own checks', async () => {
    const t = await setup();
    const res = await t.app.request('/afmelden/onzin.x', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.coco}`, ...evil },
    });
    expect(res.status).toBe(400);
  });
});

describe('POST /voorkeuren/:token without the form’s marker', () => {
  it('answers 400 and changes nothing, for an empty and for a text/plain post', async () => {
    const t = await setup();
    const { preferences } = await confirmedSubscriber(t, 'leeg@example.nl');
    const same = { 'sec-fetch-site': 'same-origin' };
    const attempts = [
      await t.app.request(preferences, { method: 'POST', headers: same }),
      await t.app.request(preferences, {
        method: 'POST',
        headers: { ...same, 'content-type': 'text/plain' },
        body: 'name=&lists=',
      }),
      await postForm(t.app, preferences, [['name', '']]),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Er is niets gewijzigd');
    }
    expect(await statusesOf(t.db, 'leeg@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await nameOf(t, 'leeg@example.nl')).toBe('Els');
  });
});
