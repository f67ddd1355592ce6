// The Worker as Cloudflare would get it: `wrangler deploy --dry-run` bundles src/entry/worker.ts
// with wrangler.toml (offline), and this test reads what it built. Also the parts of
// wrangler.toml and of the bundle's assets that the code relies on by name.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const wrangler = read('wrangler.toml');

/** The Workers limits on the compressed bundle: 3 MB on the free plan, 10 MB on the paid one. */
const FREE_PLAN_LIMIT_KIB = 3 * 1024;

describe('the Worker bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds with wrangler deploy --dry-run, with every binding, and fits the free plan compressed', async () => {
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', outdir],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: 'false',
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
          CI: '1',
        },
        timeout: 120_000,
      },
    );
    expect(stdout).toMatch(/env\.DB \(stadsdorpen\)\s+D1 Database/);
    expect(stdout).toMatch(/env\.OUTGOING \(stadsdorpen-outgoing\)\s+Queue/);
    expect(stdout).toMatch(/env\.FILES \(stadsdorpen-files\)\s+R2 Bucket/);
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout);
    expect(size).not.toBeNull();
    const [raw, gzip] = [Number(size![1]), Number(size![2])];
    console.log(
      `RESULT worker bundle: ${raw.toFixed(0)} KiB, ${gzip.toFixed(0)} KiB compressed (limit ${FREE_PLAN_LIMIT_KIB} KiB free, 10240 KiB paid)`,
    );
    expect(gzip).toBeLessThan(FREE_PLAN_LIMIT_KIB);
    // The layouts, fonts and codecs travel as modules of their own, not inlined as text.
    const modules = readdirSync(outdir);
    for (const end of ['standaard.mjml', 'AtkinsonHyperlegible-Regular.ttf', 'mozjpeg_enc.wasm'])
      expect(modules.some((m) => m.endsWith(end))).toBe(true);
  }, 180_000);

  it('bundles every built-in layout and every font as an asset of the Worker', () => {
    const assets = read('src/entry/worker-assets.ts');
    const shipped = [
      ...readdirSync(join(ROOT, 'templates/mail'))
        .filter((f) => f.endsWith('.mjml'))
        .map((f) => `templates/mail/${f}`),
      ...readdirSync(join(ROOT, 'templates/print/fonts'))
        .filter((f) => f.endsWith('.ttf'))
        .map((f) => `templates/print/fonts/${f}`),
    ];
    expect(shipped.length).toBeGreaterThanOrEqual(6);
    for (const path of shipped) {
      expect(assets, `${path} missing in src/entry/worker-assets.ts`).toContain(`'../../${path}'`);
      expect(assets, `${path} missing in BUNDLED_ASSETS`).toContain(`'${path}':`);
    }
  });

  it('names in wrangler.toml the queues, the dead-letter queue and the cron the Worker code expects', () => {
    const runtime = read('src/entry/worker-runtime.ts');
    const outgoing = /OUTGOING_QUEUE = '([^']+)'/.exec(runtime)?.[1];
    const deadLetters = /DEAD_LETTER_QUEUE = '([^']+)'/.exec(runtime)?.[1];
    expect(wrangler).toContain(`[[queues.producers]]\nbinding = "OUTGOING"\nqueue = "${outgoing}"`);
    const consumer = wrangler.split('[[queues.consumers]]')[1] ?? '';
    expect(consumer).toContain(`queue = "${outgoing}"`);
    expect(consumer).toMatch(/^max_concurrency = 1$/m);
    expect(consumer).toContain(`dead_letter_queue = "${deadLetters}"`);
    expect(wrangler.split('[[queues.consumers]]')[2]).toContain(`queue = "${deadLetters}"`);
    expect(wrangler).toMatch(/^crons = \["\* \* \* \* \*"\]$/m);
    expect(wrangler).toMatch(/^migrations_dir = "migrations"$/m);
  });

  it('keeps the secrets out of [vars]', () => {
    const vars = wrangler.split('[vars]')[1]?.split('\n[')[0] ?? '';
    const names = [...vars.matchAll(/^([A-Z_]+) = /gm)].map((m) => m[1]);
    expect(names).toContain('PUBLIC_URL');
    for (const secret of ['SECRET_KEY', 'RESEND_API_KEY', 'RESEND_WEBHOOK_SECRET'])
      expect(names).not.toContain(secret);
  });
});
