import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamParts } from '../../src/kernel/amsterdam-time.js';
import {
  cli,
  editorPage,
  heading,
  launchChromium,
  linkInMail,
  mainText,
  makeFirstAccount,
  outboxMails,
  type RunningServer,
  seriousViolations,
  startServer,
} from '../support/e2e-beheer.js';

// Issue 15's "Done when" story in one run, in Debian's chromium against the real server
// (outbox transport, demo seed), through the pages only: an editor of Stadsdorp Oost sends in
// an agenda item and a news item with a photo; the CoCo makes a new Nieuwsbrief, takes both in
// from the panel beside the composer, adds and reorders articles, previews at 375 px (the news
// item's photo served from /fotos/), sends a test to the saved test addresses, schedules, moves
// the time, sends now after the confirm step and watches the progress reach 100%; a reader
// unsubscribes through the mail's link; the editor sees their items as sent. axe-core on every
// page visited. Only what a volunteer set up earlier goes through the command line: the readers
// and the editor's account.

const SLUG = 'voorbeeld-stadsdorp-oost';
const READERS = 30;
const NEWS = 'Burendag was een succes';
const AGENDA = 'Winterborrel in Oost';
const OWN = 'Terugblik op de Netwerkbijeenkomst';
const ALT = 'Buren aan een lange tafel';
const STEP = { timeout: 30_000 };

const WORK = mkdtempSync(join(tmpdir(), 'beheer-story-'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** visited asserts that axe-core finds nothing serious or critical on the page as it is now. */
async function visited(page: Page, name: string) {
  expect(await seriousViolations(page), `${name} (${page.url()})`).toEqual([]);
}

/** dayAhead is a day some days from now on Amsterdam's calendar, as a date field takes it. */
const dayAhead = (days: number) => amsterdamParts(new Date(Date.now() + days * 86_400_000)).date;

const preview = (page: Page) => page.frameLocator('iframe[data-voorbeeld]');
const previewText = async (page: Page) => (await preview(page).locator('body').textContent()) ?? '';

/** titlesInPreview reads the given titles from the preview, in the order the mail shows them. */
async function titlesInPreview(page: Page, titles: string[]): Promise<string[]> {
  const text = await previewText(page);
  return titles
    .map((t) => ({ t, at: text.indexOf(t) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.t);
}

/** Steps and how long each took, printed at the end: where the time of the run goes. */
const steps: [string, number][] = [];
let stepStart = Date.now();
function done(name: string) {
  const now = Date.now();
  steps.push([name, now - stepStart]);
  stepStart = now;
}

describe('issue 15, the whole story in a browser', () => {
  it('goes from two contributions to a sent Nieuwsbrief, an unsubscribe and the editor seeing "verstuurd"', async () => {
    const { base } = server;
    stepStart = Date.now();

    // --- Set up earlier by a volunteer: the CoCo's account, readers, an editor of Oost.
    const cocoContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const coco = await makeFirstAccount(cocoContext, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });
    await visited(coco, 'CoCo: start page');
    const csv = join(WORK, 'lezers.csv');
    writeFileSync(
      csv,
      `E-mailadres;Naam\r\n${Array.from({ length: READERS }, (_, i) => `lezer${i}@example.nl;Lezer ${i}`).join('\r\n')}\r\n`,
    );
    cli(server, 'import', csv, '--list', 'geinteresseerden');
    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const editor = await editorPage(editorContext, server, {
      slug: SLUG,
      name: 'Eddy Redacteur',
      email: 'eddy@oost.nl',
    });
    await visited(editor, 'editor: start page');
    done('setup');

    // --- The editor sends in an agenda item and a news item with a phone-sized photo.
    await editor.getByRole('link', { name: 'Bijdragen', exact: true }).click();
    await editor.waitForURL(`${base}/beheer/bijdragen`);
    expect(await heading(editor)).toBe('Bijdragen voor de Nieuwsbrief');
    await visited(editor, 'editor: contributions');
    await editor.getByLabel('Datum').fill(dayAhead(10));
    await editor.getByLabel('Tijd (mag leeg blijven)').fill('19:30-21:00');
    await editor.locator('#agenda-titel').fill(AGENDA);
    await editor.getByLabel('Plaats (mag leeg blijven)').fill('Buurthuis De Meeuw');
    await editor.getByRole('button', { name: 'Agendapunt insturen' }).click();
    await expect.poll(() => mainText(editor), STEP).toContain('Uw agendapunt is ingestuurd.');

    const photoPath = join(WORK, 'IMG_0042.jpg');
    writeFileSync(
      photoPath,
      await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#2d6a4f' } })
        .jpeg()
        .toBuffer(),
    );
    await editor.locator('#titel').fill(NEWS);
    await editor.getByLabel('Tekst').fill('Meer dan **80** buren kwamen.\n\nDank aan iedereen!');
    await editor.getByLabel('Foto (mag leeg blijven)').setInputFiles(photoPath);
    await editor.getByLabel('Beschrijving van de foto (nodig bij een foto)').fill(ALT);
    await editor.getByRole('button', { name: 'Nieuwsbericht insturen' }).click();
    await expect.poll(() => mainText(editor), STEP).toContain('Uw nieuwsbericht is ingestuurd.');
    expect(
      (await editor.locator('table').textContent())?.match(/Ingestuurd, wacht op de CoCo/g),
    ).toHaveLength(2);
    await visited(editor, 'editor: two items sent in');
    done('editor sends in two items');

    // --- The CoCo starts a new Nieuwsbrief: the waiting items are in the panel beside the composer.
    await coco.getByRole('link', { name: 'Nieuwsbrieven en mails', exact: true }).click();
    await coco.waitForURL(`${base}/beheer/campagnes`);
    await visited(coco, 'campaigns');
    await coco.getByRole('button', { name: 'Nieuwe Nieuwsbrief' }).click();
    await coco.waitForURL(/\/beheer\/campagnes\/[0-9]+\?melding=aangemaakt/);
    const composerUrl = coco.url().replace(/\?.*$/, '');
    const subject = await coco.locator('[id="subject"]').inputValue();
    expect(subject).toMatch(/^Netwerk Nieuwsbrief /);
    const panel = coco.getByRole('region', { name: 'Bijdragen van de stadsdorpen' });
    expect(await panel.getByRole('button', { name: /^Overnemen: / }).count()).toBe(2);
    await visited(coco, 'composer with two waiting items');

    // Both taken in, one click each; back in the composer every time, which says so.
    await panel.getByRole('button', { name: `Overnemen: ${AGENDA}` }).click();
    await coco.waitForURL(`${composerUrl}?melding=overgenomen`);
    await expect.poll(() => panel.getByRole('button', { name: /^Overnemen: / }).count(), STEP).toBe(1);
    expect(await mainText(coco)).toContain('De bijdrage is overgenomen in deze Nieuwsbrief.');
    await panel.getByRole('button', { name: `Overnemen: ${NEWS}` }).click();
    await expect.poll(() => panel.textContent(), STEP).toContain('Er wachten geen bijdragen.');
    expect(await mainText(coco)).toContain('De bijdrage is overgenomen in deze Nieuwsbrief.');
    await visited(coco, 'composer with both taken in');
    expect(await coco.locator('[id="content.agenda.0.title"]').inputValue()).toBe(AGENDA);
    expect(await coco.locator('[id="content.articles.0.title"]').inputValue()).toBe(NEWS);
    const photoUrl = await coco.locator('input[name="content.articles.0.imageUrl"]').inputValue();
    expect(photoUrl).toMatch(new RegExp(`^${base}/fotos/[0-9]+-[0-9a-f]{32}\\.jpg$`));
    expect(await coco.locator('[id="content.articles.0.imageAlt"]').inputValue()).toBe(ALT);
    // The editor sees them taken.
    await editor.reload();
    expect(
      (await editor.locator('table').textContent())?.match(
        new RegExp(`Overgenomen in de Nieuwsbrief "${subject}"`, 'g'),
      ),
    ).toHaveLength(2);
    done('CoCo takes both in');

    // --- An article of the CoCo's own, then moved above the stadsdorp's news.
    await coco.getByRole('button', { name: 'Artikel toevoegen' }).click();
    await coco.waitForURL(/erbij=articles/);
    await coco.locator('[id="content.articles.1.title"]').fill(OWN);
    await coco
      .locator('[id="content.articles.1.body"]')
      .fill('Veertig stadsdorpen spraken over **wonen** en zorg.');
    await expect.poll(() => titlesInPreview(coco, [NEWS, OWN]), STEP).toEqual([NEWS, OWN]);
    await coco.getByRole('button', { name: 'Omhoog (artikel 2)' }).click();
    await coco.waitForURL(/melding=opgeslagen#blok-articles-0$/);
    expect(await coco.locator('[id="content.articles.0.title"]').inputValue()).toBe(OWN);
    expect(await coco.locator('[id="content.articles.1.title"]').inputValue()).toBe(NEWS);
    await expect.poll(() => titlesInPreview(coco, [OWN, NEWS, AGENDA]), STEP).toEqual([OWN, NEWS, AGENDA]);
    done('CoCo adds and reorders');

    // --- The preview at 375 px: the news item with its photo, served by this service.
    await coco.getByLabel('Telefoon (375 px)').check();
    const frame = coco.locator('iframe[data-voorbeeld]');
    await expect.poll(async () => Math.round((await frame.boundingBox())?.width ?? 0), STEP).toBe(375);
    expect(await previewText(coco)).toContain(NEWS);
    const photo = preview(coco).getByAltText(ALT);
    expect(await photo.getAttribute('src')).toBe(photoUrl);
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), STEP)
      .toBe(1200);
    // The mail fits the phone: nothing wider than the frame.
    expect(
      await preview(coco)
        .locator('html')
        .evaluate((html) => html.scrollWidth),
    ).toBeLessThanOrEqual(375);
    await visited(coco, 'composer, preview at 375 px');
    done('preview at 375 px');

    // --- To the send page: the test mail to the saved test addresses.
    await coco.getByRole('link', { name: 'Klaar? Naar versturen' }).click();
    await coco.waitForURL(`${composerUrl}/versturen`);
    expect(await heading(coco)).toBe(`Versturen: ${subject}`);
    expect(await mainText(coco)).toMatch(
      /Testmail \(nog niet in orde\) ?: Er is nog geen testmail verstuurd\./,
    );
    await visited(coco, 'send page');
    const testers = ['anna@coco.nl', 'redactie@netwerk.example.nl'];
    for (const address of testers) {
      await coco.getByLabel('Testadres toevoegen').fill(address);
      await coco.getByRole('button', { name: 'Testadres opslaan' }).click();
      await expect
        .poll(
          () =>
            coco
              .getByRole('list', { name: 'Testadressen' })
              .textContent()
              .catch(() => ''),
          STEP,
        )
        .toContain(address);
    }
    expect(await mainText(coco)).toContain('Het testadres is opgeslagen.');
    await coco.getByRole('button', { name: 'Testmail versturen naar 2 adressen' }).click();
    await expect.poll(() => mainText(coco), STEP).toContain('De testmail is verstuurd.');
    for (const address of testers) {
      await expect
        .poll(() => outboxMails(server, { to: address, subject: `[TEST] ${subject}` }).length, STEP)
        .toBe(1);
    }
    const testMail = outboxMails(server, { to: testers[0], subject: `[TEST] ${subject}` })[0]!;
    expect(testMail.html).toContain(NEWS);
    expect(testMail.html).toContain(photoUrl);
    expect(await mainText(coco)).toMatch(/Testmail \(in orde\) ?: Verstuurd op/);
    await visited(coco, 'send page after the test');
    done('test mail');

    // --- Scheduled in Amsterdam time, after a confirm step; then moved a day later.
    await coco.getByLabel('Datum').fill(dayAhead(3));
    await coco.getByLabel('Tijd').fill('09:30');
    await coco.getByRole('button', { name: 'Inplannen…' }).click();
    await expect.poll(() => heading(coco), STEP).toBe('Nieuwsbrief inplannen?');
    // The time left depends on the hour the test runs: only its form is checked.
    expect(await mainText(coco)).toMatch(/om 09:30 \(Amsterdamse tijd\), over \d dagen/);
    await visited(coco, 'confirm schedule');
    await coco.getByRole('button', { name: /^Inplannen voor / }).click();
    await expect.poll(() => mainText(coco), STEP).toContain('De campagne is ingepland.');
    expect(await mainText(coco)).toMatch(
      /Ingepland op \d+ \S+ \d{4} om 09:30 \(Amsterdamse tijd\), over \d dagen/,
    );
    await visited(coco, 'scheduled');

    await coco.getByLabel('Datum').fill(dayAhead(4));
    await coco.getByLabel('Tijd').fill('10:15');
    await coco.getByRole('button', { name: 'Ander moment kiezen…' }).click();
    await expect.poll(() => heading(coco), STEP).toBe('Ander moment kiezen?');
    await visited(coco, 'confirm move');
    await coco.getByRole('button', { name: /^Verzetten naar / }).click();
    await expect.poll(() => mainText(coco), STEP).toContain('De campagne is verzet naar het nieuwe moment.');
    expect(await mainText(coco)).toMatch(
      /Ingepland op \d+ \S+ \d{4} om 10:15 \(Amsterdamse tijd\), over \d dagen/,
    );
    await visited(coco, 'moved');
    done('schedule and move');

    // --- Send now instead: the confirm step names exactly how many people get it.
    await coco.getByRole('button', { name: 'Nu versturen in plaats van later…' }).click();
    await expect.poll(() => heading(coco), STEP).toBe('Nieuwsbrief nu versturen?');
    const ask = await mainText(coco);
    expect(ask).toContain('Wanneer nu meteen');
    const count = Number(/([\d.]+) mensen op Besturen en Geïnteresseerden/.exec(ask)![1]!.replace(/\./g, ''));
    expect(count).toBeGreaterThan(READERS);
    await visited(coco, 'confirm send now');
    await coco
      .getByRole('button', { name: `Nieuwsbrief versturen aan ${count.toLocaleString('nl-NL')} mensen` })
      .click();

    // The progress page follows the send by itself until it is done.
    await coco.waitForURL(/\/voortgang/, STEP);
    expect(await heading(coco)).toMatch(new RegExp(`^(Voortgang|Verstuurd): ${subject}$`));
    await visited(coco, 'progress');
    await expect.poll(() => heading(coco), { timeout: 60_000 }).toBe(`Verstuurd: ${subject}`);
    expect(await mainText(coco)).toContain(`${count} van ${count} verwerkt (100%).`);
    expect(await coco.locator('progress').getAttribute('value')).toBe(String(count));
    await visited(coco, 'sent');
    // Exactly the people the confirm step named got the mail, each once, with the photo from here.
    const sent = outboxMails(server, { subject });
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((m) => m.to)).size).toBe(count);
    expect(sent.filter((m) => m.to.endsWith('@example.nl') && m.to.startsWith('lezer'))).toHaveLength(
      READERS,
    );
    expect(sent[0]!.html).toContain(photoUrl);
    done('send now to 100%');

    // --- A reader unsubscribes through the link in their mail.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(await linkInMail(server, 'lezer7@example.nl', /\/afmelden\//, subject));
    await visited(reader, 'unsubscribe');
    await reader.getByRole('button', { name: 'Ja, meld mij af' }).click();
    await expect.poll(() => reader.textContent('h1'), STEP).toBe('U bent afgemeld');
    await visited(reader, 'unsubscribed');
    await reader.context().close();
    // The CoCo finds the reader unsubscribed, the Nieuwsbrief among the mails they got.
    await coco.getByRole('link', { name: 'Abonnees', exact: true }).click();
    await coco.getByLabel('Zoek op naam of e-mailadres').fill('lezer7@example.nl');
    await coco.getByRole('button', { name: 'Zoeken' }).click();
    await coco.waitForURL(/zoek=lezer7/, STEP);
    await coco.getByRole('link', { name: /Lezer 7/ }).click();
    await expect.poll(() => heading(coco), STEP).toBe('Lezer 7');
    expect(await coco.getByRole('table', { name: 'Waar deze persoon op staat' }).textContent()).toContain(
      'Afgemeld',
    );
    expect(
      await coco
        .getByRole('table', { name: /^Nieuwsbrieven en Netwerkmails aan deze persoon/ })
        .textContent(),
    ).toContain(subject);
    await visited(coco, 'subscriber unsubscribed');
    done('reader unsubscribes');

    // --- The editor sees both items as sent, with the Nieuwsbrief they went out in.
    await editor.reload();
    const mine = (await editor.locator('table').textContent()) ?? '';
    expect(mine).toContain(NEWS);
    expect(mine).toContain(AGENDA);
    expect(mine.match(new RegExp(`Verstuurd met de Nieuwsbrief "${subject}"`, 'g'))).toHaveLength(2);
    await visited(editor, 'editor: items sent');
    done('editor sees "verstuurd"');

    await editorContext.close();
    await cocoContext.close();
    console.log(steps.map(([name, ms]) => `${name}: ${(ms / 1000).toFixed(1)} s`).join('\n'));
  }, 240_000);
});
