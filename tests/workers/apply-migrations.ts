// Runs before every test file, outside its isolated storage: D1 gets migrations/ as
// `wrangler d1 migrations apply` gives it in production. Applying twice applies nothing.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
