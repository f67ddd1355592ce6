import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  heading,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from '../support/e2e-beheer.js';

// The volunteers' web app in a real Chromium against the real server (`npm start`'s entry),
// with the outbox transport: the first CoCo account from the start-up link, a CoCo logging
// in through the outbox, an invited editor, a board request approved from the start page,
// refusals, logouts, the login without JavaScript, and axe-core on every page.

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-shots-'));

let server: RunningServer;
let evil: Server;
let browser: Browser;
let base: string;
let evilBase: string;

const seenLinks = new Set<string>();

/** mailLink waits for a new mail to an address in the outbox file and returns its /beheer/link/ address. */
async function mailLink(to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const db = new Database(join(server.dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
    const row = db
      .prepare('SELECT html FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT 1')
      .get(to) as { html: string } | undefined;
    db.close();
    const m = row && new RegExp(`${base}/beheer/link/[A-Za-z0-9_.-]+`).exec(row.html);
    if (m && !seenLinks.has(m[0])) {
      seenLinks.add(m[0]);
      return m[0];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no login mail for ${to}`);
}

const checked = new Set<string>();
async function expectAccessible(page: Page, name: string) {
  expect(await seriousViolations(page), `${name} (${page.url()})`).toEqual([]);
  checked.add(name);
}

async function logInThroughOutbox(context: BrowserContext, email: string, check = false): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/beheer/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await expect.poll(() => heading(page)).toBe('Kijk in uw mail');
  if (check) await expectAccessible(page, 'login mail sent');
  await page.goto(await mailLink(email));
  await page.getByRole('button', { name: /Inloggen|Account openen/ }).click();
  await page.waitForURL(`${base}/beheer`);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  base = server.base;

  // Another site (localhost is not 127.0.0.1) with a form aimed at beheer.
  const evilPort = await freePort();
  evilBase = `http://localhost:${evilPort}`;
  const { createServer: httpServer } = await import('node:http');
  evil = httpServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>Win een prijs</title><form method="post" action="${base}/beheer/sessies/overal-uitloggen"><button>Win</button></form>`,
    );
  }) as unknown as Server;
  await new Promise<void>((r) => evil.listen(evilPort, '127.0.0.1', () => r()));

  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (evil ? evil.close(() => r()) : r()));
  await server?.stop();
});

describe('beheer in a browser', () => {
  it('prints where the signup page and beheer are when it starts', () => {
    expect(server.log.some((l) => l.includes(`Aanmeldformulier: ${base}/aanmelden`))).toBe(true);
    expect(server.log.some((l) => l.includes(`Beheer: ${base}/beheer`))).toBe(true);
  });

  it('walks the CoCo and an editor through their work, refusing what they may not do', async () => {
    // The first CoCo account, from the start-up link.
    const cocoContext = await browser.newContext();
    const first = await cocoContext.newPage();
    await first.goto(server.firstAccountUrl);
    expect(await heading(first)).toBe('Het eerste CoCo-account maken');
    await expectAccessible(first, 'first account');
    await first.getByRole('button', { name: 'Account maken en inloggen' }).click();
    await expect.poll(() => first.locator('.samenvatting').count()).toBe(1);
    await expectAccessible(first, 'first account with errors');
    await first.getByLabel('Naam').fill('Anna CoCo');
    await first.getByLabel('E-mailadres').fill('anna@coco.nl');
    await first.getByRole('button', { name: 'Account maken en inloggen' }).click();
    await first.waitForURL(`${base}/beheer`);
    expect(await heading(first)).toBe('Start');
    await first.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => first.textContent('main')).toContain('U bent uitgelogd.');
    await expectAccessible(first, 'login');

    // A few residents sign up, so the chart has something to show.
    for (const email of ['een@example.nl', 'twee@example.nl', 'drie@example.nl']) {
      const res = await fetch(`${base}/aanmelden`, {
        method: 'POST',
        body: new URLSearchParams([
          ['email', email],
          ['lists', 'geinteresseerden'],
        ]),
        redirect: 'manual',
      });
      expect(res.status).toBeLessThan(400);
    }

    // The CoCo logs in through the link in the outbox.
    const coco = await logInThroughOutbox(cocoContext, 'anna@coco.nl', true);
    expect(await coco.textContent('main')).toContain('laatste zes maanden (3)');
    expect(await heading(coco)).toBe('Start');
    await expectAccessible(coco, 'coco start');
    for (const width of [375, 1280]) {
      await coco.setViewportSize({ width, height: 900 });
      await coco.screenshot({ path: join(SHOTS, `start-${width}.png`), fullPage: true });
    }
    // No horizontal scrolling on a phone.
    await coco.setViewportSize({ width: 375, height: 800 });
    expect(await coco.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await coco.setViewportSize({ width: 1280, height: 900 });

    // Approves the demo board request right on the start page.
    await coco.getByRole('button', { name: 'Goedkeuren bram.voorbeeld@example.org' }).click();
    await expect.poll(() => coco.textContent('main')).toContain('De aanvraag is goedgekeurd.');
    expect(await coco.textContent('main')).not.toContain('bram.voorbeeld@example.org');

    // Invites an editor of Voorbeeld Stadsdorp Oost.
    await coco.goto(`${base}/beheer/accounts`);
    await expectAccessible(coco, 'accounts');
    await coco.getByLabel('Naam').fill('Eddy Redacteur');
    await coco.getByLabel('E-mailadres').fill('eddy@oost.nl');
    await coco.getByLabel('Rol').selectOption('stadsdorp');
    await coco.getByLabel('Stadsdorp').selectOption('voorbeeld-stadsdorp-oost');
    await coco.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => coco.textContent('main')).toContain('De uitnodiging is verstuurd.');
    await coco.getByRole('link', { name: 'Uitschakelen Eddy Redacteur' }).click();
    expect(await heading(coco)).toBe('Eddy Redacteur uitschakelen?');
    await expectAccessible(coco, 'disable confirm step');
    await coco.getByRole('link', { name: 'Nee, terug' }).click();
    await coco.goto(`${base}/beheer/tokens`);
    await expectAccessible(coco, 'tokens');
    await coco.goto(`${base}/beheer/activiteit`);
    expect(await coco.textContent('main')).toContain('keurde goed');
    await expectAccessible(coco, 'activity log');
    await coco.goto(`${base}/beheer/sessies`);
    await expectAccessible(coco, 'sessions');
    await coco.goto(`${base}/beheer/stadsdorpen/voorbeeld-stadsdorp-west/profiel`);
    await expectAccessible(coco, 'profile');

    // The editor opens the invitation and reaches only their own stadsdorp.
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    const invitation = await mailLink('eddy@oost.nl');
    await editor.goto(invitation);
    expect(await heading(editor)).toBe('Welkom bij beheer');
    await expectAccessible(editor, 'link page');
    await editor.getByRole('button', { name: 'Account openen en inloggen' }).click();
    await editor.waitForURL(`${base}/beheer`);
    const used = await editorContext.newPage();
    expect((await used.goto(invitation))?.status()).toBe(410);
    expect(await heading(used)).toBe('Deze link werkt niet');
    await expectAccessible(used, 'used link');
    await used.close();
    expect(await heading(editor)).toBe('Voorbeeld Stadsdorp Oost');
    await expectAccessible(editor, 'editor start');
    const refused = await editor.goto(`${base}/beheer/accounts`);
    expect(refused?.status()).toBe(403);
    expect(await heading(editor)).toBe('Geen toegang');
    await expectAccessible(editor, '403 page');
    expect(
      (await editor.goto(`${base}/beheer/stadsdorpen/voorbeeld-stadsdorp-centrum/profiel`))?.status(),
    ).toBe(403);
    await editor.goto(`${base}/beheer/stadsdorpen/voorbeeld-stadsdorp-oost/profiel`);
    await editor.getByLabel('Huiskleur').fill('#FFFF66');
    await editor.getByRole('button', { name: 'Profiel opslaan' }).click();
    await expect
      .poll(() => editor.textContent('main'))
      .toContain('Witte tekst is slecht te lezen op #FFFF66');
    await expectAccessible(editor, 'profile with errors');

    // A form on another site is refused, and the CoCo stays logged in.
    const trap = await cocoContext.newPage();
    await trap.goto(evilBase);
    await trap.getByRole('button', { name: 'Win' }).click();
    await expect.poll(() => trap.textContent('body')).toContain('niet van onze eigen website');
    await coco.goto(`${base}/beheer`);
    expect(await heading(coco)).toBe('Start');

    // After logout the old cookie is refused.
    const before = await editorContext.cookies();
    await editor.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => heading(editor)).toBe('Inloggen bij beheer');
    const replay = await browser.newContext();
    await replay.addCookies(before);
    const again = await replay.newPage();
    await again.goto(`${base}/beheer`);
    expect(await heading(again)).toBe('Inloggen bij beheer');

    // After "overal uitloggen" every session's cookie is refused.
    const laptop = await browser.newContext();
    const second = await logInThroughOutbox(laptop, 'anna@coco.nl');
    const cocoCookies = await cocoContext.cookies();
    await coco.goto(`${base}/beheer/sessies`);
    await coco.getByRole('button', { name: /Overal uitloggen/ }).click();
    await expect.poll(() => coco.textContent('main')).toContain('U bent overal uitgelogd.');
    await second.goto(`${base}/beheer`);
    expect(await heading(second)).toBe('Inloggen bij beheer');
    const replayCoco = await browser.newContext();
    await replayCoco.addCookies(cocoCookies);
    const old = await replayCoco.newPage();
    await old.goto(`${base}/beheer`);
    expect(await heading(old)).toBe('Inloggen bij beheer');

    for (const c of [cocoContext, editorContext, replay, laptop, replayCoco]) await c.close();
    expect([...checked].sort()).toHaveLength(16);
  });

  it('logs in with JavaScript switched off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await logInThroughOutbox(context, 'anna@coco.nl');
    expect(await heading(page)).toBe('Start');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => page.textContent('main')).toContain('U bent uitgelogd.');
    await context.close();
  });

  it('keeps a screenshot of the start page (docs/beheer-start.png with BEHEER_SCREENSHOTS=docs)', () => {
    if (process.env.BEHEER_SCREENSHOTS === 'docs') {
      mkdirSync('docs', { recursive: true });
      copyFileSync(join(SHOTS, 'start-1280.png'), 'docs/beheer-start.png');
    }
    console.log(`beheer screenshots in ${SHOTS}`);
  });
});
