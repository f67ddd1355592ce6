// Signup and confirmation on the Worker of wrangler.toml, inside workerd: the request goes
// through the Worker's fetch, the confirmation mail through the Queue (miniflare delivers it
// to the Worker's consumer) to the fake Resend, and the mailed link confirms.
import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, eventually, fakeResend, steppedWorker } from './support.js';

const base = 'https://stadsdorpen.test';

async function statusOf(email: string): Promise<string | undefined> {
  const row = await db.get<{ status: string }>(
    `SELECT sub.status FROM subscriptions sub JOIN subscribers s ON s.id = sub.subscriber_id
      JOIN lists l ON l.id = sub.list_id WHERE s.email = ? AND l.slug = 'geinteresseerden'`,
    [email],
  );
  return row?.status;
}

describe('signup and confirmation on Workers', () => {
  beforeEach(() => fakeResend.reset());

  it('mails the confirmation through the queue, and the mailed link and its button confirm', async () => {
    const email = 'anna.de.wit@example.nl';
    const signup = await exports.default.fetch(`${base}/api/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.10' },
      body: JSON.stringify({ email: ' Anna.de.Wit@Example.nl', lists: ['geinteresseerden'] }),
    });
    expect(signup.status).toBe(202);
    expect(await statusOf(email)).toBe('unconfirmed');

    const mail = await eventually(async () => (await fakeResend.emails()).find((m) => m.to === email));
    expect(mail.subject).toMatch(/Bevestig uw aanmelding/);
    const link = /https:\/\/stadsdorpen\.test(\/bevestigen\/[A-Za-z0-9_.-]+)/.exec(mail.html)?.[1];
    expect(link).toBeDefined();

    const page = await exports.default.fetch(`${base}${link}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ja, bevestig mijn aanmelding');
    const pressed = await exports.default.fetch(`${base}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: 'actie=bevestigen',
      redirect: 'manual',
    });
    expect(pressed.status).toBe(303);
    expect(await statusOf(email)).toBe('confirmed');

    // The welcome mail follows through the queue, one copy.
    const welcome = await eventually(async () =>
      (await fakeResend.emails()).find((m) => m.to === email && /Welkom/.test(m.subject)),
    );
    expect(welcome).toBeDefined();
    expect((await fakeResend.emails()).filter((m) => m.to === email)).toHaveLength(2);
  });

  it('counts signups per client address (CF-Connecting-IP) in D1, where every isolate sees them', async () => {
    // A clock that stands still: eleven signups within one minute's window.
    const worker = steppedWorker({ start: '2026-12-03T10:00:10.000Z' });
    const signup = (n: number, ip: string) =>
      worker.fetch('/api/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
        body: JSON.stringify({ email: `limiet${n}@example.nl`, lists: ['geinteresseerden'] }),
      });
    const statuses: number[] = [];
    for (let n = 1; n <= 11; n++) statuses.push((await signup(n, '198.51.100.7')).status);
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    expect((await signup(12, '198.51.100.8')).status).toBe(202);
    const counted = await db.get<{ count: number }>(
      "SELECT count FROM window_counters WHERE key = 'signup:198.51.100.7'",
    );
    expect(counted?.count).toBe(11);
  });
});
