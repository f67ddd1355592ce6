// The Db port's contract (tests/contract/db-contract.ts) on D1 inside workerd, as
// tests/contract/sqlite.test.ts runs it on better-sqlite3.
import { reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { d1Db } from '../../src/db/d1.js';
import { dbContract } from '../contract/db-contract.js';

// Each test starts on an empty database: reset() empties every binding of this test file.
dbContract('D1 in workerd', async () => {
  await reset();
  return d1Db(env.DB);
});
