// What the real-browser tests of beheer (tests/e2e/beheer*.test.ts) share: the real server
// (`npm start`'s entry) on a free port with a fresh data folder and the outbox transport,
// Debian's chromium through playwright-core, the first-account link from the start-up log,
// mails read from the outbox file, and axe-core in the page.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** freePort asks the system for a port nobody listens on. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** RunningServer is the service started as `npm start` starts it, in a data folder of its own. */
export interface RunningServer {
  base: string;
  dataDir: string;
  log: string[];
  firstAccountUrl: string;
  stop(): Promise<void>;
}

/** startServer starts src/entry/node.ts with the outbox transport (and env's settings) and waits for its first-account link. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beheer-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      LOG_LEVEL: 'info',
      MAIL_TRANSPORT: 'outbox',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.setEncoding('utf8').on('data', (d: string) => log.push(...d.split('\n')));
  server.stderr!.setEncoding('utf8').on('data', (d: string) => log.push(...d.split('\n')));
  let firstAccountUrl = '';
  for (let i = 0; i < 600 && !firstAccountUrl; i++) {
    const line = log.find((l) => l.includes('eerste CoCo-account'));
    if (line) firstAccountUrl = /(http:\/\/\S+\/beheer\/link\/[A-Za-z0-9_.-]+)/.exec(line)![1]!;
    else await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (!firstAccountUrl) {
    await stop();
    throw new Error(`no first-account link in the start-up log:\n${log.join('\n')}`);
  }
  return { base, dataDir, log, firstAccountUrl, stop };
}

/** launchChromium starts Debian's chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** waitForMail waits until the outbox file holds a mail to an address and answers its subject. */
export async function waitForMail(server: RunningServer, to: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const db = new Database(join(server.dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
    const row = db
      .prepare('SELECT subject FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT 1')
      .get(to) as { subject: string } | undefined;
    db.close();
    if (row) return row.subject;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} in the outbox`);
}

/** OutboxMail is one mail in the outbox file, as the outbox transport stored it. */
export interface OutboxMail {
  to: string;
  subject: string;
  html: string;
}

/** outboxMails reads the outbox file: the mails to one address and/or with one subject, newest first. */
export function outboxMails(server: RunningServer, where: { to?: string; subject?: string }): OutboxMail[] {
  const db = new Database(join(server.dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
  const rows = db
    .prepare(
      `SELECT to_address AS "to", subject, html FROM outbox_messages
       WHERE (@to IS NULL OR to_address = @to) AND (@subject IS NULL OR subject = @subject)
       ORDER BY id DESC`,
    )
    .all({ to: where.to ?? null, subject: where.subject ?? null }) as OutboxMail[];
  db.close();
  return rows;
}

/**
 * linkInMail waits for a mail to an address (with a subject, when given) whose HTML holds a link
 * matching `pattern`, and answers the link as a browser follows it (entities undone).
 */
export async function linkInMail(
  server: RunningServer,
  to: string,
  pattern: RegExp,
  subject?: string,
): Promise<string> {
  for (let i = 0; i < 200; i++) {
    for (const mail of outboxMails(server, { to, subject })) {
      for (const [, href] of mail.html.matchAll(/href="([^"]+)"/g)) {
        const link = href!.replace(/&amp;/g, '&');
        if (pattern.test(link)) return link;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}${subject ? ` "${subject}"` : ''} with a link like ${pattern}`);
}

/** cli runs the project's command line against the server's data folder; its last line is the answer. */
export function cli(server: RunningServer, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.base },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim().split('\n').at(-1)!;
}

/**
 * editorPage makes an editor of a stadsdorp with the command line, as the README says, and logs
 * them in through the link it prints: their start page.
 */
export async function editorPage(
  context: BrowserContext,
  server: RunningServer,
  who: { slug: string; name: string; email: string },
): Promise<Page> {
  const link = cli(
    server,
    'account',
    'create',
    '--role',
    'stadsdorp',
    '--stadsdorp',
    who.slug,
    '--email',
    who.email,
    '--name',
    who.name,
  );
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${server.base}/beheer`);
  return page;
}

/** mainText is the text of a page's main part as a reader sees it: no style text, white space squashed. */
export const mainText = async (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: the page as a reader sees it: no style text, blocks apart
  (await page.locator('main').innerText()).replace(/\s+/g, ' ');

/** seriousViolations runs axe-core in the page and lists its serious and critical findings. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            d: Document,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** heading reads a page's h1. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** makeFirstAccount spends the start-up link: the first CoCo account, logged in on the start page. */
export async function makeFirstAccount(
  context: BrowserContext,
  server: RunningServer,
  who: { name: string; email: string },
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.firstAccountUrl);
  await page.getByLabel('Naam').fill(who.name);
  await page.getByLabel('E-mailadres').fill(who.email);
  await page.getByRole('button', { name: 'Account maken en inloggen' }).click();
  await page.waitForURL(`${server.base}/beheer`);
  return page;
}

/** expectAccessible fails when axe-core finds a serious or critical violation on the page. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `${name} (${page.url()})`).toEqual([]);
}

/**
 * shoot saves screenshots of the page at 375 px (the whole page) and 1280 px wide into dir,
 * fails when the page scrolls sideways on a phone, and leaves the page at 1280 × 900.
 */
export async function shoot(page: Page, dir: string, name: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: width === 375 });
  }
  await page.setViewportSize({ width: 375, height: 800 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} at 375 px`,
  ).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 900 });
}
