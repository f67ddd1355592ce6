import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  heading,
  launchChromium,
  linkInMail,
  makeFirstAccount,
  type RunningServer,
  shoot,
  startServer,
} from '../support/e2e-beheer.js';

// Contributions in a real Chromium against the real server: the CoCo invites an editor, who
// sends in an agenda item and a news item with a photo (a real JPEG file picked in the form);
// the CoCo sees both waiting, the photo served by the service itself. axe-core on each page,
// no sideways scrolling at 375 px, screenshots at 375 and 1280 px.

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-contributions-shots-'));
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

async function check(page: Page, name: string) {
  await expectAccessible(page, name);
  await shoot(page, SHOTS, name);
}

describe('contributions in a browser', () => {
  it('an editor sends in an agenda item and a news item with a photo; the CoCo sees them waiting', async () => {
    const cocoContext = await browser.newContext();
    const coco = await makeFirstAccount(cocoContext, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });
    await coco.goto(`${server.base}/beheer/accounts`);
    await coco.getByLabel('Naam').fill('Eddy Redacteur');
    await coco.getByLabel('E-mailadres').fill('eddy@oost.nl');
    await coco.getByLabel('Rol').selectOption('stadsdorp');
    await coco.getByLabel('Stadsdorp').selectOption('voorbeeld-stadsdorp-oost');
    await coco.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => coco.textContent('main')).toContain('De uitnodiging is verstuurd.');

    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await editor.setViewportSize({ width: 1280, height: 900 });
    await editor.goto(await linkInMail(server, 'eddy@oost.nl', /\/beheer\/link\//));
    await editor.getByRole('button', { name: 'Account openen en inloggen' }).click();
    await editor.waitForURL(`${server.base}/beheer`);
    await editor.getByRole('link', { name: 'Bijdragen', exact: true }).click();
    expect(await heading(editor)).toBe('Bijdragen voor de Nieuwsbrief');
    await check(editor, 'editor-empty');

    // An agenda item, ten days from now; first without a title, to see the error at its field.
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await editor.getByLabel('Datum').fill(day);
    await editor.getByLabel('Tijd (mag leeg blijven)').fill('19:30-21:00');
    await editor.getByRole('button', { name: 'Agendapunt insturen' }).click();
    await expect.poll(() => editor.locator('.samenvatting').count()).toBe(1);
    await check(editor, 'editor-agenda-error');
    await editor.locator('#agenda-titel').fill('Winterborrel in Oost');
    await editor.getByLabel('Plaats (mag leeg blijven)').fill('Buurthuis De Meeuw');
    await editor.getByRole('button', { name: 'Agendapunt insturen' }).click();
    await expect.poll(() => editor.textContent('main')).toContain('Uw agendapunt is ingestuurd.');

    // A news item with a phone-sized photo, picked as a file.
    const photoPath = join(SHOTS, 'IMG_0042.jpg');
    writeFileSync(
      photoPath,
      await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2d6a4f' } })
        .jpeg()
        .toBuffer(),
    );
    await editor.locator('#titel').fill('Burendag was een succes');
    await editor.getByLabel('Tekst').fill('Meer dan **80** buren kwamen.\n\nDank aan iedereen!');
    await editor.getByLabel('Foto (mag leeg blijven)').setInputFiles(photoPath);
    await editor
      .getByLabel('Beschrijving van de foto (nodig bij een foto)')
      .fill('Buren aan een lange tafel');
    await editor.getByRole('button', { name: 'Nieuwsbericht insturen' }).click();
    await expect.poll(() => editor.textContent('main')).toContain('Uw nieuwsbericht is ingestuurd.');
    const mine = await editor.locator('table').textContent();
    expect(mine).toContain('Burendag was een succes');
    expect(mine).toContain('Winterborrel in Oost');
    expect(mine?.match(/Ingestuurd, wacht op de CoCo/g)).toHaveLength(2);
    await check(editor, 'editor-items');

    // The CoCo sees both waiting under the stadsdorp, with the photo from this service.
    await coco.setViewportSize({ width: 1280, height: 900 });
    await coco.getByRole('link', { name: 'Bijdragen', exact: true }).click();
    expect(await heading(coco)).toBe('Bijdragen van de stadsdorpen');
    expect(await coco.getByRole('heading', { level: 2, name: 'Voorbeeld Stadsdorp Oost' }).count()).toBe(1);
    expect(
      await coco.getByRole('heading', { level: 3, name: 'Nieuwsbericht: Burendag was een succes' }).count(),
    ).toBe(1);
    expect(
      await coco.getByRole('heading', { level: 3, name: 'Agendapunt: Winterborrel in Oost' }).count(),
    ).toBe(1);
    const photo = coco.getByAltText('Buren aan een lange tafel');
    expect(await photo.getAttribute('src')).toMatch(
      new RegExp(`^${server.base}/fotos/[0-9]+-[0-9a-f]{32}\\.jpg$`),
    );
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
    await check(coco, 'coco-waiting');

    // Declining asks for the reason first.
    await coco.getByRole('link', { name: 'Afwijzen' }).first().click();
    await check(coco, 'coco-decline');
  }, 120_000);
});
