// What a real-browser test of beheer needs: the real server (`npm start`'s entry) on a free
// port with a fresh data folder and the outbox transport, Debian's chromium through
// playwright-core, the first-account link from the start-up log, login links read from the
// outbox file, and axe-core in the page.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Browser, chromium, type Page } from 'playwright-core';

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

/** BeheerServer is a running service with its data folder, start-up log and first-account link. */
export interface BeheerServer {
  base: string;
  dataDir: string;
  log: string[];
  firstAccountUrl: string;
  stop(): Promise<void>;
}

/** startBeheerServer starts the real service and waits for the first-account link in its log. */
export async function startBeheerServer(env: Record<string, string> = {}): Promise<BeheerServer> {
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
  for (let i = 0; i < 400 && !firstAccountUrl; i++) {
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

/** launchChromium starts Debian's chromium headless. */
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

/** outboxRows reads the outbox file of a running server (read-only). */
export function outboxRows(dataDir: string, to: string): { subject: string; html: string }[] {
  const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT subject, html FROM outbox_messages WHERE to_address = ? ORDER BY id DESC')
      .all(to) as { subject: string; html: string }[];
  } finally {
    db.close();
  }
}

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

/** heading is the page's h1 text. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
