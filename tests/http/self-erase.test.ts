// The AVG right to erasure from the subscriber's own preference page, without the CoCo. The
// preference link travels with every forwarded mail, so the erase itself needs a link mailed
// to the address.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../support/app.js';
import { linkIn, mailsTo, type OutboxMail, postForm, postJson } from './subscribers-support.js';

async function confirmedWithPreferenceLink(email: string) {
  const t = await makeTestApp();
  expect((await postJson(t.app, '/api/signup', { email, lists: ['geinteresseerden'] })).status).toBe(202);
  const confirm = linkIn((await mailsTo(t, email))[0]!, 'bevestigen');
  expect((await postForm(t.app, confirm, [['actie', 'bevestigen']])).status).toBe(303);
  const welcome = (await mailsTo(t, email)).find((m) => /Welkom/.test(m.subject))!;
  return { ...t, preferences: linkIn(welcome, 'voorkeuren') };
}

function eraseLinkIn(mail: OutboxMail): string {
  const m = /https?:\/\/[^/"\s]+(\/wissen\/[A-Za-z0-9_.-]+)/.exec(mail.html);
  if (!m) throw new Error(`no /wissen/ link in mail "${mail.subject}"`);
  return m[1]!;
}

const exists = async (t: { db: { get: (sql: string) => Promise<unknown> } }, email: string) =>
  (await t.db.get(`SELECT id FROM subscribers WHERE email = '${email}'`)) !== undefined;

describe('erasing your own data', () => {
  it('starts on the preference page, which only mails a link: nothing is erased yet', async () => {
    const t = await confirmedWithPreferenceLink('wis@example.nl');
    expect(await (await t.app.request(t.preferences)).text()).toContain(`${t.preferences}/wissen`);
    const ask = await t.app.request(`${t.preferences}/wissen`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Stuur mij de link om te wissen');
    const sent = await postForm(t.app, `${t.preferences}/wissen`, []);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Kijk in uw mail');
    expect(await exists(t, 'wis@example.nl')).toBe(true);
    const [mail] = await mailsTo(t, 'wis@example.nl');
    expect(mail!.subject).toMatch(/gegevens wissen/);
    // Opening the mailed link asks once more and changes nothing (link scanners open links).
    const confirmPage = await t.app.request(eraseLinkIn(mail!));
    expect(confirmPage.status).toBe(200);
    expect(await confirmPage.text()).toContain('Ja, wis mijn gegevens');
    expect(await exists(t, 'wis@example.nl')).toBe(true);
  });

  it('erases on the mailed link’s button: the person is gone, the log keeps only the hash', async () => {
    const t = await confirmedWithPreferenceLink('wis@example.nl');
    await postForm(t.app, `${t.preferences}/wissen`, []);
    const link = eraseLinkIn((await mailsTo(t, 'wis@example.nl'))[0]!);
    const res = await postForm(t.app, link, []);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Uw gegevens zijn gewist');
    expect(await exists(t, 'wis@example.nl')).toBe(false);
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
    expect((await postForm(t.app, link, [])).status).toBe(400);
  });

  it('lets an erase link expire after 24 hours without erasing', async () => {
    const t = await confirmedWithPreferenceLink('later@example.nl');
    await postForm(t.app, `${t.preferences}/wissen`, []);
    const link = eraseLinkIn((await mailsTo(t, 'later@example.nl'))[0]!);
    t.clock.advance(25 * 3_600_000);
    const res = await postForm(t.app, link, []);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Deze link is verlopen');
    expect(await exists(t, 'later@example.nl')).toBe(true);
  });

  it('refuses a forged link, and a preference link cannot stand in for an erase link', async () => {
    const t = await confirmedWithPreferenceLink('blijf@example.nl');
    const token = t.preferences.split('/').pop()!;
    expect((await postForm(t.app, `/wissen/${token}`, [])).status).toBe(400);
    expect((await postForm(t.app, `/wissen/${token.slice(0, -3)}abc`, [])).status).toBe(400);
    expect((await postForm(t.app, `${t.preferences.slice(0, -3)}abc/wissen`, [])).status).toBe(400);
    expect(await exists(t, 'blijf@example.nl')).toBe(true);
    expect(await mailsTo(t, 'blijf@example.nl')).toHaveLength(2);
  });
});
