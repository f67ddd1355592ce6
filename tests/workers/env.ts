import type { D1Migration } from 'cloudflare:test';
import type { D1Database, R2Bucket } from '@cloudflare/workers-types/latest';

/** TestEnv is the bindings vitest.workers.config.ts gives the tests inside workerd. */
export interface TestEnv {
  DB: D1Database;
  /** The migrations of migrations/, read on the Node side; apply-migrations.ts applies them. */
  TEST_MIGRATIONS: D1Migration[];
  /** The bucket of uploaded files (logos, photos), as wrangler.toml's R2 binding. */
  FILES: R2Bucket;
  /** tests/fixtures/print's pictures by file name, as base64 (vitest.workers.config.ts). */
  TEST_IMAGE_FIXTURES: Record<string, string>;
}
