import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQr, fonts, images, pageBoxes, text } from '../fixtures/print/inspect.js';
import {
  editorPage,
  expectAccessible,
  heading,
  launchChromium,
  makeFirstAccount,
  type RunningServer,
  shoot,
  startServer,
} from '../support/e2e-beheer.js';

// The poster maker in a real Chromium against the real server: an editor puts their logo in,
// makes a poster, watches the page follow the typing, downloads the PDF (checked for its size,
// its fonts and where its QR code leads), saves and reopens the design. axe-core on each page,
// no sideways scrolling at 375 px, screenshots at 375 and 1280 px.

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-posters-shots-'));
const SLUG = 'voorbeeld-stadsdorp-oost';
let server: RunningServer;
let browser: Browser;
let cocoContext: BrowserContext;
let cocoPage: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  // The first account (the start-up link works only while there is none): a CoCo member.
  cocoContext = await browser.newContext();
  cocoPage = await makeFirstAccount(cocoContext, server, { name: 'Anna', email: 'anna@coco.nl' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** check runs axe-core, checks the page fits a phone, and keeps screenshots at 375 and 1280 px. */
async function check(page: Page, name: string) {
  await expectAccessible(page, name);
  await shoot(page, SHOTS, name);
}

/** previewText is the text of the page beside the form, lines joined by spaces. */
const previewText = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#voorbeeld-pagina text')].map((t) => t.textContent).join(' '),
  );

describe('the poster maker in a browser', () => {
  it('lets an editor make a poster with their logo, follow it as they type, download, save and reopen it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await editorPage(context, server, { slug: SLUG, email: 'eddy@oost.nl', name: 'Eddy' });

    // The logo, through the profile page.
    await page.getByRole('navigation').getByRole('link', { name: 'Profiel en logo' }).click();
    await page.getByLabel('Nieuw logo').setInputFiles('tests/fixtures/print/logo.png');
    await page.getByRole('button', { name: 'Logo plaatsen' }).click();
    await expect.poll(() => page.locator('img.logo').count()).toBe(1);

    // The templates, as thumbnails in the stadsdorp's colour with its logo.
    await page.getByRole('navigation').getByRole('link', { name: 'Posters en handouts' }).click();
    expect(await heading(page)).toBe('Posters en handouts van Voorbeeld Stadsdorp Oost');
    expect(await page.locator('.kaart > a > svg').count()).toBe(5);
    expect(await page.locator('.kaart svg image').count()).toBeGreaterThanOrEqual(5);
    await page.evaluate(() => document.fonts.ready);
    await check(page, 'posters');

    // The maker: the page beside the form, in the print fonts, with the logo.
    await page.getByRole('link', { name: /Poster: kennismaking/ }).click();
    expect(await heading(page)).toBe('Poster: kennismaking');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('700 40px "NAS Print"'))).toBe(true);
    const logoHref = await page.locator('#voorbeeld-pagina image').first().getAttribute('href');
    expect(logoHref).toMatch(new RegExp(`^/beheer/stadsdorpen/${SLUG}/posters/beeld/logo\\?v=`));
    expect(
      await page.evaluate(
        (href) =>
          new Promise<number>((ok) => {
            const img = new Image();
            img.onload = () => ok(img.naturalWidth);
            img.onerror = () => ok(0);
            img.src = href;
          }),
        logoHref!,
      ),
    ).toBe(1200);
    expect(await previewText(page)).toContain('Kent u uw buren al?');

    // Typing: the counter at once, the page within about half a second of the last key.
    const title = page.getByLabel('Titel', { exact: true });
    const counter = page.locator('[id="veld.titel-teller"]');
    const before = await counter.textContent();
    await title.fill('');
    const typed = Date.now();
    await title.pressSequentially('Soep op zondag', { delay: 20 });
    const lastKey = Date.now();
    await expect.poll(() => previewText(page), { interval: 25, timeout: 5000 }).toContain('Soep op zondag');
    const followed = Date.now() - lastKey;
    console.log(
      `preview followed the typing ${followed} ms after the last key (typing took ${lastKey - typed} ms)`,
    );
    expect(followed).toBeLessThan(1000);
    expect(await counter.textContent()).not.toBe(before);
    expect(await counter.textContent()).toMatch(/^Nog \d+ tekens$/);
    await check(page, 'poster-maker');
    // The README's screenshot: BEHEER_SCREENSHOTS=docs npx vitest run tests/e2e/beheer-posters.test.ts
    if (process.env.BEHEER_SCREENSHOTS === 'docs')
      copyFileSync(join(SHOTS, 'poster-maker-1280.png'), 'docs/beheer-posters.png');

    // Too long: the counter says so, the page stays as it was and says why.
    await title.fill('x'.repeat(120));
    await expect.poll(() => page.locator('#voorbeeld-status').textContent()).toContain('Titel');
    expect(await counter.textContent()).toMatch(/te veel$/);
    await title.fill('Soep op zondag');
    await expect.poll(() => page.locator('#voorbeeld-status').textContent()).toBe('');

    // The PDF: A3, fonts embedded, the QR code leads to the signup page with this poster as source.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${SLUG}-kennismaking-A3.pdf`);
    const pdf = new Uint8Array(readFileSync((await download.path())!));
    const [boxes] = await pageBoxes(pdf);
    expect([boxes!.trim.width, boxes!.trim.height].map((pt) => Math.round((pt / 72) * 25.4))).toEqual([
      297, 420,
    ]);
    const used = fonts(pdf);
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((f) => f.embedded && f.name.includes('AtkinsonHyperlegible'))).toBe(true);
    expect(images(pdf).some((i) => i.width === 1200)).toBe(true);
    expect(text(pdf)).toContain('Soep op zondag');
    expect(decodeQr(pdf)).toBe(`${server.base}/aanmelden?stadsdorp=${SLUG}&bron=poster-kennismaking-A3`);

    // Save, and reopen from the list.
    await page.getByLabel('Naam van het ontwerp').fill('Soep in de buurt');
    await page.getByRole('button', { name: 'Ontwerp opslaan' }).click();
    await page.waitForURL(/\/posters\/\d+\?melding=opgeslagen$/);
    expect(await page.textContent('main')).toContain('Het ontwerp is opgeslagen.');
    await page.getByRole('link', { name: 'Alle posters en handouts' }).click();
    await page.getByRole('link', { name: 'Soep in de buurt', exact: true }).click();
    expect(await title.inputValue()).toBe('Soep op zondag');
    expect(await previewText(page)).toContain('Soep op zondag');
    expect(await page.getByRole('button', { name: 'Wijzigingen opslaan' }).count()).toBe(1);
    await context.close();
    console.log(`poster maker screenshots in ${SHOTS}`);
  });

  it('lets the CoCo into any stadsdorp’s posters from its page, and shows which sources bring people in', async () => {
    for (const [email, bron] of [
      ['een@example.nl', 'poster-kennismaking-A3'],
      ['twee@example.nl', 'poster-kennismaking-A3'],
      ['drie@example.nl', 'poster-activiteit-A4'],
      ['vier@example.nl', 'nieuwsbrief-gemeente'],
    ]) {
      const res = await fetch(`${server.base}/aanmelden`, {
        method: 'POST',
        body: new URLSearchParams([
          ['email', email!],
          ['lists', 'geinteresseerden'],
          ['stadsdorp', SLUG],
          ['bron', bron!],
        ]),
        redirect: 'manual',
      });
      expect(res.status).toBeLessThan(400);
    }
    const page = cocoPage;
    await page.goto(`${server.base}/beheer/stadsdorpen/${SLUG}`);
    await page.getByRole('link', { name: 'Posters en handouts van Voorbeeld Stadsdorp Oost' }).click();
    expect(await heading(page)).toBe('Posters en handouts van Voorbeeld Stadsdorp Oost');
    await page.getByRole('link', { name: 'Verwijderen Soep in de buurt' }).click();
    expect(await heading(page)).toBe("Ontwerp 'Soep in de buurt' verwijderen?");
    await check(page, 'poster-delete');
    await page.getByRole('link', { name: 'Nee, terug' }).click();

    await page.getByRole('navigation').getByRole('link', { name: 'Aanmeldbronnen' }).click();
    expect(await heading(page)).toBe('Aanmeldbronnen');
    expect(await page.textContent('main')).toContain('4 aanmeldingen via een poster of link');
    await check(page, 'aanmeldbronnen');
    await page.getByRole('link', { name: 'Laatste 30 dagen' }).click();
    expect(await page.textContent('main')).toContain('Poster: kennismaking, A3');
    await cocoContext.close();
  });
});
