// The tests that run inside workerd (tests/workers/), through @cloudflare/vitest-pool-workers:
// the Worker of wrangler.toml (src/entry/worker.ts, its D1, Queues and R2) under miniflare,
// offline, with D1 migrated from migrations/ as `wrangler d1 migrations apply` would.
// vitest.config.ts runs this project beside the Node tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

// Nothing leaves this machine: no usage metrics, no fetch of Cloudflare's request metadata.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

/** imageFixtures are tests/fixtures/print's pictures, by name, as base64. */
function imageFixtures(): Record<string, string> {
  const names = ['logo.png', 'logo.jpg', 'not-an-image.png', 'truncated.png', 'bomb.png', 'evil.svg'];
  return Object.fromEntries(
    names.map((n) => [
      n,
      readFileSync(new URL(`./tests/fixtures/print/${n}`, import.meta.url)).toString('base64'),
    ]),
  );
}

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations/', import.meta.url)));

export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: './src/entry/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // exports.default.queue() in tests needs this flag (tests only; not deployable).
        compatibilityFlags: ['nodejs_compat', 'service_binding_extra_handlers'],
        queueConsumers: { 'stadsdorpen-outgoing': { maxBatchTimeout: 0.05 } },
        // Settings and secrets of the tests, over wrangler.toml's [vars]: real mail to the
        // fake Resend of tests/workers/global-setup.ts, short leases.
        bindings: {
          SECRET_KEY: 'workers-test-secret-key-0123456789abcdef',
          PUBLIC_URL: 'https://stadsdorpen.test',
          MAIL_TRANSPORT: 'resend',
          RESEND_API_KEY: 're_test_workers',
          RESEND_BASE_URL: inject('resendUrl'),
          RESEND_WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5',
          SEND_RATE_PER_SECOND: '50',
          LOG_LEVEL: 'silent',
          // Test-only bindings: tests/workers/apply-migrations.ts applies the migrations to DB;
          // the picture fixtures go in as base64, since workerd reads no file.
          TEST_MIGRATIONS: migrations,
          TEST_IMAGE_FIXTURES: imageFixtures(),
        },
      },
    })),
  ],
  // node_modules may be a link to a folder outside the project (a shared install): modules
  // imported by a rule (.wasm, .mjml, .ttf) must keep paths inside the project to be found.
  resolve: { preserveSymlinks: true },
  test: {
    name: 'workers',
    // mjml-browser requires cheerio from CommonJS, which would load cheerio's Node build (with
    // undici, which workerd cannot run). Pre-bundled by Vite, it gets cheerio's browser build,
    // as in wrangler's bundle.
    deps: { optimizer: { ssr: { enabled: true, include: ['mjml-browser'] } } },
    include: ['tests/workers/**/*.test.ts'],
    globalSetup: ['tests/workers/global-setup.ts'],
    setupFiles: ['tests/workers/apply-migrations.ts'],
    // One fake Resend for every file: files take turns, so one file's scripted faults meet its own sends.
    fileParallelism: false,
  },
});
