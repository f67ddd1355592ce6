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
 * transactions, so anything that must be atomic is one statement or one batch.
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
