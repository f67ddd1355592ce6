import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
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

// The composer in a real Chromium against the real server: a CoCo member starts a
// Nieuwsbrief, adds three articles, reorders them, puts a photo in one, sees the preview
// follow the typing and switches it to 375 px; a second session on the same draft is stopped
// and shown what changed; a copy is made and deleted again. axe-core on every page; screenshots at 375 and 1280 px, the composer's for README
// (docs/beheer-composer.png, with BEHEER_SCREENSHOTS=docs).

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-composer-shots-'));
const README_SHOT = new URL('../../docs/beheer-composer.png', import.meta.url).pathname;
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

/** loginLink waits for the newest login mail to an address in the outbox file. */
async function loginLink(to: string, seen: Set<string>): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const db = new Database(join(server.dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
    const row = db
      .prepare('SELECT html FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT 1')
      .get(to) as { html: string } | undefined;
    db.close();
    const m = row && new RegExp(`${server.base}/beheer/link/[A-Za-z0-9_.-]+`).exec(row.html);
    if (m && !seen.has(m[0])) {
      seen.add(m[0]);
      return m[0];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no login mail for ${to}`);
}

/** secondSession logs the same person in again, in another browser: a session of its own. */
async function secondSession(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.base}/beheer/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await expect.poll(() => heading(page)).toBe('Kijk in uw mail');
  await page.goto(await loginLink(email, new Set()));
  await page.getByRole('button', { name: /Inloggen/ }).click();
  await page.waitForURL(`${server.base}/beheer`);
  return page;
}

const INTRO = 'In december staan de stadsdorpen vol plannen voor het nieuwe jaar.';

const mailText = async (page: Page) =>
  (await page.frameLocator('iframe[data-voorbeeld]').locator('body').textContent()) ?? '';

/** articleTitlesInMail reads the article titles from the preview, in the order the mail shows them. */
async function articleTitlesInMail(page: Page): Promise<string[]> {
  const text = await mailText(page);
  return ['Buurtfeest in de Jordaan', 'Nieuwe werkgroep Wonen', 'Kennismaken met Stadsdorp Noord']
    .map((t) => ({ t, at: text.indexOf(t) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.t);
}

describe('the composer in a browser', () => {
  it('composes a Nieuwsbrief with three articles, reordered, the preview following the typing', async () => {
    const { base } = server;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await makeFirstAccount(context, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });

    await page.getByRole('link', { name: 'Nieuwsbrieven en mails', exact: true }).click();
    await page.waitForURL(`${base}/beheer/campagnes`);
    expect(await heading(page)).toBe('Nieuwsbrieven en mails');
    await expectAccessible(page, 'list');
    await page.getByRole('button', { name: 'Nieuwe Nieuwsbrief' }).click();
    await page.waitForURL(/\/beheer\/campagnes\/[0-9]+\?melding=aangemaakt/);
    const composerUrl = page.url().replace(/\?.*$/, '');
    expect(await heading(page)).toMatch(/^Nieuwsbrief: Netwerk Nieuwsbrief /);
    await expect.poll(() => mailText(page)).toContain('Welkom bij de Netwerk Nieuwsbrief');

    // Three articles, each added with the button (which saves) and then typed in.
    const articles = [
      ['Buurtfeest in de Jordaan', 'Meer dan **honderd** buren kwamen langs.'],
      ['Nieuwe werkgroep Wonen', 'De werkgroep zoekt nog mensen.'],
      ['Kennismaken met Stadsdorp Noord', 'Noord heeft sinds kort een eigen stadsdorp.'],
    ] as const;
    for (const [i, [title, body]] of articles.entries()) {
      await page.getByRole('button', { name: 'Artikel toevoegen' }).click();
      await page.waitForURL(/erbij=articles/);
      await page.locator(`[id="content.articles.${i}.title"]`).fill(title);
      await page.locator(`[id="content.articles.${i}.body"]`).fill(body);
    }
    await page.getByRole('button', { name: 'Opslaan', exact: true }).last().click();
    await page.waitForURL(/melding=opgeslagen/);
    await expect.poll(() => articleTitlesInMail(page)).toEqual(articles.map(([t]) => t));

    // The third article moves up, without typing a thing.
    await page.getByRole('button', { name: 'Omhoog (artikel 3)' }).click();
    await page.waitForURL(/#blok-articles-1$/);
    await expect
      .poll(() => articleTitlesInMail(page))
      .toEqual(['Buurtfeest in de Jordaan', 'Kennismaken met Stadsdorp Noord', 'Nieuwe werkgroep Wonen']);
    expect(await page.locator('[id="content.articles.1.title"]').inputValue()).toBe(
      'Kennismaken met Stadsdorp Noord',
    );

    // A photo for the first article: the button saves, the photo page takes file and alt text.
    await page.getByRole('button', { name: 'Foto toevoegen (artikel 1)' }).click();
    await page.waitForURL(/\/artikelen\/1\/foto$/);
    expect(await heading(page)).toBe('Foto toevoegen: artikel 1');
    await expectAccessible(page, 'article photo');
    await shoot(page, SHOTS, 'article-photo');
    const photo = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#2d6a4f' } })
      .jpeg()
      .toBuffer();
    await page.getByLabel('Foto', { exact: true }).setInputFiles({
      name: 'buurtfeest.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    const alt = 'Buren aan een lange tafel op straat tijdens het buurtfeest';
    await page.getByLabel('Beschrijving van de foto (alt-tekst)').fill(alt);
    await page.getByRole('button', { name: 'Foto toevoegen' }).click();
    await page.waitForURL(/melding=foto#blok-articles-0$/);
    expect(await page.locator('#blok-articles-0 img.foto').getAttribute('alt')).toBe(alt);
    expect(
      await page.locator('#blok-articles-0 img.foto').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1200);
    await expect
      .poll(() =>
        page
          .frameLocator('iframe[data-voorbeeld]')
          .locator(`img[alt="${alt}"]`)
          .evaluate((img: HTMLImageElement) => img.src),
      )
      .toMatch(/\/fotos\/[0-9]+-[0-9a-f]{32}\.jpg$/);
    await expectAccessible(page, 'composer with a photo');
    // "Foto vervangen" shows the current photo above the form; Annuleren leads back.
    await page.getByRole('button', { name: 'Foto vervangen (artikel 1)' }).click();
    await page.waitForURL(/\/artikelen\/1\/foto$/);
    expect(await heading(page)).toBe('Foto vervangen: artikel 1');
    expect(await page.locator('figure img.foto').getAttribute('alt')).toBe(alt);
    await expectAccessible(page, 'replace photo');
    await shoot(page, SHOTS, 'article-photo-replace');
    await page.getByRole('link', { name: 'Annuleren' }).click();
    await page.waitForURL(/#blok-articles-0$/);

    // The preview follows the typing, unsaved, in the mail and in its text version.
    const intro = page.locator('[id="content.intro"]');
    await intro.fill('');
    const typedAt = Date.now();
    await intro.pressSequentially(INTRO, { delay: 20 });
    const lastKey = Date.now();
    await expect.poll(() => mailText(page), { timeout: 5000, interval: 25 }).toContain(INTRO);
    const followedMs = Date.now() - lastKey;
    console.log(
      `preview followed the typing ${followedMs} ms after the last key (typing took ${lastKey - typedAt} ms)`,
    );
    expect(followedMs).toBeLessThan(1500);
    await expect.poll(() => page.locator('[data-tekstversie]').textContent()).toContain(INTRO);

    // ... and is saved by itself a moment later.
    await expect
      .poll(() => page.locator('[data-bewaard]').textContent(), { timeout: 10_000 })
      .toMatch(/^Automatisch opgeslagen om [0-9]{2}:[0-9]{2}\.$/);

    // 375 px: the mail as a phone shows it.
    const frame = page.locator('iframe[data-voorbeeld]');
    expect((await frame.boundingBox())!.width).toBeGreaterThan(500);
    await page.getByLabel('Telefoon (375 px)').check();
    expect(Math.round((await frame.boundingBox())!.width)).toBe(375);
    await page.getByLabel('Computer').check();

    await expectAccessible(page, 'composer');
    await shoot(page, SHOTS, 'composer');
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(SHOTS, 'readme-composer.png') });
    // README's picture is replaced only when asked (BEHEER_SCREENSHOTS=docs), as the other beheer tests do.
    if (process.env.BEHEER_SCREENSHOTS === 'docs')
      copyFileSync(join(SHOTS, 'readme-composer.png'), README_SHOT);

    // Reloaded, everything typed is there.
    await page.goto(composerUrl);
    expect(await page.locator('[id="content.intro"]').inputValue()).toBe(INTRO);

    // A second session on the same draft: its save is stopped and shown what changed.
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const second = await secondSession(other, 'anna@coco.nl');
    await second.goto(composerUrl);
    await page.locator('[id="subject"]').fill('Nieuwsbrief december: het plein');
    await expect
      .poll(() => page.locator('[data-bewaard]').textContent(), { timeout: 10_000 })
      .toMatch(/^Automatisch opgeslagen/);
    await second.locator('[id="content.closing"]').fill('Tot de volgende keer!');
    await expect
      .poll(() => second.locator('[data-bewaard]').textContent(), { timeout: 10_000 })
      .toContain('Iemand anders heeft deze campagne intussen gewijzigd');
    await second.getByRole('button', { name: 'Opslaan', exact: true }).last().click();
    await expect.poll(() => second.locator('#conflict-titel').count(), { timeout: 15_000 }).toBe(1);
    // The preview shows the text that is in the form (not yet saved), not the stored mail.
    await expect.poll(() => mailText(second), { timeout: 15_000 }).toContain('Tot de volgende keer!');
    const changes = await second.getByRole('table', { name: 'Wat de ander veranderde' }).textContent();
    expect(changes).toContain('Onderwerp');
    expect(changes).toContain('Nieuwsbrief december: het plein');
    expect(await second.locator('[id="content.closing"]').inputValue()).toBe('Tot de volgende keer!');
    await expectAccessible(second, 'conflict');
    await shoot(second, SHOTS, 'conflict');
    // Saving again, having seen it, keeps the other's subject and adds the closing.
    await second.locator('[id="subject"]').fill('Nieuwsbrief december: het plein');
    await second.getByRole('button', { name: 'Opslaan', exact: true }).last().click();
    await second.waitForURL(/melding=opgeslagen/);
    expect(await second.locator('[id="content.closing"]').inputValue()).toBe('Tot de volgende keer!');
    expect(await second.locator('[id="subject"]').inputValue()).toBe('Nieuwsbrief december: het plein');

    // The list: the draft with its status, and a copy made of it.
    await second.goto(`${base}/beheer/campagnes`);
    await second.getByRole('button', { name: 'Kopie maken van Nieuwsbrief december: het plein' }).click();
    await second.waitForURL(/melding=gekopieerd/);
    expect(await heading(second)).toBe('Nieuwsbrief: Kopie van Nieuwsbrief december: het plein');
    await second.goto(`${base}/beheer/campagnes`);
    expect(await second.locator('tbody tr').count()).toBe(2);
    await expectAccessible(second, 'list');
    await shoot(second, SHOTS, 'list');

    // The copy is deleted again, after the confirm step.
    await second.getByRole('link', { name: 'Verwijderen Kopie van Nieuwsbrief december: het plein' }).click();
    expect(await heading(second)).toBe(
      'Het concept “Kopie van Nieuwsbrief december: het plein” verwijderen?',
    );
    await expectAccessible(second, 'delete draft');
    await shoot(second, SHOTS, 'delete-draft');
    await second.getByRole('button', { name: 'Ja, verwijder dit concept' }).click();
    await second.waitForURL(/melding=verwijderd/);
    expect(await second.locator('tbody tr').count()).toBe(1);

    await other.close();
    await context.close();
    console.log(`screenshots in ${SHOTS}`);
  }, 120_000);
});
