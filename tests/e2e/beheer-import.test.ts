import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  heading,
  launchChromium,
  makeFirstAccount,
  type RunningServer,
  seriousViolations,
  startServer,
} from '../support/e2e-beheer.js';

// The import in steps in a real Chromium against the real server: a CoCo imports a
// Windows-1252 Excel file with two bad rows, downloads the refused rows, fixes them and
// imports them; the same without JavaScript; axe-core on every step page.

const FIXTURE = new URL('../fixtures/excel-nl-beheer-cp1252.csv', import.meta.url).pathname;
const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-import-shots-'));

let server: RunningServer;
/** The CoCo's login, kept from the first test for the one without JavaScript. */
let cocoLogin: BrowserContextOptions['storageState'];
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const main = (page: Page) => page.textContent('main');
const squash = async (page: Page) => (await main(page))!.replace(/\s+/g, ' ');

/** countOf reads one number of the counts block ("Geweigerd" → 2). */
async function countOf(page: Page, label: string): Promise<number> {
  const text = await page.locator('.tellingen div', { hasText: label }).locator('dd').textContent();
  return Number(text!.replace('.', ''));
}

/** axeOnCopy runs axe on a copy of a page that reloads itself too often for axe to finish; null if it was gone. */
async function axeOnCopy(page: Page): Promise<string[] | null> {
  const html = await page.content().catch(() => null);
  if (!html?.includes('Bezig met importeren')) return null;
  const copy = await browser.newPage();
  await copy.setContent(html);
  const found = await seriousViolations(copy);
  await copy.close();
  return found;
}

/** fixRefused edits the downloaded refused rows as the volunteer would in Excel. */
function fixRefused(csv: string): string {
  return csv
    .replace('francoise.example.nl;', 'francoise@example.nl;')
    .replace(/(ijsbrand@example\.nl;IJsbrand;;Ørsted-Çelik;)(;)/, '$1Voorbeeld Stadsdorp Oost$2');
}

describe('the import in a browser', () => {
  it('imports an Excel file, and its refused rows once fixed, with axe on every step', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const coco = await makeFirstAccount(context, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });
    cocoLogin = await context.storageState();
    await coco.getByRole('link', { name: 'Import en export' }).click();
    expect(await heading(coco)).toBe('Importeren');
    await expectAccessible(coco, 'step 1');
    await coco.setViewportSize({ width: 375, height: 800 });
    await coco.screenshot({ path: join(SHOTS, 'upload-375.png'), fullPage: true });
    await coco.setViewportSize({ width: 1280, height: 900 });

    // The file is dropped on the upload box (the script from /beheer/static/ puts it in the field).
    const bytes = [...readFileSync(FIXTURE)];
    const dropped = await coco.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'bestuursleden.csv', { type: 'text/csv' }));
      return dt;
    }, bytes);
    await coco.dispatchEvent('[data-sleepvak]', 'drop', { dataTransfer: dropped });
    await expect.poll(() => coco.textContent('[data-sleepvak-naam]')).toBe('Gekozen: bestuursleden.csv');
    await coco.getByLabel('Lijst', { exact: true }).selectOption('besturen');
    await coco.getByRole('button', { name: 'Bestand controleren' }).click();

    // Step 2: what the import would do, nothing written yet.
    await expect.poll(() => heading(coco)).toBe('Controleren: bestuursleden.csv');
    const preview = await squash(coco);
    expect(preview).toContain('Windows-1252');
    expect(preview).toContain('puntkomma (;)');
    expect(await countOf(coco, 'Worden toegevoegd')).toBe(2);
    expect(await countOf(coco, 'Geweigerd')).toBe(2);
    expect(preview).toContain('"francoise.example.nl" is geen geldig e-mailadres.');
    expect(preview).toContain('Geen stadsdorp voor ijsbrand@example.nl');
    expect(await coco.getByLabel('Kolom 4: Achternaam').inputValue()).toBe('lastName');
    await expectAccessible(coco, 'step 2');
    for (const width of [375, 1280]) {
      await coco.setViewportSize({ width, height: 900 });
      await coco.screenshot({ path: join(SHOTS, `preview-${width}.png`), fullPage: width === 375 });
    }
    await coco.setViewportSize({ width: 375, height: 800 });
    expect(await coco.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await coco.setViewportSize({ width: 1280, height: 900 });

    // The refused rows, for Excel.
    const [download] = await Promise.all([
      coco.waitForEvent('download'),
      coco.getByRole('link', { name: /Geweigerde regels downloaden/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bestuursleden-fouten.csv');
    const refused = readFileSync((await download.path())!);
    expect([...refused.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const refusedText = refused.subarray(3).toString('utf8');
    expect(refusedText.split('\r\n')[0]).toBe('E-mailadres;Voornaam;Tussenvoegsel;Achternaam;Stadsdorp;Fout');
    expect(refusedText.split('\r\n')).toHaveLength(4);

    // Step 3: import the good rows.
    await coco.getByRole('button', { name: '2 mensen importeren in Besturen' }).click();
    await expect.poll(() => heading(coco), { timeout: 15_000 }).toBe('Import klaar');
    expect(await countOf(coco, 'Toegevoegd')).toBe(2);
    expect(await countOf(coco, 'Geweigerd')).toBe(2);
    await expectAccessible(coco, 'result');
    await coco.screenshot({ path: join(SHOTS, 'result-1280.png'), fullPage: true });

    // The fixed refused rows go in as a second file; their Fout column is ignored.
    await coco.getByRole('link', { name: 'Nog een bestand importeren' }).click();
    await coco.getByLabel('CSV-bestand').setInputFiles({
      name: 'bestuursleden-fouten.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([refused.subarray(0, 3), Buffer.from(fixRefused(refusedText), 'utf8')]),
    });
    await coco.getByLabel('Lijst', { exact: true }).selectOption('besturen');
    await coco.getByRole('button', { name: 'Bestand controleren' }).click();
    await expect.poll(() => heading(coco)).toBe('Controleren: bestuursleden-fouten.csv');
    expect(await countOf(coco, 'Worden toegevoegd')).toBe(2);
    expect(await countOf(coco, 'Geweigerd')).toBe(0);
    expect(await squash(coco)).toContain(
      'Kolom 6 (Fout): de reden uit een eerdere controle; wordt overgeslagen.',
    );
    await expectAccessible(coco, 'step 2 of the fixed file');
    await coco.getByRole('button', { name: '2 mensen importeren in Besturen' }).click();
    await expect.poll(() => heading(coco), { timeout: 15_000 }).toBe('Import klaar');
    expect(await countOf(coco, 'Toegevoegd')).toBe(2);

    // The import is in the activity log, and the export has all four.
    await coco.goto(`${server.base}/beheer/activiteit`);
    expect(await squash(coco)).toContain('bestuursleden-fouten.csv in besturen: 2 nieuw');
    await coco.goto(`${server.base}/beheer/export`);
    await expectAccessible(coco, 'export');
    await coco.getByLabel('Lijst').selectOption('besturen');
    await coco.getByLabel('Status').selectOption('confirmed');
    const [exported] = await Promise.all([
      coco.waitForEvent('download'),
      coco.getByRole('button', { name: 'CSV downloaden' }).click(),
    ]);
    const csv = readFileSync((await exported.path())!).toString('utf8');
    for (const email of ['renee@', 'jurgen@', 'francoise@', 'ijsbrand@'])
      expect(csv).toContain(`${email}example.nl`);
    expect(csv).toContain('Ørsted-Çelik');
    await context.close();
  });

  it('shows the progress of a large import on a page that reloads itself, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: cocoLogin });
    const coco = await context.newPage();
    await coco.goto(`${server.base}/beheer/import`);
    expect(await heading(coco)).toBe('Importeren');
    let csv = 'E-mailadres;Naam\r\n';
    for (let i = 0; i < 150_000; i++) csv += `lezer${i}@example.nl;Lezer ${i}\r\n`;
    await coco.getByLabel('CSV-bestand').setInputFiles({
      name: 'groot.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await coco.getByLabel('Lijst', { exact: true }).selectOption('geinteresseerden');
    await coco.getByRole('button', { name: 'Bestand controleren' }).click();
    await expect.poll(() => heading(coco), { timeout: 30_000 }).toBe('Controleren: groot.csv');
    expect(await countOf(coco, 'Worden toegevoegd')).toBe(150_000);
    await coco.getByRole('button', { name: '150.000 mensen importeren in Geïnteresseerden' }).click();
    // The answer is the progress page (the import takes longer than the button waits), which
    // reloads itself until the result is there. Axe takes longer than a second between two
    // reloads, so it checks a copy of the page as served.
    let sawProgress = false;
    let progressChecked: string[] | null = null;
    for (let i = 0; i < 600; i++) {
      const h = await heading(coco).catch(() => '');
      if (h === 'Import klaar') break;
      if (h === 'Bezig met importeren') {
        sawProgress = true;
        if (!progressChecked) progressChecked = await axeOnCopy(coco);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await heading(coco)).toBe('Import klaar');
    expect(sawProgress).toBe(true);
    expect(progressChecked).toEqual([]);
    expect(await countOf(coco, 'Toegevoegd')).toBe(150_000);
    await context.close();
  }, 120_000);

  it('keeps a screenshot of the preview (docs/beheer-import.png with BEHEER_SCREENSHOTS=docs)', () => {
    if (process.env.BEHEER_SCREENSHOTS === 'docs') {
      mkdirSync('docs', { recursive: true });
      copyFileSync(join(SHOTS, 'preview-1280.png'), 'docs/beheer-import.png');
    }
    console.log(`beheer import screenshots in ${SHOTS}`);
  });
});
