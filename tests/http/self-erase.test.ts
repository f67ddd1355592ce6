// The AVG right to erasure from the subscriber's own preference page, without the CoCo.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support/app.js';
import { linkIn, mailsTo, postForm, postJson } from './subscribers-support.js';

async function confirmedWithPreferenceLink(email: string) {
  const t = await makeTestApp();
  expect((await postJson(t.app, '/api/signup', { email, lists: ['geinteresseerden'] })).status).toBe(202);
  const confirm = linkIn((await mailsTo(t, email))[0]!, 'bevestigen');
  expect((await postForm(t.app, confirm, [['actie', 'bevestigen']])).status).toBe(303);
  const welcome = (await mailsTo(t, email)).find((m) => /Welkom/.test(m.subject))!;
  return { ...t, preferences: linkIn(welcome, 'voorkeuren') };
}

describe('erasing your own data from the preference page', () => {
  it('links to it from the preference page and first asks, changing nothing', async () => {
    const t = await confirmedWithPreferenceLink('wis@example.nl');
    expect(await (await t.app.request(t.preferences)).text()).toContain(`${t.preferences}/wissen`);
    const ask = await t.app.request(`${t.preferences}/wissen`);
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect(page).toContain('Ja, wis mijn gegevens');
    expect(page).toContain('wis@example.nl');
    expect(await t.db.get("SELECT id FROM subscribers WHERE email = 'wis@example.nl'")).toBeDefined();
  });

  it('erases on the button: the person and their mails are gone, the log keeps only the hash', async () => {
    const t = await confirmedWithPreferenceLink('wis@example.nl');
    const res = await postForm(t.app, `${t.preferences}/wissen`, []);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Uw gegevens zijn gewist');
    expect(await t.db.get("SELECT id FROM subscribers WHERE email = 'wis@example.nl'")).toBeUndefined();
    expect(await t.db.all('SELECT * FROM subscriptions')).toEqual([]);
    expect(await mailsTo(t, 'wis@example.nl')).toEqual([]);
    const log = await t.db.all<Record<string, unknown>>('SELECT * FROM consent_log ORDER BY id');
    expect(log.map((r) => r.action)).toEqual(['signup', 'confirm', 'erase']);
    expect(log.at(-1)!.source).toBe('form:wissen@v1');
    expect(log.every((r) => r.subscriber_id === null && typeof r.email_hash === 'string')).toBe(true);
    expect(new Set(log.map((r) => r.email_hash)).size).toBe(1);
    expect(JSON.stringify(log)).not.toContain('wis@example.nl');
    // The old links name nobody now.
    expect((await t.app.request(t.preferences)).status).toBe(400);
    expect((await t.app.request(`${t.preferences}/gegevens`)).status).toBe(400);
    expect((await postForm(t.app, `${t.preferences}/wissen`, [])).status).toBe(400);
  });

  it('refuses a forged link without erasing anyone', async () => {
    const t = await confirmedWithPreferenceLink('blijf@example.nl');
    const forged = `${t.preferences.slice(0, -3)}abc`;
    expect((await postForm(t.app, `${forged}/wissen`, [])).status).toBe(400);
    expect((await t.app.request(`${forged}/wissen`)).status).toBe(400);
    expect(await t.db.get("SELECT id FROM subscribers WHERE email = 'blijf@example.nl'")).toBeDefined();
  });
});
