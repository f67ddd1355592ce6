import type { R2Bucket } from '@cloudflare/workers-types/latest';
import type { FileStore } from '../deps.js';

/**
 * r2FileStore keeps uploaded files in an R2 bucket, one object per key, for Workers. R2 writes
 * an object whole or not at all and a read sees the old object or the new one, as FileStore
 * promises; an object may be up to 5 GB, so R2 needs none of the 1 MiB parts that D1's row
 * limit forces on the database store. Keys are the store's own ('print-logos/7/<sha256>').
 */
export function r2FileStore(bucket: R2Bucket): FileStore {
  return {
    async put(key, bytes) {
      await bucket.put(key, bytes);
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
    },
    async has(key) {
      // head reads the object's metadata only, not its bytes.
      return (await bucket.head(key)) !== null;
    },
    async delete(key) {
      // R2 deletes a missing key without complaint, as FileStore asks.
      await bucket.delete(key);
    },
  };
}
