import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/db/port.js';
import { startOutgoingWorker } from '../../src/entry/outgoing.js';
import type { Dispatcher } from '../../src/modules/outgoing/worker.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';

// A resident in a real browser against the real app on a loopback port: sign up,
// read the mail in the outbox, open the link and confirm with the page's button,
// and unsubscribe with the button of the afmelden page. The mail worker runs as in
// the server: a signup's commit kicks it, no test calls it.

let server: ServerType;
let browser: Browser;
let base: string;
let coco: string;
let db: Db;
let worker: Dispatcher | undefined;

// The worker sends right after the commit; poll the outbox for a few seconds, as a person checks their inbox.
async function mailLink(to: string, subject: RegExp, page: string): Promise<string> {
  let mail: { subject: string; html: string } | undefined;
  for (let i = 0; i < 50 && !mail; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`${base}/api/outbox?to=${encodeURIComponent(to)}`, {
      headers: { authorization: `Bearer ${coco}` },
    });
    const { items } = (await res.json()) as { items: { subject: string; html: string }[] };
    mail = items.find((m) => subject.test(m.subject));
  }
  if (!mail) throw new Error(`no mail matching ${subject} for ${to}`);
  const m = new RegExp(`${base}/${page}/[A-Za-z0-9_.-]+`).exec(mail.html);
  if (!m) throw new Error(`no /${page}/ link in "${mail.subject}"`);
  return m[0];
}

async function statusOf(email: string): Promise<string | undefined> {
  const row = await db.get<{ status: string }>(
    `SELECT su.status FROM subscriptions su JOIN subscribers s ON s.id = su.subscriber_id WHERE s.email = ?`,
    [email],
  );
  return row?.status;
}

beforeAll(async () => {
  let app: App | undefined;
  server = serve({
    fetch: (req, env) => (app ? app.fetch(req, env) : new Response('starting', { status: 503 })),
    port: 0,
    hostname: '127.0.0.1',
  });
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t = await makeTestApp({}, { PUBLIC_URL: base });
  await addStadsdorp(t.deps, { slug: 'stadsdorp-oost', name: 'Stadsdorp Oost', gebied: 'Oost' });
  app = t.app;
  coco = t.coco;
  db = t.db;
  worker = startOutgoingWorker(t.deps);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('signing up in a browser', () => {
  it('fills in the form, confirms with the button behind the mailed link and unsubscribes', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/aanmelden?bron=e2e-poster&stadsdorp=stadsdorp-oost`);
    await page.getByLabel('E-mailadres').fill('bea.browser@example.nl');
    await page.getByLabel('Naam (niet verplicht)').fill('Bea');
    await page.getByRole('checkbox', { name: /Geïnteresseerden/ }).check();
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Check uw mail');

    await page.goto(await mailLink('bea.browser@example.nl', /Bevestig/, 'bevestigen'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bevestig uw aanmelding');
    expect(await page.textContent('main')).toContain('Geïnteresseerden');
    // Opening the link, as a mail scanner does, confirms nothing.
    expect(await statusOf('bea.browser@example.nl')).toBe('unconfirmed');
    await page.getByRole('button', { name: 'Ja, bevestig mijn aanmelding' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Uw aanmelding is bevestigd');
    expect(await statusOf('bea.browser@example.nl')).toBe('confirmed');
    expect(await page.textContent('main')).toContain('Dank u wel, Bea.');

    await page.goto(await mailLink('bea.browser@example.nl', /Welkom/, 'afmelden'));
    await page.getByRole('button', { name: 'Ja, meld mij af' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('U bent afgemeld');

    const rows = await db.all<{ status: string; source: string; detail: string | null }>(
      `SELECT su.status, c.source, c.detail FROM subscriptions su
         JOIN subscribers s ON s.id = su.subscriber_id
         JOIN consent_log c ON c.subscriber_id = s.id AND c.action = 'signup'
        WHERE s.email = 'bea.browser@example.nl'`,
    );
    expect(rows).toEqual([
      { status: 'unsubscribed', source: 'form:aanmelden@v1', detail: 'bron=e2e-poster' },
    ]);
    await page.close();
  });
});
