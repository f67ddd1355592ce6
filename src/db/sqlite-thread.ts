import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkParameters, type Db, type RunResult, type SqlValue, type Statement } from './port.js';
import { BACKGROUND_PRIORITY, bindOrder, CONNECTION_PRAGMAS, plainParameters } from './sqlite.js';

// The thread: one better-sqlite3 connection with openSqlite's pragmas, statements prepared
// once, a batch in one transaction. Each request carries an id; so does its answer. It runs
// at the lowest priority, behind the event loop (BACKGROUND_PRIORITY).
const THREAD = `${BACKGROUND_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// Takes effect only in a new file, before WAL mode is on.
if (workerData.pageSize) db.pragma('page_size = ' + workerData.pageSize);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const cache = new Map();
// A statement called with its parameters (an array binds them in order), or with none.
const call = (method, sql, params) => {
  let s = cache.get(sql);
  if (!s) { s = db.prepare(sql); cache.set(sql, s); }
  return params.length > 0 ? s[method](params) : s[method]();
};
const runOne = (sql, params) => {
  const r = call('run', sql, params);
  return { changes: r.changes, lastRowId: Number(r.lastInsertRowid) };
};
const batch = db.transaction((statements) => statements.map((s) => runOne(s.sql, s.params)));
parentPort.on('message', (m) => {
  let value;
  try {
    switch (m.op) {
      case 'all': case 'get': value = call(m.op, m.sql, m.params); break;
      case 'run': value = runOne(m.sql, m.params); break;
      case 'batch': value = batch(m.statements); break;
      case 'exec': db.exec(m.sql); break;
      case 'close': db.close(); break;
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: { message: String(err && err.message), code: err && err.code } });
    return;
  }
  parentPort.postMessage({ id: m.id, value });
});
`;

type Request =
  | { op: 'all' | 'get' | 'run'; sql: string; params: SqlValue[] }
  | { op: 'batch'; statements: { sql: string; params: SqlValue[] }[] }
  | { op: 'exec'; sql: string }
  | { op: 'close' };

interface Answer {
  id: number;
  value?: unknown;
  error?: { message: string; code?: string };
}

/**
 * openSqliteThread opens a SQLite file behind the Db port, in a worker thread of its own.
 * A write then costs the event loop only the copy of its values into a message; the
 * B-tree work, the WAL frames and the checkpoints happen beside it. Meant for a database
 * that takes large rows and is read seldom, such as the outbox. Errors keep SQLite's
 * message and code (SQLITE_CONSTRAINT_UNIQUE...). pageSize sets the page size of a new file.
 */
export function openSqliteThread(file: string, opts: { pageSize?: number } = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      pageSize: opts.pageSize ?? null,
      pragmas: CONNECTION_PRAGMAS,
    },
  });
  // The thread keeps the process alive only while an answer is awaited.
  worker.unref();
  let nextId = 1;
  let broken: Error | null = null;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.on('message', (m: Answer) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (waiting.size === 0) worker.unref();
    if (m.error) w.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else w.resolve(m.value);
  });
  const fail = (err: Error) => {
    broken = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error(`the SQLite thread for ${file} has stopped`)));

  // Numbered parameters are rewritten here, once per statement text, as sqliteDb does.
  const plain = new Map<string, { sql: string; order: number[] | null }>();
  const bind = (sql: string, params: SqlValue[] | undefined) => {
    checkParameters(sql, params);
    let p = plain.get(sql);
    if (!p) {
      p = plainParameters(sql);
      plain.set(sql, p);
    }
    return { sql: p.sql, params: bindOrder(p.order, params) ?? [] };
  };
  // The request is built inside the promise, so a value refused by bind rejects it.
  const call = <T>(request: () => Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (broken) return reject(broken);
      const req = request();
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, ...req });
    });

  return {
    all: <T>(sql: string, params?: SqlValue[]) => call<T[]>(() => ({ op: 'all', ...bind(sql, params) })),
    get: <T>(sql: string, params?: SqlValue[]) =>
      call<T | undefined>(() => ({ op: 'get', ...bind(sql, params) })),
    run: (sql: string, params?: SqlValue[]) => call<RunResult>(() => ({ op: 'run', ...bind(sql, params) })),
    batch: (statements: Statement[]) =>
      call<RunResult[]>(() => ({ op: 'batch', statements: statements.map((s) => bind(s.sql, s.params)) })),
    exec: (sql: string) => call<void>(() => ({ op: 'exec', sql })),
    async close() {
      if (broken) return;
      await call<void>(() => ({ op: 'close' }));
      await worker.terminate();
    },
  };
}
