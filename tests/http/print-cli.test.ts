import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { buildNodeDeps, closeNodeDeps } from '../../src/entry/node-runtime.js';
import { addStadsdorp, auth } from '../support/app.js';

const dataDir = mkdtempSync(join(tmpdir(), 'print-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('an editor token made with the CLI', () => {
  it('reaches its own stadsdorp’s print profile and prints, and nothing of another stadsdorp', async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://stadsdorpen.test' };
    const setup = await buildNodeDeps(env);
    await addStadsdorp(setup, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
    await addStadsdorp(setup, { slug: 'zuid', name: 'Stadsdorp Zuid' });
    await closeNodeDeps(setup);

    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/entry/cli.ts',
        'token',
        'create',
        '--role',
        'stadsdorp',
        '--stadsdorp',
        'jordaan',
        '--name',
        'Anna',
      ],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    const token = out.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^nas_/);

    const deps = await buildNodeDeps(env);
    try {
      const app = createApp(deps);
      expect((await app.request('/api/stadsdorpen/jordaan/profile', { headers: auth(token) })).status).toBe(
        200,
      );
      expect((await app.request('/api/stadsdorpen/zuid/profile', { headers: auth(token) })).status).toBe(403);
      const pdf = await app.request('/api/stadsdorpen/jordaan/print/activiteit', {
        method: 'POST',
        headers: auth(token, { 'content-type': 'application/json' }),
        body: JSON.stringify({ size: 'A3' }),
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
    } finally {
      await closeNodeDeps(deps);
    }
  });
});
