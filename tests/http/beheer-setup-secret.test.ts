import { describe, expect, it } from 'vitest';
import { accounts, activity, disableAccount } from '../../src/modules/accounts/service.js';
import { makeTestApp } from '../support/app.js';
import { addAccount, Browser } from '../support/beheer.js';

const SECRET = 'een-lange-instelcode-van-de-installatie';

async function setup(env: Record<string, string> = { SETUP_SECRET: SECRET }) {
  const t = await makeTestApp({}, env);
  return { ...t, browser: new Browser(t.app) };
}

const form = (secret: string, email = 'anna@coco.nl'): [string, string][] => [
  ['secret', secret],
  ['name', 'Anna de Vries'],
  ['email', email],
];

const h1 = async (res: Response) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await res.text())?.[1];

describe('the first CoCo account made with SETUP_SECRET at /beheer/eerste-account', () => {
  it('refuses a wrong secret at its field and makes nothing', async () => {
    const t = await setup();
    const res = await t.browser.post('/beheer/eerste-account', form('een-lange-instelcode-maar-fout'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Deze instelcode klopt niet.');
    expect(await accounts(t.deps)).toHaveLength(0);
    expect((await activity(t.deps, {})).items).toHaveLength(0);
    expect(t.browser.cookies.size).toBe(0);
  });

  it('marks a missing name or address in Dutch and makes nothing', async () => {
    const t = await setup();
    const res = await t.browser.post('/beheer/eerste-account', [
      ['secret', SECRET],
      ['name', ''],
      ['email', 'anna@'],
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('href="#email"');
    expect(await accounts(t.deps)).toHaveLength(0);
  });

  it('makes the CoCo account with the right secret, logs it in and writes the activity log', async () => {
    const t = await setup();
    expect(await h1(await t.browser.get('/beheer/eerste-account'))).toBe('Het eerste CoCo-account maken');
    const res = await t.browser.post('/beheer/eerste-account', form(SECRET, ' Anna@CoCo.nl '));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer');
    expect(await h1(await t.browser.get('/beheer'))).toBe('Start');
    const made = await accounts(t.deps);
    expect(made.map((a) => [a.email, a.role])).toEqual([['anna@coco.nl', 'coco']]);
    const log = (await activity(t.deps, {})).items.map((e) => `${e.action} ${e.subject}`);
    expect(log).toContain('account-create anna@coco.nl (eerste account, met SETUP_SECRET)');
    expect(log).toContain('login ');
  });

  it('does nothing once a CoCo account is active, even with the right secret', async () => {
    const t = await setup();
    await t.browser.post('/beheer/eerste-account', form(SECRET));
    const other = new Browser(t.app);
    const page = await other.get('/beheer/eerste-account');
    expect(await page.text()).toContain('Er is al een CoCo-account.');
    const again = await other.post('/beheer/eerste-account', form(SECRET, 'bert@coco.nl'));
    expect(again.status).toBe(409);
    expect(other.cookies.size).toBe(0);
    expect((await accounts(t.deps)).map((a) => a.email)).toEqual(['anna@coco.nl']);
  });

  it('works again when the only CoCo account left is disabled', async () => {
    const t = await setup();
    const old = await addAccount(t.deps, { email: 'oud@coco.nl', name: 'Oud CoCo-lid' });
    expect((await t.browser.post('/beheer/eerste-account', form(SECRET))).status).toBe(409);
    await disableAccount(t.deps, { accountId: null, name: 'CLI' }, old.id);
    expect((await t.browser.post('/beheer/eerste-account', form(SECRET))).status).toBe(303);
  });

  it('stops after five attempts in ten minutes, even with the right secret', async () => {
    const t = await setup();
    for (let i = 0; i < 5; i++) {
      const res = await t.browser.post('/beheer/eerste-account', form(`een-lange-instelcode-fout-${i}`));
      expect(res.status).toBe(403);
    }
    const blocked = await t.browser.post('/beheer/eerste-account', form(SECRET));
    expect(blocked.status).toBe(429);
    expect(await accounts(t.deps)).toHaveLength(0);
    t.clock.advance(10 * 60_000 + 1);
    expect((await t.browser.post('/beheer/eerste-account', form(SECRET))).status).toBe(303);
  });

  it('is off without SETUP_SECRET', async () => {
    const t = await setup({});
    expect((await t.browser.get('/beheer/eerste-account')).status).toBe(404);
    expect((await t.browser.post('/beheer/eerste-account', form(SECRET))).status).toBe(404);
    expect(await accounts(t.deps)).toHaveLength(0);
  });
});
