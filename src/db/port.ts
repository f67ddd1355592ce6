/** SqlValue is what a parameter or a column can hold in both SQLite drivers (better-sqlite3 and D1). */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Statement is one parameterised SQL statement, for use in a batch. */
export interface Statement {
  sql: string;
  params?: SqlValue[];
}

/** RunResult tells how many rows a write touched and the last inserted rowid. */
export interface RunResult {
  changes: number;
  lastRowId: number;
}

/**
 * Db is the async database port shared by every adapter. SQL takes plain `?` or numbered
 * `?1`, `?2` parameters (one style per statement); every adapter binds both alike. D1 has no interactive
 * transactions, so anything that must be atomic is one statement or one batch. Every adapter
 * refuses what D1 refuses: `undefined` as a value, and more than MAX_PARAMETERS values in one
 * statement. tests/contract/db-contract.ts is the suite each adapter must pass.
 */
export interface Db {
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<RunResult>;
  /** batch runs every statement in order in one transaction: all of them apply, or none. */
  batch(statements: Statement[]): Promise<RunResult[]>;
  /** exec runs a script of several statements (migrations only). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** health tells what an adapter knows of its own state; /healthz reports it. Optional: D1 has none. */
  health?(): DbHealth;
}

/** DbHealth: storageFull is set by a write that failed for lack of space, and cleared by the next write that succeeds. */
export interface DbHealth {
  storageFull: boolean;
}

/** stmt builds a Statement; it reads better than object literals in long batches. */
export function stmt(sql: string, params: SqlValue[] = []): Statement {
  return { sql, params };
}

/**
 * MAX_PARAMETERS is how many values one statement may bind: D1's limit (101 fail with "too
 * many SQL variables"; better-sqlite3 alone would take 32,766). A longer IN list goes in
 * chunks (inChunks) or as one JSON parameter read with json_each.
 */
export const MAX_PARAMETERS = 100;

/**
 * checkParameters throws unless every adapter binds these values alike: at most
 * MAX_PARAMETERS of them, and none undefined (D1 refuses it; better-sqlite3 would store
 * null, hiding a missing field). The adapters call it for every statement.
 */
export function checkParameters(sql: string, params: readonly unknown[] | undefined): void {
  if (!params) return;
  if (params.length > MAX_PARAMETERS) {
    throw new RangeError(
      `too many SQL variables: ${params.length} values for ${quote(sql)}; D1 binds at most ${MAX_PARAMETERS}. ` +
        'Split the list with inChunks, or pass it as one JSON parameter and read it with json_each.',
    );
  }
  for (let i = 0; i < params.length; i++) {
    if (params[i] === undefined) {
      throw new TypeError(
        `Parameter ${i + 1} of ${quote(sql)} is undefined, which D1 cannot bind: pass null for "no value".`,
      );
    }
  }
}

function quote(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return `"${one.length > 80 ? `${one.slice(0, 77)}...` : one}"`;
}

/** inChunks splits items into consecutive arrays of at most `size` items (for IN lists within MAX_PARAMETERS). */
export function inChunks<T>(items: readonly T[], size: number = MAX_PARAMETERS): T[][] {
  if (size < 1) throw new RangeError(`inChunks needs a size of at least 1, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** placeholders is `?, ?, ...` with n plain parameters, for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
