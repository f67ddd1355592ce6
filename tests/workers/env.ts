import type { D1Migration } from 'cloudflare:test';
import type { WorkerEnv } from '../../src/entry/worker-runtime.js';

/** TestEnv is the Worker's bindings (wrangler.toml with the test settings of vitest.workers.config.ts). */
export interface TestEnv extends WorkerEnv {
  /** The migrations of migrations/, read on the Node side; apply-migrations.ts applies them. */
  TEST_MIGRATIONS: D1Migration[];
  RESEND_BASE_URL: string;
}
