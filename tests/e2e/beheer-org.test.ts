import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  heading,
  launchChromium,
  makeFirstAccount,
  type RunningServer,
  shoot,
  startServer,
  waitForMail,
} from '../support/e2e-beheer.js';

// The CoCo's organisation pages in a real Chromium against the real server: stadsdorpen, lists,
// the outbox with a mail in its sandboxed frame, and the start page's additions; axe-core on
// each page, no sideways scrolling at 375 px (but the menu's own row), and screenshots at 375 and 1280 px.

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-org-shots-'));
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

const checked = new Set<string>();

/** check runs axe-core, checks the page fits a phone, and keeps screenshots at 375 and 1280 px. */
async function check(page: Page, name: string) {
  await expectAccessible(page, name);
  await shoot(page, SHOTS, name);
  checked.add(name);
}

describe('the CoCo’s organisation pages in a browser', () => {
  it('walks through stadsdorpen, lists, the outbox and the start page', async () => {
    // A resident signs up, so the outbox holds a confirmation mail.
    const signup = await fetch(`${server.base}/aanmelden`, {
      method: 'POST',
      body: new URLSearchParams([
        ['email', 'lezer@example.nl'],
        ['lists', 'geinteresseerden'],
        ['bron', 'poster-a3-voorbeeld'],
      ]),
      redirect: 'manual',
    });
    expect(signup.status).toBeLessThan(400);
    const subject = await waitForMail(server, 'lezer@example.nl');

    const context = await browser.newContext();
    const page = await makeFirstAccount(context, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.textContent('main')).toContain('Poster of link (QR-code)');
    expect(await page.textContent('main')).toContain('Geen onbestelbare mails of klachten');
    await check(page, 'start');

    // Stadsdorpen: the demo's examples by gebied; a new one added through the form.
    await page.getByRole('link', { name: 'Stadsdorpen', exact: true }).click();
    expect(await heading(page)).toMatch(/^Stadsdorpen \(\d+\)$/);
    expect(await page.getByRole('heading', { level: 2, name: 'Regio Amsterdam (1)' }).count()).toBe(1);
    await check(page, 'stadsdorpen');
    await page.getByRole('button', { name: 'Stadsdorp toevoegen' }).click();
    await expect.poll(() => page.locator('.samenvatting').count()).toBe(1);
    await check(page, 'stadsdorpen-fouten');
    await page.getByLabel('Naam', { exact: true }).fill('Stadsdorp Oostpoort');
    await page.getByLabel('Gebied').selectOption('Oost');
    await page.getByLabel('Website (niet verplicht)').fill('https://oostpoort.example.nl');
    await page.getByRole('button', { name: 'Stadsdorp toevoegen' }).click();
    await expect.poll(() => heading(page)).toBe('Stadsdorp Oostpoort');
    expect(await page.textContent('main')).toContain('Het stadsdorp is toegevoegd.');
    await check(page, 'stadsdorp');

    // Lists: counts, a new list, and its description.
    await page.getByRole('link', { name: 'Lijsten', exact: true }).click();
    expect(await heading(page)).toBe('Lijsten');
    await check(page, 'lijsten');
    await page.getByLabel('Naam', { exact: true }).fill('Werkgroep Zorg');
    await page.getByLabel('Korte naam').fill('werkgroep-zorg');
    await page.getByLabel('Beschrijving').fill('Voor wie meedenkt over zorg en wonen.');
    await page.getByLabel('De CoCo keurt elke aanmelding goed').check();
    await page.getByRole('button', { name: 'Lijst toevoegen' }).click();
    await expect.poll(() => page.textContent('main')).toContain('De lijst is toegevoegd.');
    await page.getByRole('link', { name: 'Werkgroep Zorg' }).click();
    expect(await heading(page)).toBe('Lijst Werkgroep Zorg');
    await check(page, 'lijst');

    // The outbox: found by part of the address, and the mail as the recipient sees it.
    await page.getByRole('link', { name: 'Outbox', exact: true }).click();
    expect(await heading(page)).toBe('Outbox');
    await page.getByLabel('Zoek op e-mailadres').fill('lezer@');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => page.textContent('main')).toContain('lezer@example.nl');
    expect(await page.textContent('main')).not.toContain('anna@coco.nl');
    await check(page, 'outbox');
    await page.getByRole('link', { name: subject }).click();
    expect(await heading(page)).toBe(subject);
    const frame = page.locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect
      .poll(() => page.frameLocator('iframe').locator('body').textContent())
      .toContain('Bevestig uw aanmelding');
    // The frame's document runs no script (sandbox="" and the preview CSP).
    const framed = page.frames().find((f) => f.url().endsWith('/weergave'))!;
    expect(framed).toBeDefined();
    expect(await page.textContent('pre')).toContain('Netwerk Amsterdamse Stadsdorpen');
    await check(page, 'outbox-mail');

    // The activity log shows what was done here.
    await page.getByRole('link', { name: 'Activiteitenlog' }).click();
    const log = await page.textContent('main');
    expect(log).toContain('voegde een stadsdorp toe');
    expect(log).toContain('voegde een lijst toe');

    // On a phone the CoCo's menu is one row that scrolls sideways (fourteen entries and the
    // logout wrapped into five rows before), every entry reachable with a tap, and on its page
    // the row has scrolled so that the current entry is in view.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.base}/beheer`);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect((await menu.boundingBox())?.height).toBeLessThan(50);
    expect(await menu.getByRole('link').count()).toBe(14);
    await menu.getByRole('link', { name: 'Outbox', exact: true }).click();
    expect(await heading(page)).toBe('Outbox');
    await expect
      .poll(async () => {
        const box = await menu.locator('[aria-current=page]').boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 375;
      })
      .toBe(true);
    await expectAccessible(page, 'outbox on a phone');

    await context.close();
    expect([...checked].sort()).toEqual(
      [
        'lijst',
        'lijsten',
        'outbox',
        'outbox-mail',
        'start',
        'stadsdorp',
        'stadsdorpen',
        'stadsdorpen-fouten',
      ].sort(),
    );
    console.log(`beheer organisation screenshots in ${SHOTS}`);
  });

  it('sends a visitor without a session to the login, keeping the page', async () => {
    const res = await fetch(`${server.base}/beheer/stadsdorpen`, { redirect: 'manual' });
    // Without a session: to the login, keeping where the person wanted to go.
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/inloggen?next=%2Fbeheer%2Fstadsdorpen');
  });
});
