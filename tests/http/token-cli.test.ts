import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../../src/entry/node-runtime.js';
import { addStadsdorp, auth } from '../support/app.js';

const dataDir = mkdtempSync(join(tmpdir(), 'token-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://stadsdorpen.test' };

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', 'token', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

async function statusWith(token: string): Promise<number> {
  const deps = await buildNodeDeps(env);
  try {
    return (await createApp(deps).request('/api/lists', { headers: auth(token) })).status;
  } finally {
    await closeNodeDeps(deps);
  }
}

describe('API tokens on the command line', () => {
  it('lists the tokens and revokes one, which then stops working while the others still work', async () => {
    const setup = await buildNodeDeps(env);
    await addStadsdorp(setup, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
    await closeNodeDeps(setup);
    const anna = cli('create', '--role', 'coco', '--name', 'Anna');
    const bram = cli('create', '--role', 'stadsdorp', '--stadsdorp', 'jordaan', '--name', 'Bram');
    expect(anna.status, anna.err).toBe(0);
    const annaToken = anna.out.trim().split('\n').at(-1)!;
    const bramToken = bram.out.trim().split('\n').at(-1)!;

    const listed = cli('list');
    expect(listed.status, listed.err).toBe(0);
    const lines = listed.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^#1\tcoco\tAnna\tcreated \S+\tactive$/);
    expect(lines[1]).toMatch(/^#2\tstadsdorp \(jordaan\)\tBram\tcreated \S+\tactive$/);
    expect(listed.out).not.toContain('nas_');

    expect(await statusWith(annaToken)).toBe(200);
    const revoked = cli('revoke', '1');
    expect(revoked.status, revoked.err).toBe(0);
    expect(revoked.out).toContain('Revoked token #1');
    expect(await statusWith(annaToken)).toBe(401);
    expect(await statusWith(bramToken)).toBe(403);
    expect(cli('list').out).toMatch(/^#1\tcoco\tAnna\tcreated \S+\trevoked \S+$/m);
    const again = cli('revoke', '1');
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/Token #1 \(Anna\) is al ingetrokken/);
    // Six CLI processes, each starting tsx: on a loaded two-core machine that alone takes 30 s.
  }, 120_000);

  it('says so when the token to revoke is unknown or not a number', () => {
    const unknown = cli('revoke', '999');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('Token #999 bestaat niet.');
    const bad = cli('revoke', 'anna');
    expect(bad.status).toBe(1);
    expect(bad.err).toContain('Usage: token revoke ID');
  });
});
