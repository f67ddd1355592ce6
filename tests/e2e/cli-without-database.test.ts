/**
 * The CLI run where no database is: a volunteer in the wrong folder, or with another DATA_DIR
 * than the service's, is told so, and nothing is created; a token made in a fresh database
 * would silently not work against the running service. Only migrate and seed-demo create one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'cli-no-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 25_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI with a DATA_DIR that holds no database', () => {
  it('token create says so, exits non-zero, and creates neither database nor secret', () => {
    const empty = mkdtempSync(join(root, 'leeg-'));
    const missing = join(root, 'bestaat-niet');
    for (const dir of [empty, missing]) {
      const out = cli(dir, 'token', 'create', '--role', 'coco', '--name', 'Anna');
      expect(out.code, out.stderr).toBe(2);
      expect(out.stdout).toBe('');
      const lines = out.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DATA_DIR: .* holds no database/);
      expect(lines[0]).toContain(dir);
      expect(lines[0]).toContain('npm run cli -- migrate');
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });

  it('import and export refuse too', () => {
    const dir = join(root, 'ook-leeg');
    expect(cli(dir, 'export', '--list', 'geinteresseerden').code).toBe(2);
    expect(cli(dir, 'import', 'tests/fixtures/utf8-bom.csv', '--list', 'geinteresseerden').code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it('migrate creates the database, after which a token can be made', () => {
    const dir = join(root, 'nieuw');
    const migrate = cli(dir, 'migrate');
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['stadsdorpen.sqlite', 'secret.key']));
    const token = cli(dir, 'token', 'create', '--role', 'coco', '--name', 'Anna');
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim().split('\n').at(-1)).toMatch(/^nas_/);
  });
});
