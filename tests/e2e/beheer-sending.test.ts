import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamParts } from '../../src/kernel/amsterdam-time.js';
import {
  cli,
  expectAccessible,
  heading,
  launchChromium,
  mainText,
  makeFirstAccount,
  outboxMails,
  type RunningServer,
  shoot,
  startServer,
} from '../support/e2e-beheer.js';

// Sending in a real Chromium against the real server (outbox transport, demo seed): the CoCo
// sends a test, schedules, moves the time, then sends now after the confirm step and watches
// the progress reach 100%; a recipient unsubscribes through the link in the mail. Axe on every
// page, screenshots at 375 and 1280 px (printed folder).

const SHOTS = mkdtempSync(join(tmpdir(), 'beheer-sending-shots-'));

let server: RunningServer;
let browser: Browser;
/** The CoCo's login, kept from the first test for the second. */
let cocoLogin: BrowserContextOptions['storageState'];

beforeAll(async () => {
  // Campaign batches of 100 at one every two seconds: the send takes long enough to watch.
  // startServer hands this process's environment to the server; restored at once for the next file.
  const before = process.env.SEND_RATE_PER_SECOND;
  process.env.SEND_RATE_PER_SECOND = '0.5';
  try {
    server = await startServer();
  } finally {
    if (before === undefined) delete process.env.SEND_RATE_PER_SECOND;
    else process.env.SEND_RATE_PER_SECOND = before;
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** dayAhead is a day some days from now on Amsterdam's calendar, as a date field takes it. */
const dayAhead = (days: number) => amsterdamParts(new Date(Date.now() + days * 86_400_000)).date;

describe('sending a Nieuwsbrief in a browser', () => {
  it('tests, schedules, moves, sends now after the confirm step, reaches 100%, and the mail unsubscribes', async () => {
    const context = await browser.newContext();
    const coco = await makeFirstAccount(context, server, { name: 'Anna CoCo', email: 'anna@coco.nl' });
    cocoLogin = await context.storageState();
    // 600 readers besides the demo seed: seven batches, some twelve seconds.
    const csv = join(SHOTS, 'lezers.csv');
    writeFileSync(
      csv,
      `E-mailadres;Naam\r\n${Array.from({ length: 600 }, (_, i) => `lezer${i}@example.nl;Lezer ${i}`).join('\r\n')}\r\n`,
    );
    cli(server, 'import', csv, '--list', 'geinteresseerden');
    const token = cli(server, 'token', 'create', '--role', 'coco', '--name', 'e2e');
    const created = await fetch(`${server.base}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'nieuwsbrief',
        subject: 'Nieuwsbrief december 2026',
        preheader: 'De Netwerkbijeenkomst en de agenda',
        public: true,
        content: {
          intro: 'Welkom bij de **Nieuwsbrief** van december.',
          articles: [
            {
              title: 'Terugblik op de Netwerkbijeenkomst',
              body: 'Lees het [verslag](https://netwerkamsterdamsestadsdorpen.nl/verslag).',
            },
          ],
          agenda: [{ date: '2026-12-17', title: 'Netwerkborrel', place: 'Café De Ysbreeker' }],
        },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    // The checklist: everything but the test mail is in order.
    await coco.goto(`${server.base}/beheer/campagnes/${id}/versturen`);
    expect(await heading(coco)).toBe('Versturen: Nieuwsbrief december 2026');
    expect(await mainText(coco)).toMatch(
      /Testmail \(nog niet in orde\) ?: Er is nog geen testmail verstuurd\./,
    );
    await expectAccessible(coco, 'send page before the test');
    await shoot(coco, SHOTS, 'versturen-checklist');

    // A test address, saved, and the test mail to it.
    await coco.getByLabel('Testadres toevoegen').fill('anna@coco.nl');
    await coco.getByRole('button', { name: 'Testadres opslaan' }).click();
    await expect.poll(() => mainText(coco)).toContain('Het testadres is opgeslagen.');
    await coco.getByRole('button', { name: 'Testmail versturen naar 1 adres' }).click();
    await expect.poll(() => mainText(coco)).toContain('De testmail is verstuurd.');
    await expect
      .poll(() => outboxMails(server, { to: 'anna@coco.nl' })[0]?.subject)
      .toBe('[TEST] Nieuwsbrief december 2026');
    expect(await mainText(coco)).toMatch(/Testmail \(in orde\) ?: Verstuurd op/);
    await expectAccessible(coco, 'send page after the test');

    // Schedule in Amsterdam time, with a confirm step naming who and when.
    const first = dayAhead(3);
    await coco.getByLabel('Datum').fill(first);
    await coco.getByLabel('Tijd').fill('09:30');
    await coco.getByRole('button', { name: 'Inplannen…' }).click();
    expect(await heading(coco)).toBe('Nieuwsbrief inplannen?');
    const askSchedule = await mainText(coco);
    expect(askSchedule).toMatch(/Ontvangers [\d.]+ mensen op Besturen en Geïnteresseerden\./);
    // The time left depends on the hour the test runs (before or after 09:30): only its form is checked.
    expect(askSchedule).toMatch(/om 09:30 \(Amsterdamse tijd\), over \d dagen/);
    await expectAccessible(coco, 'confirm schedule');
    await shoot(coco, SHOTS, 'bevestigen-inplannen');
    await coco.getByRole('button', { name: /^Inplannen voor / }).click();
    await expect.poll(() => mainText(coco)).toContain('De campagne is ingepland.');
    expect(await mainText(coco)).toMatch(
      /Ingepland op \d+ \S+ \d{4} om 09:30 \(Amsterdamse tijd\), over \d dagen/,
    );
    await expectAccessible(coco, 'scheduled');
    await shoot(coco, SHOTS, 'ingepland');

    // Move it a day later.
    await coco.getByLabel('Datum').fill(dayAhead(4));
    await coco.getByLabel('Tijd').fill('10:15');
    await coco.getByRole('button', { name: 'Ander moment kiezen…' }).click();
    expect(await heading(coco)).toBe('Ander moment kiezen?');
    await coco.getByRole('button', { name: /^Verzetten naar / }).click();
    await expect.poll(() => mainText(coco)).toContain('De campagne is verzet naar het nieuwe moment.');
    expect(await mainText(coco)).toMatch(/Ingepland op \d+ \S+ \d{4} om 10:15/);

    // Then send now instead, after the confirm step.
    await coco.getByRole('button', { name: 'Nu versturen in plaats van later…' }).click();
    expect(await heading(coco)).toBe('Nieuwsbrief nu versturen?');
    const askNow = await mainText(coco);
    const count = Number(
      /([\d.]+) mensen op Besturen en Geïnteresseerden/.exec(askNow)![1]!.replace('.', ''),
    );
    expect(count).toBeGreaterThan(0);
    expect(askNow).toContain('Wanneer nu meteen');
    await expectAccessible(coco, 'confirm send now');
    await shoot(coco, SHOTS, 'bevestigen-nu');
    await coco
      .getByRole('button', { name: `Nieuwsbrief versturen aan ${count.toLocaleString('nl-NL')} mensen` })
      .click();

    // The progress page follows the send by itself (its script polls the counts) until 100%.
    await coco.waitForURL(/\/voortgang/);
    expect(await heading(coco)).toBe('Voortgang: Nieuwsbrief december 2026');
    await expectAccessible(coco, 'progress while sending');
    await coco.screenshot({ path: join(SHOTS, 'voortgang-1280.png'), fullPage: true });
    // Pause, look at the cancel step, go back, resume.
    await coco.getByRole('button', { name: 'Pauzeren' }).click();
    await expect.poll(() => mainText(coco)).toContain('Het versturen is gepauzeerd.');
    expect(await mainText(coco)).toContain('Status: Gepauzeerd');
    await coco.getByRole('link', { name: 'Annuleren…' }).click();
    expect(await heading(coco)).toBe('Versturen annuleren?');
    expect(await mainText(coco)).toMatch(/mensen krijgen de mail dan niet meer/);
    await expectAccessible(coco, 'cancel step');
    await shoot(coco, SHOTS, 'annuleren');
    await coco.getByRole('link', { name: 'Nee, terug' }).click();
    await coco.getByRole('button', { name: 'Hervatten' }).click();
    await expect.poll(() => mainText(coco)).toContain('Het versturen gaat weer verder.');
    const firstText = await coco.locator('[data-teller="text"]').textContent();
    await coco.evaluate(() => {
      (window as unknown as { zelfdePagina: boolean }).zelfdePagina = true;
    });
    // The numbers move on the same page (no reload) ...
    await expect
      .poll(
        () =>
          coco
            .evaluate(() => [
              document.querySelector('[data-teller="text"]')?.textContent,
              (window as unknown as { zelfdePagina?: boolean }).zelfdePagina === true,
            ])
            .catch(() => ['', false]),
        { timeout: 20_000, interval: 250 },
      )
      .toSatisfy(([text, same]) => same === true && text !== firstText);
    // ... and when the send is done the page shows the outcome.
    await expect.poll(() => heading(coco), { timeout: 30_000 }).toBe('Verstuurd: Nieuwsbrief december 2026');
    expect(await mainText(coco)).toContain(`${count} van ${count} verwerkt (100%).`);
    expect(await coco.locator('progress').getAttribute('value')).toBe(String(count));
    const after = await mainText(coco);
    expect(after).toContain('Afgeleverd');
    expect(after).toContain(`${server.base}/archief/`);
    await expectAccessible(coco, 'sent');
    await shoot(coco, SHOTS, 'verstuurd');

    // A recipient's mail: its visible unsubscribe link works.
    const mail = outboxMails(server, { to: 'carla.voorbeeld@example.org' }).find(
      (m) => m.subject === 'Nieuwsbrief december 2026',
    );
    expect(mail).toBeDefined();
    const link = /href="([^"]*\/afmelden\/[^"]+)"/.exec(mail!.html)![1]!.replace(/&amp;/g, '&');
    const reader = await context.newPage();
    await reader.goto(link);
    await reader.getByRole('button', { name: 'Ja, meld mij af' }).click();
    await expect.poll(() => reader.textContent('h1')).toBe('U bent afgemeld');
    await context.close();
  }, 180_000);

  it('shows the layouts, an upload error by line, and a preview at both widths', async () => {
    const context = await browser.newContext({ storageState: cocoLogin });
    const coco = await context.newPage();
    await coco.goto(`${server.base}/beheer`);
    await coco.getByRole('link', { name: 'Layouts' }).click();
    expect(await heading(coco)).toBe('Layouts');
    await expectAccessible(coco, 'layouts');
    await coco.getByLabel('Naam').fill('kapot');
    await coco
      .getByLabel('Of plak de MJML')
      .fill(
        '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-txt>Hoi</mj-txt>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>',
      );
    await coco.getByRole('button', { name: 'Layout controleren en opslaan' }).click();
    expect(await mainText(coco)).toContain('Regel 5 (mj-txt)');
    await expectAccessible(coco, 'layout upload error');
    await shoot(coco, SHOTS, 'layouts-fout');

    await coco.goto(`${server.base}/beheer/layouts/standaard`);
    expect(await heading(coco)).toBe('Layout standaard');
    const frame = coco.frameLocator('iframe[title*="telefoon"]');
    await expect
      .poll(() => frame.locator('body').textContent(), { timeout: 15_000 })
      .toContain('Netwerkbijeenkomst');
    await expectAccessible(coco, 'layout preview');
    await shoot(coco, SHOTS, 'layout-standaard');
    await coco.setViewportSize({ width: 1280, height: 900 });
    const phone = coco.locator('figure', { has: coco.locator('iframe[title*="telefoon"]') });
    await phone.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SHOTS, 'layout-standaard-telefoon.png') });
    await context.close();
    console.log(`screenshots in ${SHOTS}`);
  }, 120_000);
});
