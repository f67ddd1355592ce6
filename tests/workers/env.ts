import type { D1Migration } from 'cloudflare:test';
import type { R2Bucket } from '@cloudflare/workers-types/latest';
import type { WorkerEnv } from '../../src/entry/worker-runtime.js';

/** TestEnv is the Worker's bindings (wrangler.toml with the test settings of vitest.workers.config.ts). */
export interface TestEnv extends WorkerEnv {
  /** The migrations of migrations/, read on the Node side; apply-migrations.ts applies them. */
  TEST_MIGRATIONS: D1Migration[];
  RESEND_BASE_URL: string;
  /** The bucket of uploaded files (logos, photos), as wrangler.toml's R2 binding. */
  FILES: R2Bucket;
  /** tests/fixtures/print's pictures by file name, as base64 (vitest.workers.config.ts). */
  TEST_IMAGE_FIXTURES: Record<string, string>;
}
