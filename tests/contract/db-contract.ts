// The contract of the Db port (src/db/port.ts): one suite that every adapter must pass,
// as unjs/db0 runs one suite against each of its connectors. It creates its own tables,
// so it needs no migration and runs alike on better-sqlite3 and, later, on D1 under workerd.
// Where an adapter could differ from D1 (binding undefined, more than 100 parameters),
// the suite asks for what D1 does, so code that passes on Node also runs on Workers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConstraintError } from '../../src/db/constraint.js';
import { type Db, MAX_PARAMETERS, type SqlValue, stmt } from '../../src/db/port.js';

const SCHEMA = `
  CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    n INTEGER CHECK (n IS NULL OR n >= 0),
    score REAL,
    group_id INTEGER REFERENCES groups (id)
  );
  INSERT INTO groups (id, name) VALUES (1, 'eerste');
`;

/** placeholders is `?, ?, ...` n times, for a statement with n plain parameters. */
function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

async function names(db: Db): Promise<string[]> {
  return (await db.all<{ name: string }>('SELECT name FROM items ORDER BY id')).map((r) => r.name);
}

/**
 * dbContract runs the Db port's contract against one adapter. `open` makes a new, empty
 * database each time it is called; the suite closes it after each test.
 */
export function dbContract(name: string, open: () => Db | Promise<Db>): void {
  describe(`the Db port contract: ${name}`, () => {
    let db: Db;
    beforeEach(async () => {
      db = await open();
      await db.exec(SCHEMA);
    });
    afterEach(async () => {
      await db.close();
    });

    describe('reading and writing', () => {
      it('reads back what run wrote, with its rowid, and every kind of value intact', async () => {
        const r = await db.run('INSERT INTO items (name, n, score) VALUES (?, ?, ?)', ['Café één', 42, 2.5]);
        expect(r).toEqual({ changes: 1, lastRowId: expect.any(Number) });
        await db.run('INSERT INTO items (name, n, score) VALUES (?, ?, ?)', ['leeg', null, null]);
        expect(await db.get('SELECT name, n, score FROM items WHERE id = ?', [r.lastRowId])).toEqual({
          name: 'Café één',
          n: 42,
          score: 2.5,
        });
        expect(await db.all('SELECT name, n, score FROM items ORDER BY id')).toEqual([
          { name: 'Café één', n: 42, score: 2.5 },
          { name: 'leeg', n: null, score: null },
        ]);
      });

      it('answers undefined from get and an empty list from all when no row matches', async () => {
        expect(await db.get('SELECT name FROM items WHERE id = ?', [999])).toBeUndefined();
        expect(await db.all('SELECT name FROM items WHERE id = ?', [999])).toEqual([]);
      });

      it('reports how many rows a write changed', async () => {
        await db.batch([
          stmt("INSERT INTO items (name) VALUES ('a')"),
          stmt("INSERT INTO items (name) VALUES ('b')"),
        ]);
        expect((await db.run('UPDATE items SET n = ?', [1])).changes).toBe(2);
        expect((await db.run('DELETE FROM items WHERE name = ?', ['niemand'])).changes).toBe(0);
      });

      it('runs a script of several statements with exec', async () => {
        await db.exec("INSERT INTO items (name) VALUES ('x'); INSERT INTO items (name) VALUES ('y');");
        expect(await names(db)).toEqual(['x', 'y']);
      });

      it('runs a script over several lines with semicolons inside strings and comments', async () => {
        await db.exec(`
          -- a comment; with a semicolon
          INSERT INTO items (name)
            VALUES ('a;b');
          /* another; one */ INSERT INTO items (name) VALUES ('it''s; c')
        `);
        expect(await names(db)).toEqual(['a;b', "it's; c"]);
      });

      it('reads back bytes as a Uint8Array with every byte intact', async () => {
        await db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)');
        const bytes = new Uint8Array([0, 1, 59, 127, 128, 255]);
        await db.run('INSERT INTO blobs (bytes) VALUES (?)', [bytes]);
        await db.batch([stmt('INSERT INTO blobs (bytes) VALUES (?)', [bytes.subarray(2, 4)])]);
        const rows = await db.all<{ bytes: Uint8Array }>('SELECT bytes FROM blobs ORDER BY id');
        expect(rows.map((r) => r.bytes instanceof Uint8Array)).toEqual([true, true]);
        expect(rows.map((r) => [...r.bytes])).toEqual([
          [0, 1, 59, 127, 128, 255],
          [59, 127],
        ]);
        const one = await db.get<{ bytes: Uint8Array }>('SELECT bytes FROM blobs WHERE id = 1');
        expect(one?.bytes).toBeInstanceOf(Uint8Array);
      });
    });

    describe('parameters', () => {
      it('binds numbered parameters by number: out of order, and a value used twice passed once', async () => {
        await db.run("INSERT INTO items (name, n) VALUES (?2 || '-' || ?1 || '-' || ?2, ?3)", ['x', 'w', 7]);
        expect(await db.get('SELECT name, n FROM items WHERE n = ?1 AND name LIKE ?2', [7, 'w-%'])).toEqual({
          name: 'w-x-w',
          n: 7,
        });
        await db.batch([stmt('UPDATE items SET n = ?1 + ?1 WHERE name = ?2', [5, 'w-x-w'])]);
        expect(await db.all('SELECT n FROM items')).toEqual([{ n: 10 }]);
      });

      it(`binds ${MAX_PARAMETERS} parameters in one statement`, async () => {
        const values = Array.from({ length: MAX_PARAMETERS }, (_, i) => `item-${i}`);
        await db.batch(values.map((v) => stmt('INSERT INTO items (name) VALUES (?)', [v])));
        expect(
          await db.get(
            `SELECT count(*) AS n FROM items WHERE name IN (${placeholders(MAX_PARAMETERS)})`,
            values,
          ),
        ).toEqual({ n: MAX_PARAMETERS });
        const numbered = values.map((_, i) => `?${i + 1}`).join(', ');
        expect(await db.all(`SELECT count(*) AS n FROM items WHERE name IN (${numbered})`, values)).toEqual([
          { n: MAX_PARAMETERS },
        ]);
      });

      it(`refuses ${MAX_PARAMETERS + 1} parameters in one statement, as D1 does, and writes nothing`, async () => {
        const values = Array.from({ length: MAX_PARAMETERS + 1 }, (_, i) => `item-${i}`);
        const query = `SELECT count(*) AS n FROM items WHERE name IN (${placeholders(values.length)})`;
        await expect(db.all(query, values)).rejects.toThrow(/too many SQL variables/);
        await expect(db.get(query, values)).rejects.toThrow(/too many SQL variables/);
        const insert = `INSERT INTO items (name) SELECT value FROM (SELECT ? AS value${' UNION ALL SELECT ?'.repeat(MAX_PARAMETERS)})`;
        await expect(db.run(insert, values)).rejects.toThrow(/too many SQL variables/);
        await expect(
          db.batch([stmt("INSERT INTO items (name) VALUES ('ervoor')"), stmt(insert, values)]),
        ).rejects.toThrow(/too many SQL variables/);
        expect(await names(db)).toEqual([]);
      });

      it('refuses undefined as a value, as D1 does, instead of storing null', async () => {
        const missing = [undefined] as unknown as SqlValue[];
        await expect(db.run('INSERT INTO items (name, n) VALUES (?, ?)', ['a', ...missing])).rejects.toThrow(
          /undefined/,
        );
        await expect(db.get('SELECT * FROM items WHERE n = ?', missing)).rejects.toThrow(/undefined/);
        await expect(db.all('SELECT * FROM items WHERE n = ?1', missing)).rejects.toThrow(/undefined/);
        await expect(
          db.batch([
            stmt("INSERT INTO items (name) VALUES ('ervoor')"),
            stmt('INSERT INTO items (name, n) VALUES (?, ?)', ['b', ...missing]),
          ]),
        ).rejects.toThrow(/undefined/);
        expect(await names(db)).toEqual([]);
      });
    });

    describe('batch', () => {
      it('runs its statements in order and answers one result per statement', async () => {
        const results = await db.batch([
          stmt('INSERT INTO items (name, n) VALUES (?, ?)', ['a', 1]),
          stmt('INSERT INTO items (name, n) VALUES (?, ?)', ['b', 2]),
          // Sees the two rows written before it in the same batch.
          stmt('UPDATE items SET n = n * 10 WHERE n IS NOT NULL'),
        ]);
        expect(results.map((r) => r.changes)).toEqual([1, 1, 2]);
        expect(results[1]!.lastRowId).toBeGreaterThan(results[0]!.lastRowId);
        expect(await db.all('SELECT name, n FROM items ORDER BY id')).toEqual([
          { name: 'a', n: 10 },
          { name: 'b', n: 20 },
        ]);
      });

      it.each([
        ['first', 0],
        ['in the middle', 1],
        ['last', 2],
      ])('rolls back the whole batch when its %s statement fails', async (_, at) => {
        await db.run("INSERT INTO items (name, n) VALUES ('bestaand', 1)");
        const good = [
          stmt("INSERT INTO items (name) VALUES ('nieuw')"),
          stmt("UPDATE items SET n = 2 WHERE name = 'bestaand'"),
        ];
        const failing = stmt("INSERT INTO items (name) VALUES ('bestaand')");
        const statements = [...good];
        statements.splice(at, 0, failing);
        const err = await db.batch(statements).catch((e: unknown) => e);
        expect(isConstraintError(err, 'UNIQUE', 'items.name')).toBe(true);
        expect(await db.all('SELECT name, n FROM items')).toEqual([{ name: 'bestaand', n: 1 }]);
      });

      it.each([
        [
          'a CHECK constraint',
          "INSERT INTO items (name, n) VALUES ('negatief', -1)",
          /CHECK constraint failed/,
        ],
        ['a NOT NULL constraint', 'INSERT INTO items (name) VALUES (NULL)', /NOT NULL constraint failed/],
        [
          'a foreign key',
          "INSERT INTO items (name, group_id) VALUES ('wees', 99)",
          /FOREIGN KEY constraint failed/,
        ],
        ['an SQL error', 'INSERT INTO nergens (name) VALUES (1)', /no such table/],
      ])('rolls back the whole batch on %s', async (_, sql, message) => {
        await expect(
          db.batch([
            stmt("INSERT INTO items (name) VALUES ('ervoor')"),
            stmt(sql),
            stmt("INSERT INTO items (name) VALUES ('erna')"),
          ]),
        ).rejects.toThrow(message);
        expect(await names(db)).toEqual([]);
      });

      it('keeps a failed batch from taking down batches asked for at the same time', async () => {
        const outcomes = await Promise.allSettled([
          db.batch([stmt("INSERT INTO items (name) VALUES ('een')")]),
          db.batch([
            stmt("INSERT INTO items (name) VALUES ('twee')"),
            stmt("INSERT INTO items (name) VALUES ('een')"),
          ]),
          db.batch([stmt("INSERT INTO items (name) VALUES ('drie')")]),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await names(db)).toEqual(['een', 'drie']);
      });

      it('goes on working after a failed batch', async () => {
        await expect(
          db.batch([
            stmt("INSERT INTO items (name) VALUES ('x')"),
            stmt("INSERT INTO items (name) VALUES ('x')"),
          ]),
        ).rejects.toThrow(/UNIQUE/);
        await db.batch([stmt("INSERT INTO items (name) VALUES ('x')")]);
        await db.run("INSERT INTO items (name) VALUES ('y')");
        expect(await names(db)).toEqual(['x', 'y']);
      });

      it('answers an empty list for an empty batch', async () => {
        expect(await db.batch([])).toEqual([]);
      });
    });

    describe('errors outside a batch', () => {
      it('reports a constraint failure of run so the repos can tell it apart, and writes nothing', async () => {
        await db.run("INSERT INTO items (name) VALUES ('a')");
        const unique = await db.run("INSERT INTO items (name) VALUES ('a')").catch((e: unknown) => e);
        expect(isConstraintError(unique, 'UNIQUE', 'items.name')).toBe(true);
        const fk = await db
          .run("INSERT INTO items (name, group_id) VALUES ('b', 99)")
          .catch((e: unknown) => e);
        expect(isConstraintError(fk, 'FOREIGN KEY')).toBe(true);
        expect(await names(db)).toEqual(['a']);
      });
    });
  });
}
