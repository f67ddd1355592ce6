import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  heading,
  launchChromium,
  makeFirstAccount,
  type RunningServer,
  shoot,
  startServer,
} from '../support/e2e-beheer.js';

// The CoCo's subscriber pages in a real Chromium against the real server: a CoCo finds a
// person, downloads their data and erases them; axe-core on the table, the person's page and
// the erase step; screenshots at 375 and 1280 px; no sideways scrolling on a phone.

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-abonnees-shots-'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the subscriber pages in a browser', () => {
  it('lets a CoCo find a person, download their data and erase them', async () => {
    const { base } = server;
    const res = await fetch(`${base}/aanmelden`, {
      method: 'POST',
      body: new URLSearchParams([
        ['email', 'zoe.zoekmij@example.nl'],
        ['name', 'Zoë Zoekmij'],
        ['lists', 'geinteresseerden'],
      ]),
      redirect: 'manual',
    });
    expect(res.status).toBeLessThan(400);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await makeFirstAccount(context, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });

    // The table, from the navigation.
    await page.getByRole('link', { name: 'Abonnees', exact: true }).click();
    await page.waitForURL(`${base}/beheer/abonnees`);
    expect(await heading(page)).toBe('Abonnees');
    expect(await page.locator('caption').textContent()).toBe('Abonnees, oudste aanmelding eerst');
    await expectAccessible(page, 'table');
    await shoot(page, SHOTS, 'abonnees');

    // Finds Zoë by part of her name, filtered to the geïnteresseerden.
    await page.getByLabel('Zoek op naam of e-mailadres').fill('zoekmij');
    await page.getByLabel('Lijst').selectOption('geinteresseerden');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/zoek=zoekmij/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: /Zoë Zoekmij/ }).click();
    expect(await heading(page)).toBe('Zoë Zoekmij');
    expect(await page.textContent('main')).toContain('Aanmeldformulier');
    await expectAccessible(page, 'detail');
    await shoot(page, SHOTS, 'abonnee');

    // Downloads her data.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Gegevens downloaden (AVG)' }).click(),
    ]);
    const file = join(SHOTS, 'gegevens.json');
    await download.saveAs(file);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.subscriber.email).toBe('zoe.zoekmij@example.nl');
    expect(data.consentLog.map((e: { action: string }) => e.action)).toContain('signup');

    // Erases her: the step names what goes, and wants her address typed.
    await page.getByRole('link', { name: 'Persoon wissen…' }).click();
    expect(await heading(page)).toBe('Zoë Zoekmij voorgoed wissen?');
    await expectAccessible(page, 'erase step');
    await page.getByRole('button', { name: 'Ja, wis deze persoon voorgoed' }).click();
    await expect.poll(() => page.locator('.samenvatting').count()).toBe(1);
    await expectAccessible(page, 'erase step with error');
    await page
      .getByLabel('Typ het e-mailadres van deze persoon om te bevestigen')
      .fill('zoe.zoekmij@example.nl');
    await page.getByRole('button', { name: 'Ja, wis deze persoon voorgoed' }).click();
    await expect.poll(() => page.textContent('main')).toContain('De persoon is gewist.');
    await page.getByLabel('Zoek op naam of e-mailadres').fill('zoekmij');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => page.textContent('main')).toContain('Niemand gevonden met deze zoekopdracht.');

    // The activity log says who erased someone, but not whom.
    await page.goto(`${base}/beheer/activiteit`);
    const log = (await page.textContent('main')) ?? '';
    expect(log).toMatch(/[0-9a-f]{64}/);
    expect(log).not.toContain('zoe.zoekmij@example.nl');
    expect(log).not.toContain('Zoekmij');
    await context.close();
  });

  it('keeps screenshots (docs/beheer-abonnees.png with BEHEER_SCREENSHOTS=docs)', () => {
    if (process.env.BEHEER_SCREENSHOTS === 'docs') {
      mkdirSync('docs', { recursive: true });
      copyFileSync(join(SHOTS, 'abonnees-1280.png'), 'docs/beheer-abonnees.png');
    }
    console.log(`beheer subscriber screenshots in ${SHOTS}`);
  });
});
