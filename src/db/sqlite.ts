import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, RunResult, SqlValue, Statement } from './port.js';

/** openSqlite opens (or creates) a better-sqlite3 database behind the Db port; ':memory:' for tests. */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return sqliteDb(raw);
}

/** sqliteDb wraps an open better-sqlite3 handle; statements are prepared once and cached by text. */
export function sqliteDb(raw: Database.Database): Db {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = raw.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const runOne = (sql: string, params: SqlValue[] = []): RunResult => {
    const r = prepare(sql).run(...params);
    return { changes: r.changes, lastRowId: Number(r.lastInsertRowid) };
  };
  const batchTx = raw.transaction((statements: Statement[]) =>
    statements.map((s) => runOne(s.sql, s.params)),
  );

  return {
    async all<T>(sql: string, params: SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: SqlValue[] = []) {
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql, params) {
      return runOne(sql, params);
    },
    async batch(statements) {
      return batchTx(statements);
    },
    async exec(sql) {
      raw.exec(sql);
    },
    async close() {
      cache.clear();
      raw.close();
    },
  };
}
