import { describe, expect, it } from 'vitest';
import { firstAccountLink, pruneAccounts } from '../../src/modules/accounts/service.js';
import { safeNextPath } from '../../src/modules/notifications/account-links.js';
import { makeTestApp } from '../support/app.js';
import { addAccount, Browser, beheerLinkIn, logIn, outboxMails } from '../support/beheer.js';

async function setup(env: Record<string, string> = {}) {
  const t = await makeTestApp({}, env);
  const anna = await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  return { ...t, anna, browser: new Browser(t.app, env.PUBLIC_URL ?? 'https://stadsdorpen.test') };
}

const h1 = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];

describe('logging in to beheer with a mailed link', () => {
  it('answers a known and an unknown address alike, and mails only the known one', async () => {
    const t = await setup();
    const known = await t.browser.post('/beheer/inloggen', [['email', ' Anna@CoCo.nl ']]);
    const unknown = await t.browser.post('/beheer/inloggen', [['email', 'niemand@example.nl']]);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    const mails = await outboxMails(t.deps, 'anna@coco.nl');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Uw link om in te loggen bij beheer');
    expect(mails[0]!.text).toContain('15 minuten');
    expect(await outboxMails(t.deps, 'niemand@example.nl')).toHaveLength(0);
  });

  it('marks a malformed address at the field, in Dutch, keeping what was typed', async () => {
    const t = await setup();
    const res = await t.browser.post('/beheer/inloggen', [['email', 'anna@']]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Vul een e-mailadres in zoals naam@voorbeeld.nl.');
    expect(html).toContain('href="#email"');
    expect(html).toContain('value="anna@"');
  });

  it('logs in only with the button: opening the link changes nothing, and the link works once', async () => {
    const t = await setup();
    await t.browser.post('/beheer/inloggen', [['email', 'anna@coco.nl']]);
    const link = beheerLinkIn((await outboxMails(t.deps, 'anna@coco.nl'))[0]!);
    const opened = await t.browser.get(link);
    expect(await h1(opened)).toBe('Inloggen bij beheer');
    expect(t.browser.cookies.size).toBe(0);
    expect((await t.browser.get('/beheer')).headers.get('location')).toBe('/beheer/inloggen');

    const pressed = await t.browser.post(link);
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe('/beheer');
    const cookie = pressed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-beheer=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(await h1(await t.browser.get('/beheer'))).toBe('Start');
    expect((await t.browser.get('/beheer/inloggen')).headers.get('location')).toBe('/beheer');

    const again = await new Browser(t.app).post(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Deze link is al gebruikt');
  });

  it('refuses a link after 15 minutes', async () => {
    const t = await setup();
    await t.browser.post('/beheer/inloggen', [['email', 'anna@coco.nl']]);
    const link = beheerLinkIn((await outboxMails(t.deps, 'anna@coco.nl'))[0]!);
    t.clock.advance(15 * 60_000 + 1000);
    const res = await t.browser.post(link);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('verlopen');
    expect(t.browser.cookies.size).toBe(0);
  });

  it('names the cookie without the __Host- prefix when PUBLIC_URL is http', async () => {
    const t = await setup({ PUBLIC_URL: 'http://localhost:3000' });
    const res = await logIn(t.browser, t.deps, 'anna@coco.nl');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^beheer=/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('sends a person without a session to the login, and after it to the page they wanted', async () => {
    const t = await setup();
    const res = await t.browser.get('/beheer/activiteit?voor=5');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/inloggen?next=%2Fbeheer%2Factiviteit%3Fvoor%3D5');
    const form = await (await t.browser.get(res.headers.get('location')!)).text();
    expect(form).toContain('name="next" value="/beheer/activiteit?voor=5"');
    await t.browser.post('/beheer/inloggen', [
      ['email', 'anna@coco.nl'],
      ['next', '/beheer/activiteit?voor=5'],
    ]);
    const link = beheerLinkIn((await outboxMails(t.deps, 'anna@coco.nl'))[0]!);
    expect((await t.browser.post(link)).headers.get('location')).toBe('/beheer/activiteit?voor=5');
  });

  it('refuses a next that leads to another site', async () => {
    const t = await setup();
    for (const next of ['//evil.com', 'https://evil', '/\\evil.com', '/beheerx', 'javascript:alert(1)']) {
      expect(safeNextPath(next), next).toBeNull();
      const form = await (await t.browser.get(`/beheer/inloggen?next=${encodeURIComponent(next)}`)).text();
      expect(form, next).not.toContain('name="next"');
      await t.browser.post('/beheer/inloggen', [
        ['email', 'anna@coco.nl'],
        ['next', next],
      ]);
      const link = beheerLinkIn((await outboxMails(t.deps, 'anna@coco.nl'))[0]!);
      expect((await t.browser.post(link)).headers.get('location'), next).toBe('/beheer');
      t.clock.advance(10 * 60_000);
    }
  });

  it('mails at most three links per address in 15 minutes, and refuses a client after ten requests a minute', async () => {
    const t = await setup();
    for (let i = 0; i < 5; i++) await t.browser.post('/beheer/inloggen', [['email', 'anna@coco.nl']]);
    expect(await outboxMails(t.deps, 'anna@coco.nl')).toHaveLength(3);
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push((await t.browser.post('/beheer/inloggen', [['email', 'x@y.nl']])).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    t.clock.advance(60_000);
    expect((await t.browser.post('/beheer/inloggen', [['email', 'x@y.nl']])).status).toBe(200);
  });
});

describe('sessions', () => {
  it('ends after 12 hours without a request, and 30 days after the login however busy', async () => {
    const t = await setup();
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    t.clock.advance(11 * 3_600_000);
    expect((await t.browser.get('/beheer')).status).toBe(200);
    t.clock.advance(12 * 3_600_000 + 1000);
    expect((await t.browser.get('/beheer')).status).toBe(303);

    const busy = new Browser(t.app);
    t.clock.advance(20 * 60_000);
    await logIn(busy, t.deps, 'anna@coco.nl');
    // A request every 11 hours keeps the session alive for 715 hours, but not past 720 (30 days).
    for (let hours = 11; hours <= 715; hours += 11) {
      t.clock.advance(11 * 3_600_000);
      expect((await busy.get('/beheer')).status, `after ${hours} hours`).toBe(200);
    }
    t.clock.advance(10 * 3_600_000);
    expect((await busy.get('/beheer')).status).toBe(303);
  });

  it('refuses the old cookie after logout', async () => {
    const t = await setup();
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    const old = new Map(t.browser.cookies);
    const out = await t.browser.post('/beheer/uitloggen');
    expect(out.headers.get('location')).toBe('/beheer/inloggen?melding=uitgelogd');
    const replay = new Browser(t.app);
    replay.cookies = old;
    expect((await replay.get('/beheer')).status).toBe(303);
  });

  it('lists one’s sessions and logs out everywhere', async () => {
    const t = await setup();
    const phone = new Browser(t.app);
    await logIn(phone, t.deps, 'anna@coco.nl');
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    const page = await (
      await t.browser.get('/beheer/sessies', { 'user-agent': 'Mozilla/5.0 (X11; Linux) Firefox/140' })
    ).text();
    expect(page).toContain('Overal uitloggen (2 sessies)');
    expect(page).toContain('(deze browser)');
    await t.browser.post('/beheer/sessies/overal-uitloggen');
    expect((await phone.get('/beheer')).status).toBe(303);
    expect((await t.browser.get('/beheer')).status).toBe(303);
  });

  it('ends an account’s sessions at once when the CoCo disables it', async () => {
    const t = await setup();
    const bert = await addAccount(t.deps, { email: 'bert@coco.nl', name: 'Bert' });
    const bertsBrowser = new Browser(t.app);
    await logIn(bertsBrowser, t.deps, 'bert@coco.nl');
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    expect((await bertsBrowser.get('/beheer')).status).toBe(200);
    const confirm = await t.browser.get(`/beheer/accounts/${bert.id}/uitschakelen`);
    expect(await h1(confirm)).toBe('Bert uitschakelen?');
    await t.browser.post(`/beheer/accounts/${bert.id}/uitschakelen`);
    expect((await bertsBrowser.get('/beheer')).status).toBe(303);
    await bertsBrowser.post('/beheer/inloggen', [['email', 'bert@coco.nl']]);
    expect(await outboxMails(t.deps, 'bert@coco.nl')).toHaveLength(1);
  });

  it('prunes ended sessions and expired links', async () => {
    const t = await setup();
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    await t.browser.post('/beheer/inloggen', [['email', 'anna@coco.nl']]);
    const count = async () =>
      (await t.db.get<{ s: number; l: number }>(
        'SELECT (SELECT count(*) FROM sessions) AS s, (SELECT count(*) FROM account_links) AS l',
      ))!;
    expect(await count()).toEqual({ s: 1, l: 2 });
    t.clock.advance(13 * 3_600_000);
    await pruneAccounts(t.deps);
    expect(await count()).toEqual({ s: 0, l: 0 });
  });
});

describe('the first start', () => {
  it('offers a link to make the first CoCo account while there is none, once', async () => {
    const t = await makeTestApp();
    const url = await firstAccountLink(t.deps);
    expect(url).toMatch(/^https:\/\/stadsdorpen\.test\/beheer\/link\//);
    const path = new URL(url!).pathname;
    const browser = new Browser(t.app);
    const form = await (await browser.get(path)).text();
    expect(form).toContain('Het eerste CoCo-account maken');
    const bad = await browser.post(path, [
      ['name', ''],
      ['email', 'geen-adres'],
    ]);
    expect(bad.status).toBe(400);
    const made = await browser.post(path, [
      ['name', 'Carla'],
      ['email', 'Carla@CoCo.nl'],
    ]);
    expect(made.status).toBe(303);
    expect(await (await browser.get('/beheer')).text()).toContain('Carla (CoCo)');
    expect(await firstAccountLink(t.deps)).toBeNull();
    expect(
      (
        await new Browser(t.app).post(path, [
          ['name', 'Eve'],
          ['email', 'eve@x.nl'],
        ])
      ).status,
    ).toBe(410);
  });
});

describe('the front door', () => {
  it('sends GET / to the signup page, or to beheer with a session cookie', async () => {
    const t = await setup();
    expect((await t.app.request('/')).headers.get('location')).toBe('/aanmelden');
    expect(await (await t.app.request('/aanmelden')).text()).toContain('Inloggen voor vrijwilligers');
    await logIn(t.browser, t.deps, 'anna@coco.nl');
    expect((await t.browser.get('/')).headers.get('location')).toBe('/beheer');
  });
});

describe('two presses of one link at once', () => {
  it('log in once and make one first account', async () => {
    const t = await makeTestApp();
    const path = new URL((await firstAccountLink(t.deps))!).pathname;
    const [a, b] = await Promise.all([
      new Browser(t.app).post(path, [
        ['name', 'Carla'],
        ['email', 'carla@coco.nl'],
      ]),
      new Browser(t.app).post(path, [
        ['name', 'Dirk'],
        ['email', 'dirk@coco.nl'],
      ]),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    expect(await t.db.get('SELECT count(*) AS n FROM accounts')).toEqual({ n: 1 });
  });
});
