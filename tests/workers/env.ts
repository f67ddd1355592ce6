import type { D1Migration } from 'cloudflare:test';
import type { D1Database } from '@cloudflare/workers-types/latest';

/** TestEnv is the bindings vitest.workers.config.ts gives the tests inside workerd. */
export interface TestEnv {
  DB: D1Database;
  /** The migrations of migrations/, read on the Node side; apply-migrations.ts applies them. */
  TEST_MIGRATIONS: D1Migration[];
}
