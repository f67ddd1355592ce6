// The tests that run inside workerd (tests/workers/), through @cloudflare/vitest-pool-workers:
// the Worker's bindings come from miniflare, offline, with D1 migrated from migrations/ as
// `wrangler d1 migrations apply` would. vitest.config.ts runs this project beside the Node tests.
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

// Nothing leaves this machine: no usage metrics, no fetch of Cloudflare's request metadata.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations/', import.meta.url)));

export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-04-26',
        compatibilityFlags: ['nodejs_compat'],
        d1Databases: ['DB'],
        // Test-only binding: tests/workers/apply-migrations.ts applies them to DB.
        bindings: { TEST_MIGRATIONS: migrations },
      },
    }),
  ],
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.ts'],
    setupFiles: ['tests/workers/apply-migrations.ts'],
  },
});
