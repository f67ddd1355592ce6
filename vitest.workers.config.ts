// The tests that run inside workerd (tests/workers/), through @cloudflare/vitest-pool-workers:
// the Worker of wrangler.toml (src/entry/worker.ts, its D1, Queues and R2) under miniflare,
// offline, with D1 migrated from migrations/ as `wrangler d1 migrations apply` would.
// vitest.config.ts runs this project beside the Node tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import type { Plugin } from 'vite';
import { defineProject } from 'vitest/config';

// Nothing leaves this machine: no usage metrics, no fetch of Cloudflare's request metadata.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

/** imageFixtures are tests/fixtures/print's pictures, by name, as base64. */
function imageFixtures(): Record<string, string> {
  const names = [
    'logo.png',
    'logo.jpg',
    'not-an-image.png',
    'truncated.png',
    'bomb.png',
    'evil.svg',
    'logo-cmyk.jpg',
  ];
  return Object.fromEntries(
    names.map((n) => [
      n,
      readFileSync(new URL(`./tests/fixtures/print/${n}`, import.meta.url)).toString('base64'),
    ]),
  );
}

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations/', import.meta.url)));

/**
 * compiledWasm lets workerd load an imported `.wasm` file itself, as a compiled module, which
 * is what wrangler's CompiledWasm rule makes of it in the deployed Worker. The pool inlines
 * every module through vite, whose own plugin would turn a .wasm into a WebAssembly ES module
 * and look for its imports as packages; so after the pool's settings, .wasm files alone are
 * left out of inlining and externalized (the pool's module loader then gives them as
 * CompiledWasm).
 */
const compiledWasm: Plugin = {
  name: 'compiled-wasm',
  enforce: 'post',
  config(config) {
    const deps = (config as { test?: { server?: { deps?: { inline?: unknown; external?: unknown } } } }).test
      ?.server?.deps;
    if (!deps) return;
    deps.inline = [/^(?!.*\.wasm$)/];
    deps.external = [/\.wasm$/];
  },
};

/**
 * cheerioForBrowsers gives mjml-browser cheerio's browser build, as wrangler's bundle does (it
 * resolves with the `browser` condition). mjml-browser's UMD wrapper calls require("cheerio"),
 * which the pool resolves with `require`, to the Node build, whose undici does not start in
 * workerd; an import resolves with the pool's conditions instead.
 */
const cheerioForBrowsers: Plugin = {
  name: 'cheerio-for-browsers',
  transform(code, id) {
    if (!id.includes('/mjml-browser/lib/index.js')) return null;
    return `import * as __cheerio from 'cheerio';\n${code.replaceAll('require("cheerio")', '__cheerio')}`;
  },
};

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
          // As `wrangler secret put SETUP_SECRET`: turns /beheer/eerste-account on.
          SETUP_SECRET: 'workers-test-setup-secret-0123456789',
          // Test-only bindings: tests/workers/apply-migrations.ts applies the migrations to DB;
          // the picture fixtures go in as base64, since workerd reads no file.
          TEST_MIGRATIONS: migrations,
          TEST_IMAGE_FIXTURES: imageFixtures(),
        },
      },
    })),
    compiledWasm,
    cheerioForBrowsers,
  ],
  // node_modules may be a link to a folder outside the project (a shared install): modules
  // imported by a rule (.wasm, .mjml, .ttf) must keep paths inside the project to be found.
  resolve: { preserveSymlinks: true },
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.ts'],
    globalSetup: ['tests/workers/global-setup.ts'],
    setupFiles: ['tests/workers/apply-migrations.ts'],
    // One fake Resend for every file: files take turns, so one file's scripted faults meet its own sends.
    fileParallelism: false,
    // A project with its own number of workers runs as a group of its own: after the Node tests.
    sequence: { groupOrder: 1 },
    // The files share one runner, so the Worker's module graph loads once (about 140 s for
    // the eight files with isolation, 35 s without, on this 2-core machine). They then share
    // one D1 and R2 too: each test uses its own addresses, or forgets the audience first
    // (tests/workers/support.ts forgetAudience).
    isolate: false,
  },
});
