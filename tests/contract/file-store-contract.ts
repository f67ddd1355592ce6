// The contract of the runtime port's FileStore (src/deps.ts): one suite that every store
// passes, the database store on SQLite and on D1, memory, and R2 under workerd. It reads no
// file, so it runs in workerd as well as on Node.
import { describe, expect, it } from 'vitest';
import type { FileStore } from '../../src/deps.js';

const bytesOf = (n: number, seed: number) => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) % 251;
  return out;
};

/** same compares two byte arrays in one pass, rather than millions of expect calls. */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** fileStoreContract runs the FileStore contract; `open` gives an empty store each time. */
export function fileStoreContract(name: string, open: () => FileStore | Promise<FileStore>): void {
  describe(`the file store contract: ${name}`, () => {
    it('gives back a file of several megabytes whole, as a plain Uint8Array', async () => {
      const files = await open();
      const big = bytesOf(2 * 1024 * 1024 + 12_345, 1);
      await files.put('photos/1/abc', big);
      const back = await files.get('photos/1/abc');
      expect(back).toBeInstanceOf(Uint8Array);
      expect(same(back, big)).toBe(true);
    });

    it('replaces a file whole, keeps other keys apart, and forgets a deleted one', async () => {
      const files = await open();
      await files.put('a', bytesOf(1024 * 1024 + 1, 2));
      await files.put('b', bytesOf(10, 3));
      await files.put('a', bytesOf(5, 4));
      expect(await files.get('a')).toEqual(bytesOf(5, 4));
      await files.delete('a');
      await files.delete('a');
      expect(await files.get('a')).toBeUndefined();
      expect(await files.has('a')).toBe(false);
      expect(await files.has('b')).toBe(true);
      expect(await files.get('b')).toEqual(bytesOf(10, 3));
    });

    it('keeps an empty file as empty, apart from a missing one', async () => {
      const files = await open();
      await files.put('leeg', new Uint8Array());
      expect(await files.get('leeg')).toEqual(new Uint8Array());
      expect(await files.get('nergens')).toBeUndefined();
      expect(await files.has('leeg')).toBe(true);
      expect(await files.has('nergens')).toBe(false);
    });

    it('stores exactly the bytes of a view into a larger buffer, and is not changed by its caller afterwards', async () => {
      const files = await open();
      const buffer = bytesOf(100, 5);
      const view = buffer.subarray(10, 20);
      await files.put('view', view);
      buffer.fill(0);
      expect(await files.get('view')).toEqual(bytesOf(100, 5).subarray(10, 20));
    });
  });
}
