// The FileStore contract (tests/contract/file-store-contract.ts) inside workerd: on R2 through
// miniflare's bucket binding, and the database store on D1.
import { env } from 'cloudflare:workers';
import { d1Db } from '../../src/db/d1.js';
import { dbFileStore } from '../../src/runtime/file-store.js';
import { r2FileStore } from '../../src/runtime/r2-file-store.js';
import { fileStoreContract } from '../contract/file-store-contract.js';

// reset() would empty every binding, the migrated D1 too: each store empties its own instead.
fileStoreContract('R2 in workerd', async () => {
  const { objects } = await env.FILES.list();
  if (objects.length) await env.FILES.delete(objects.map((o) => o.key));
  return r2FileStore(env.FILES);
});

fileStoreContract('the database store on D1 in workerd', async () => {
  const db = d1Db(env.DB);
  await db.run('DELETE FROM stored_files');
  return dbFileStore(db);
});
