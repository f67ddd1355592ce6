// The first CoCo account made with SETUP_SECRET at /beheer/eerste-account, in a real Chromium
// against the real server: the form at phone and desktop width, a wrong secret marked at its
// field, the right one logging in, and the page refusing afterwards; axe-core on each.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  heading,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from '../support/e2e-beheer.js';

const SECRET = 'instelcode-voor-de-browsertest-0123';
const SHOTS = mkdtempSync(join(tmpdir(), 'setup-shots-'));

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SETUP_SECRET: SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`Screenshots: ${SHOTS}`);
});

describe('the setup page in a browser', () => {
  it('makes the first CoCo account with the secret, and refuses afterwards', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${server.base}/beheer/eerste-account`);
    expect(await heading(page)).toBe('Het eerste CoCo-account maken');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'form-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(SHOTS, 'form-1280.png'), fullPage: true });

    await page.getByLabel('Instelcode').fill('niet-de-goede-instelcode');
    await page.getByLabel('Naam').fill('Anna de Vries');
    await page.getByLabel('E-mailadres').fill('anna@coco.nl');
    await page.getByRole('button', { name: 'Account maken en inloggen' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Deze instelcode klopt niet/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'wrong-1280.png'), fullPage: true });

    await page.getByLabel('Instelcode').fill(SECRET);
    await page.getByRole('button', { name: 'Account maken en inloggen' }).click();
    await page.waitForURL(`${server.base}/beheer`);
    expect(await heading(page)).toBe('Start');

    const other = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await other.goto(`${server.base}/beheer/eerste-account`);
    expect(await other.textContent('main')).toContain('Er is al een CoCo-account.');
    expect(await seriousViolations(other)).toEqual([]);
    await other.screenshot({ path: join(SHOTS, 'done-375.png'), fullPage: true });
  }, 120_000);
});
