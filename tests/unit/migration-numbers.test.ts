import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.js';

// Two migrations were once given the number 0002. They stay as they are: a database
// records each migration by its file name, so renaming one would run it a second time.
const KNOWN_DUPLICATES: Record<string, string[]> = {
  '0002': ['0002_consent_log_hash_index.sql', '0002_mail_queue.sql'],
};

/** numbersUsedTwice maps each number that more than one migration file starts with to those files. */
function numbersUsedTwice(names: string[]): Record<string, string[]> {
  const byNumber = new Map<string, string[]>();
  for (const name of names) {
    const n = name.slice(0, 4);
    byNumber.set(n, [...(byNumber.get(n) ?? []), name]);
  }
  return Object.fromEntries([...byNumber].filter(([, files]) => files.length > 1));
}

describe('the numbering of migrations', () => {
  it('gives every new migration a number of its own (only the old 0002 pair shares one)', () => {
    expect(numbersUsedTwice(readMigrations().map((m) => m.name))).toEqual(KNOWN_DUPLICATES);
  });

  it('would notice a new migration that takes a number already in use', () => {
    const names = [...readMigrations().map((m) => m.name), '0009_another_change.sql'];
    expect(numbersUsedTwice(names)).not.toEqual(KNOWN_DUPLICATES);
  });

  it('names every file in migrations/ so that it runs: four digits, an underscore, .sql', () => {
    // readMigrations skips any other name without a word, so such a file would never run on Node.
    const all = readdirSync(MIGRATIONS_DIR).filter((f) => !f.endsWith('.md'));
    expect(all.filter((f) => !/^\d{4}_[a-z0-9_]+\.sql$/.test(f))).toEqual([]);
  });
});
