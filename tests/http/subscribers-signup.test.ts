import { describe, expect, it } from 'vitest';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { consentOf, linkIn, mailsTo, postForm, postJson, statusesOf } from './subscribers-support.js';

async function setup(env: Record<string, string> = {}) {
  const t = await makeTestApp({}, env);
  await addStadsdorp(t.deps, { slug: 'stadsdorp-zuid', name: 'Stadsdorp Zuid', gebied: 'Zuid' });
  const signup = (body: unknown, headers: Record<string, string> = {}) =>
    postJson(t.app, '/api/signup', body, headers);
  return { ...t, signup };
}

async function counts(t: Awaited<ReturnType<typeof setup>>) {
  const n = async (table: string) => (await t.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  return {
    subscribers: await n('subscribers'),
    subscriptions: await n('subscriptions'),
    consent: await n('consent_log'),
  };
}

describe('POST /api/signup', () => {
  it('answers the same 202 for a new, a known and an already confirmed address', async () => {
    const t = await setup();
    const first = await t.signup({ email: 'piet@example.nl', lists: ['geinteresseerden'] });
    const again = await t.signup({ email: 'PIET@example.nl', lists: ['geinteresseerden'] });
    const [mail] = await mailsTo(t, 'piet@example.nl');
    await postForm(t.app, linkIn(mail!, 'bevestigen'), [['actie', 'bevestigen']]);
    const confirmed = await t.signup({ email: 'piet@example.nl', lists: ['geinteresseerden'] });
    const bodies = await Promise.all([first, again, confirmed].map(async (r) => [r.status, await r.text()]));
    expect(bodies[0]![0]).toBe(202);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('stores the address trimmed and lower-cased, unconfirmed, and mails a confirmation link', async () => {
    const t = await setup();
    await t.signup({ email: '  Jan.Jansen@Example.NL ', name: 'Jan', lists: ['geinteresseerden'] });
    expect(await statusesOf(t.db, 'jan.jansen@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    const mails = await mailsTo(t, 'jan.jansen@example.nl');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Jan');
    expect(linkIn(mails[0]!, 'bevestigen')).toMatch(/^\/bevestigen\//);
    expect(await consentOf(t.db, 'jan.jansen@example.nl')).toEqual(['geinteresseerden:signup:api:signup@v1']);
  });

  it('leaves a confirmed subscription alone and sends no mail', async () => {
    const t = await setup();
    await t.signup({ email: 'kees@example.nl', lists: ['geinteresseerden'] });
    await postForm(t.app, linkIn((await mailsTo(t, 'kees@example.nl'))[0]!, 'bevestigen'), [
      ['actie', 'bevestigen'],
    ]);
    const before = (await mailsTo(t, 'kees@example.nl')).length;
    t.clock.advance(60_000);
    await t.signup({ email: 'kees@example.nl', lists: ['geinteresseerden'] });
    expect(await statusesOf(t.db, 'kees@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
    expect(await mailsTo(t, 'kees@example.nl')).toHaveLength(before);
  });

  it('treats a signup after an unsubscribe as new consent that must be confirmed again', async () => {
    const t = await setup();
    await t.signup({ email: 'mies@example.nl', lists: ['geinteresseerden'] });
    const [confirmMail] = await mailsTo(t, 'mies@example.nl');
    await postForm(t.app, linkIn(confirmMail!, 'bevestigen'), [['actie', 'bevestigen']]);
    const [welcome] = await mailsTo(t, 'mies@example.nl');
    await t.app.request(linkIn(welcome!, 'afmelden'), {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(await statusesOf(t.db, 'mies@example.nl')).toEqual({ geinteresseerden: 'unsubscribed' });
    t.clock.advance(60_000);
    await t.signup({ email: 'mies@example.nl', lists: ['geinteresseerden'] });
    expect(await statusesOf(t.db, 'mies@example.nl')).toEqual({ geinteresseerden: 'unconfirmed' });
    expect((await mailsTo(t, 'mies@example.nl'))[0]!.subject).toMatch(/Bevestig/);
  });

  it('does not let a signup overwrite the name of a known person', async () => {
    const t = await setup();
    await t.signup({ email: 'truus@example.nl', name: 'Truus', lists: ['geinteresseerden'] });
    await t.signup({ email: 'truus@example.nl', name: 'Iemand Anders', lists: ['geinteresseerden'] });
    const row = await t.db.get<{ name: string }>('SELECT name FROM subscribers WHERE email = ?', [
      'truus@example.nl',
    ]);
    expect(row!.name).toBe('Truus');
  });

  it.each([
    ['a bad address', { email: 'geen-adres', lists: ['geinteresseerden'] }, 'email'],
    ['no address', { lists: ['geinteresseerden'] }, 'email'],
    ['no list', { email: 'a@example.nl', lists: [] }, 'lists'],
    ['an unknown list', { email: 'a@example.nl', lists: ['bestaat-niet'] }, 'lists'],
    ['besturen without a stadsdorp', { email: 'a@example.nl', lists: ['besturen'] }, 'stadsdorp'],
    [
      'an unknown stadsdorp',
      { email: 'a@example.nl', lists: ['besturen'], stadsdorp: 'atlantis' },
      'stadsdorp',
    ],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_name, body, field) => {
    const t = await setup();
    const before = await counts(t);
    const res = await t.signup(body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('validation');
    expect(json.error.fields).toHaveProperty(field);
    expect(await counts(t)).toEqual(before);
    expect(await mailsTo(t, 'a@example.nl')).toHaveLength(0);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const t = await setup();
    const res = await t.app.request('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
  });

  it('puts a besturen request with a stadsdorp on the road to approval', async () => {
    const t = await setup();
    await t.signup({ email: 'bestuur@example.nl', lists: ['besturen'], stadsdorp: 'stadsdorp-zuid' });
    await postForm(t.app, linkIn((await mailsTo(t, 'bestuur@example.nl'))[0]!, 'bevestigen'), [
      ['actie', 'bevestigen'],
    ]);
    expect(await statusesOf(t.db, 'bestuur@example.nl')).toEqual({ besturen: 'pending_approval' });
  });

  it('limits signups per client address with a Dutch 429', async () => {
    const t = await setup({ SIGNUP_RATE_PER_MINUTE: '3' });
    const from = (ip: string) => ({ 'cf-connecting-ip': ip });
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.signup({ email: `p${i}@example.nl`, lists: ['geinteresseerden'] }, from('10.0.0.1'))).status,
      ).toBe(202);
    }
    const limited = await t.signup({ email: 'p9@example.nl', lists: ['geinteresseerden'] }, from('10.0.0.1'));
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toMatch(/te veel aanmeldingen/);
    expect(
      (await t.signup({ email: 'q@example.nl', lists: ['geinteresseerden'] }, from('10.0.0.2'))).status,
    ).toBe(202);
    t.clock.advance(60_000);
    expect(
      (await t.signup({ email: 'p9@example.nl', lists: ['geinteresseerden'] }, from('10.0.0.1'))).status,
    ).toBe(202);
  });
});
