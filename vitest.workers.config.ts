// The tests that run inside workerd (tests/workers/), through @cloudflare/vitest-pool-workers:
// the Worker's bindings come from miniflare, offline, with D1 migrated from migrations/ as
// `wrangler d1 migrations apply` would. vitest.config.ts runs this project beside the Node tests.
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
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-04-26',
        compatibilityFlags: ['nodejs_compat'],
        d1Databases: ['DB'],
        r2Buckets: ['FILES'],
        // Test-only binding: tests/workers/apply-migrations.ts applies them to DB.
        // Test-only bindings: the picture fixtures go in as base64, since workerd reads no file.
        bindings: { TEST_MIGRATIONS: migrations, TEST_IMAGE_FIXTURES: imageFixtures() },
      },
    }),
    compiledWasm,
    cheerioForBrowsers,
  ],
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.ts'],
    setupFiles: ['tests/workers/apply-migrations.ts'],
  },
});
