import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { dbFileStore, FILE_PART_BYTES, memoryFileStore } from '../../src/runtime/file-store.js';
import { fileStoreContract } from '../contract/file-store-contract.js';

fileStoreContract('the database store on better-sqlite3', async () => (await store()).files);
fileStoreContract('the memory store', () => memoryFileStore());

async function store() {
  const db = openSqlite(':memory:');
  await migrate(db);
  return { db, files: dbFileStore(db) };
}

const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251);

describe('the file store in the database', () => {
  it('keeps a file larger than one row may hold on D1 in parts of 1 MiB, and gives it back whole', async () => {
    const { db, files } = await store();
    const big = bytesOf(2 * FILE_PART_BYTES + 12_345, 1);
    await files.put('photos/1', big);
    const parts = await db.all<{ n: number }>(
      'SELECT length(bytes) AS n FROM stored_files WHERE key = ? ORDER BY part',
      ['photos/1'],
    );
    expect(parts.map((p) => p.n)).toEqual([FILE_PART_BYTES, FILE_PART_BYTES, 12_345]);
    const back = await files.get('photos/1');
    expect(back?.byteLength).toBe(big.byteLength);
    // One comparison of the whole, rather than two million element by element.
    expect(Buffer.compare(back!, big)).toBe(0);
  });

  it('replaces a file whole, keeps other keys apart, and forgets a deleted one', async () => {
    const { db, files } = await store();
    await files.put('a', bytesOf(FILE_PART_BYTES + 1, 2));
    await files.put('b', bytesOf(10, 3));
    await files.put('a', bytesOf(5, 4));
    expect(await files.get('a')).toEqual(bytesOf(5, 4));
    expect(await db.get('SELECT count(*) AS n FROM stored_files WHERE key = ?', ['a'])).toEqual({ n: 1 });
    await files.delete('a');
    await files.delete('a');
    expect(await files.get('a')).toBeUndefined();
    expect(await files.has('a')).toBe(false);
    expect(await files.has('b')).toBe(true);
    expect(await files.get('b')).toEqual(bytesOf(10, 3));
  });

  it('keeps an empty file as empty, apart from a missing one', async () => {
    const { files } = await store();
    await files.put('leeg', new Uint8Array());
    expect(await files.get('leeg')).toEqual(new Uint8Array());
    expect(await files.get('nergens')).toBeUndefined();
    expect(await files.has('leeg')).toBe(true);
    expect(await files.has('nergens')).toBe(false);
  });
});

describe('the file store in memory', () => {
  it('tells a stored key from a missing or deleted one, as the database store does', async () => {
    const files = memoryFileStore();
    await files.put('leeg', new Uint8Array());
    expect(await files.has('leeg')).toBe(true);
    expect(await files.has('nergens')).toBe(false);
    await files.delete('leeg');
    expect(await files.has('leeg')).toBe(false);
  });
});
