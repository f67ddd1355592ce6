// The maintenance commands against a Workers deployment, offline: `npm run cli -- --workers`
// works on wrangler's local state (here a temporary --persist-to folder), and the Worker,
// started by wrangler on that same state as `wrangler dev` would, then lets in the account
// and the token the CLI made.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET_KEY = 'workers-cli-test-secret-key-0123456789abcdef';
const state = mkdtempSync(join(tmpdir(), 'stadsdorpen-workers-state-'));
const offline = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** cli runs `npm run cli -- --workers --persist-to <state> ...args` and answers its output. */
function cli(...args: string[]): string {
  const run = spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['src/entry/cli.ts', '--workers', '--persist-to', state, ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...offline, SECRET_KEY, LOG_LEVEL: 'silent' } },
  );
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

const lastLine = (out: string) => out.trim().split('\n').at(-1)!;

let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;

afterAll(async () => {
  await worker?.dispose();
  rmSync(state, { recursive: true, force: true });
});

describe('npm run cli -- --workers on the local state', () => {
  it('makes an account and a token that the Worker on the same state accepts', async () => {
    Object.assign(process.env, offline);
    cli('migrate');
    const account = cli('account', 'create', '--role', 'coco', '--email', 'anna@coco.nl', '--name', 'Anna');
    expect(account).toContain('Created coco account #1 for Anna <anna@coco.nl>.');
    const linkPath = new URL(lastLine(account)).pathname;
    const token = lastLine(cli('token', 'create', '--role', 'coco', '--name', 'Beheerscript'));
    const revoked = lastLine(cli('token', 'create', '--role', 'coco', '--name', 'Oud script'));
    expect(cli('token', 'revoke', '2')).toContain('Revoked token #2');
    const list = cli('token', 'list');
    expect(list).toMatch(/#1\tcoco\tBeheerscript\t.*\tactive/);
    expect(list).toMatch(/#2\tcoco\tOud script\t.*\trevoked /);
    const file = join(state, 'export.csv');
    cli('import', join(ROOT, 'tests/fixtures/utf8-bom.csv'), '--list', 'geinteresseerden');
    cli('export', '--list', 'geinteresseerden', '--out', file);
    expect(readFileSync(file, 'utf8')).toContain('zoe@example.nl;Zoë Çelik');

    worker = await unstable_startWorker({
      config: join(ROOT, 'wrangler.toml'),
      bindings: { SECRET_KEY: { type: 'plain_text', value: SECRET_KEY } },
      dev: {
        persist: state,
        remote: false,
        inspector: false,
        watch: false,
        logLevel: 'none',
        server: { port: 0 },
      },
    });
    const started = worker;
    await started.ready;
    const base = (await started.url).origin;

    const api = await started.fetch(`${base}/api/campaigns`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    expect((await started.fetch(`${base}/api/campaigns`)).status).toBe(401);
    const withRevoked = await started.fetch(`${base}/api/campaigns`, {
      headers: { authorization: `Bearer ${revoked}` },
    });
    expect(withRevoked.status).toBe(401);

    const pressed = await started.fetch(`${base}${linkPath}`, {
      method: 'POST',
      headers: { origin: base, 'sec-fetch-site': 'same-origin' },
      redirect: 'manual',
    });
    expect(pressed.status).toBe(303);
    const cookie = pressed.headers.get('set-cookie')!.split(';')[0]!;
    const start = await started.fetch(`${base}/beheer`, { headers: { cookie } });
    expect(await start.text()).toMatch(/<h1[^>]*>Start<\/h1>/);
  }, 240_000);
});
