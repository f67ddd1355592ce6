import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../../src/entry/node-runtime.js';
import { startupNotes } from '../../src/modules/accounts/service.js';
import { addStadsdorp, makeDeps } from '../support/app.js';
import { addAccount, Browser } from '../support/beheer.js';

const dataDir = mkdtempSync(join(tmpdir(), 'beheer-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://stadsdorpen.test' };

function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('making an account from the shell', () => {
  it('prints a login link as the last line, which logs the new editor in', async () => {
    const setup = await buildNodeDeps(env);
    await addStadsdorp(setup, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
    await closeNodeDeps(setup);

    const out = cli(
      'account',
      'create',
      '--role',
      'stadsdorp',
      '--stadsdorp',
      'jordaan',
      '--email',
      'Eddy@Jordaan.nl',
      '--name',
      'Eddy',
    );
    const url = out.trim().split('\n').at(-1)!;
    expect(url).toMatch(/^https:\/\/stadsdorpen\.test\/beheer\/link\/\S+$/);

    const deps = await buildNodeDeps(env);
    try {
      const browser = new Browser(createApp(deps));
      expect((await browser.post(new URL(url).pathname)).status).toBe(303);
      const start = await (await browser.get('/beheer')).text();
      expect(start).toContain('<h1>Stadsdorp Jordaan</h1>');
      expect(start).toContain('Eddy (redacteur)');
    } finally {
      await closeNodeDeps(deps);
    }
    expect(() =>
      cli('account', 'create', '--role', 'stadsdorp', '--email', 'x@y.nl', '--name', 'X'),
    ).toThrow();
  });
});

describe('login links with the outbox transport', () => {
  it('are also written to the server log, so a logged-out CoCo member can get in', async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn() {}, error() {} };
    const { deps } = await makeDeps({ log });
    await addAccount(deps, { email: 'anna@coco.nl', name: 'Anna' });
    const browser = new Browser(createApp(deps));
    await browser.post('/beheer/inloggen', [['email', 'anna@coco.nl']]);
    const line = lines.find((l) => l.startsWith('Login link for anna@coco.nl'));
    expect(line).toMatch(/https:\/\/stadsdorpen\.test\/beheer\/link\/\S+$/);
    const path = new URL(line!.split(' ').at(-1)!).pathname;
    expect((await browser.post(path)).status).toBe(303);
  });

  it('the start-up notes name the signup page and beheer, and the first-account link while there is no account', async () => {
    const { deps } = await makeDeps();
    const notes = await startupNotes(deps);
    expect(notes[0]).toBe('Aanmeldformulier: https://stadsdorpen.test/aanmelden');
    expect(notes[1]).toBe('Beheer: https://stadsdorpen.test/beheer');
    expect(notes[2]).toMatch(/eerste CoCo-account.*https:\/\/stadsdorpen\.test\/beheer\/link\/\S+$/);
    await addAccount(deps, { email: 'anna@coco.nl' });
    expect(await startupNotes(deps)).toHaveLength(2);
  });
});
