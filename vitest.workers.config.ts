// The tests that run inside workerd (tests/workers/), through @cloudflare/vitest-pool-workers:
// the Worker's bindings come from miniflare, offline, with D1 migrated from migrations/ as
// `wrangler d1 migrations apply` would. vitest.config.ts runs this project beside the Node tests.
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
  ],
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.ts'],
    setupFiles: ['tests/workers/apply-migrations.ts'],
  },
});
