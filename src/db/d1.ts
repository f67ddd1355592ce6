import type { D1Database, D1PreparedStatement, D1Result } from '@cloudflare/workers-types/latest';
import { DatabaseUnavailable, isStorageFullError } from './faults.js';
import { checkParameters, type Db, type RunResult, type SqlValue, type Statement } from './port.js';

/** Retry-After of a write D1 refused for load, and of one it refused for a full database. */
const RETRY_AFTER_BUSY_S = 5;
const RETRY_AFTER_FULL_S = 60;

/**
 * d1Db puts a D1 binding behind the Db port, for the Worker (src/entry/worker.ts). D1 already
 * does what the port promises: a batch is one transaction, `?` and `?1` parameters bind by
 * position. What it adds: the same refusals as the SQLite adapters (checkParameters, before
 * D1 sees the statement), BLOBs read back as Uint8Array (D1 hands them out as arrays of
 * numbers), an empty batch answering [] (D1 refuses it), and exec as one batch.
 */
export function d1Db(d1: D1Database): Db {
  const prepare = (sql: string, params: SqlValue[] | undefined): D1PreparedStatement => {
    checkParameters(sql, params);
    const s = d1.prepare(sql);
    return params && params.length > 0 ? s.bind(...params.map(toD1)) : s;
  };
  return {
    async all<T>(sql: string, params?: SqlValue[]) {
      const r = await call(() => prepare(sql, params).all());
      return r.results.map(fromD1Row) as T[];
    },
    async get<T>(sql: string, params?: SqlValue[]) {
      const row = await call(() => prepare(sql, params).first());
      return row === null ? undefined : (fromD1Row(row) as T);
    },
    async run(sql, params) {
      return runResult(await call(() => prepare(sql, params).run()));
    },
    async batch(statements: Statement[]) {
      if (statements.length === 0) return [];
      const prepared = statements.map((s) => prepare(s.sql, s.params));
      return (await call(() => d1.batch(prepared))).map(runResult);
    },
    async exec(sql) {
      // D1's own exec takes one statement per line and no transaction; a batch takes any
      // layout and applies the script whole or not at all.
      const parts = splitStatements(sql);
      if (parts.length > 0) await call(() => d1.batch(parts.map((p) => d1.prepare(p))));
    },
    // The binding belongs to the Worker's environment: nothing to close.
    async close() {},
  };
}

function runResult(r: D1Result): RunResult {
  return { changes: r.meta.changes ?? 0, lastRowId: r.meta.last_row_id ?? 0 };
}

/** call runs one D1 request and turns a full or overloaded database into DatabaseUnavailable (a 503). */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (isStorageFullError(err)) throw new DatabaseUnavailable('full', RETRY_AFTER_FULL_S, err);
    if (err instanceof Error && /\boverloaded\b/i.test(err.message))
      throw new DatabaseUnavailable('busy', RETRY_AFTER_BUSY_S, err);
    throw err;
  }
}

/** toD1 binds a value as D1 takes it: a bigint as a number when it fits, bytes as an ArrayBuffer view. */
function toD1(value: SqlValue): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new RangeError(`D1 cannot bind ${value}: larger than a safe JavaScript integer`);
    return Number(value);
  }
  return value;
}

/** fromD1Row gives BLOB columns back as Uint8Array, as better-sqlite3 does (D1 answers arrays of numbers). */
function fromD1Row(row: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in row) {
    const v = row[key];
    if (Array.isArray(v) || v instanceof ArrayBuffer) {
      out ??= { ...row };
      out[key] = new Uint8Array(v);
    }
  }
  return out ?? row;
}

/**
 * splitStatements splits an SQL script at the semicolons that end its statements, skipping
 * those inside quotes and comments. Triggers (BEGIN ... END bodies) are not understood:
 * the migrations have none, and on Workers they go through `wrangler d1 migrations apply`.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      i = sql.indexOf(close, i + 1);
      if (i < 0) break;
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === ';') {
      out.push(sql.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  out.push(sql.slice(start));
  return out
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(--[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(s));
}
