import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DatabaseUnavailable, isBusyError, isStorageFullError } from './faults.js';
import { checkParameters, type Db, type RunResult, type SqlValue, type Statement } from './port.js';

/**
 * CHECKPOINT_EVERY_MS is how often the background thread copies the WAL back into the
 * database file. Seldom is cheaper: a page changed by many commits is copied once.
 */
export const CHECKPOINT_EVERY_MS = 1000;
/** WAL pages above which the background thread checkpoints again at once until the WAL restarts (32 MB). */
const CATCH_UP_FRAMES = 8192;
/** Pages of WAL after which a commit checkpoints by itself: only if the background thread falls far behind. */
const BACKSTOP_AUTOCHECKPOINT = 16_384;

/**
 * BACKGROUND_PRIORITY is code that a worker thread of ours runs first: it gives the thread
 * the lowest priority (nice 19). When such a thread and the event loop both want a CPU,
 * the event loop, which answers the requests, goes first, and the thread takes the time
 * left over. Without it, on two cores, each wake-up of the outbox thread or the
 * checkpointer could push the event loop off its CPU: under signup load it waited about
 * 40 µs per signup for a CPU, 15% of its time. Linux gives each thread its own nice value
 * (/proc/thread-self names the thread); elsewhere this does nothing.
 */
export const BACKGROUND_PRIORITY = `
try {
  const thread = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(thread, 19);
} catch {}
`;

// Runs in a worker thread with its own connection. A PASSIVE checkpoint never blocks
// the writer, and the WAL starts over from its beginning at the first commit after a
// checkpoint that caught up with it. Under steady writes one pass rarely does: it
// copies the frames there were when it began, while commits append more. So once the
// WAL is large and still changing, the next pass starts at once; each copies only what
// came during the one before, far less, until one ends between two commits. Otherwise
// the WAL would grow to the backstop and a commit would pay for a large checkpoint.
const CHECKPOINTER = `${BACKGROUND_PRIORITY}
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
let timer;
let lastLog = 0;
const tick = () => {
  let next = workerData.everyMs;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > workerData.catchUpFrames && r.log !== lastLog) next = 1;
    lastLog = r ? r.log : 0;
  } catch {
    next = 1;
  }
  timer = setTimeout(tick, next);
};
timer = setTimeout(tick, workerData.everyMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.postMessage('closed');
  parentPort.close();
});
`;

function startCheckpointer(file: string): () => Promise<void> {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: CHECKPOINT_EVERY_MS,
      catchUpFrames: CATCH_UP_FRAMES,
    },
  });
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  return () =>
    failed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          // Referenced again while stopping, or the process could end before the worker does.
          worker.ref();
          worker.once('exit', () => resolve());
          worker.once('error', () => resolve());
          worker.postMessage('stop');
        });
}

/**
 * CONNECTION_PRAGMAS set up every connection, in openSqlite and in openSqliteThread. 64 MB of
 * page cache (the default is 2 MB): a 100,000-row import and the indexes of a busy signup
 * stay in memory. Temporary b-trees (sorts, IN lists) too.
 */
export const CONNECTION_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'cache_size = -65536',
  'temp_store = MEMORY',
];

/**
 * WRITE_WAIT_MS is how long a write waits for a lock held by another connection before it
 * fails with DatabaseUnavailable ('busy', a 503 with Retry-After). It waits beside the event
 * loop, not on it: see sqliteDb.
 */
export const WRITE_WAIT_MS = 3000;

/**
 * SqliteOptions: writeWaitMs overrides WRITE_WAIT_MS (tests use a short one). checkpointer:
 * false starts no checkpointing thread: for a connection that itself runs in a background
 * thread (the outgoing-mail thread's), whose commits may then checkpoint.
 */
export interface SqliteOptions {
  writeWaitMs?: number;
  checkpointer?: boolean;
}

/** openSqlite opens (or creates) a better-sqlite3 database behind the Db port; ':memory:' for tests. */
export function openSqlite(file: string, opts: SqliteOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  for (const pragma of CONNECTION_PRAGMAS) raw.pragma(pragma);
  // A busy_timeout makes SQLite wait for a lock inside the call, on the event loop: one
  // connection holding the write lock for 10 s stalled every request, /healthz included.
  // This connection never waits in SQLite; sqliteDb retries a locked write asynchronously.
  raw.pragma('busy_timeout = 0');
  // Without a thread of its own, a commit checkpoints by itself at SQLite's default (1,000
  // pages), as the outbox's thread does; the connection should run off the event loop.
  if (file === ':memory:' || opts.checkpointer === false) return sqliteDb(raw, undefined, opts);
  // A checkpoint copies pages into the database file and syncs it: tens of
  // milliseconds, paid by whichever commit crosses the threshold (the default is
  // every 1,000 pages). A background thread does it instead; see CHECKPOINTER.
  raw.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT}`);
  return sqliteDb(raw, startCheckpointer(file), opts);
}

/** First and largest pause between two tries of a write that found the database locked. */
const BUSY_FIRST_RETRY_MS = 2;
const BUSY_MAX_RETRY_MS = 100;
/** Retry-After of a write that failed for a lock, and of one that failed for a full disk. */
const RETRY_AFTER_BUSY_S = 5;
const RETRY_AFTER_FULL_S = 60;

/** Waiting is a write that found the database locked: tried again in order, failed after writeWaitMs. */
interface Waiting {
  /** attempt runs the write and settles it; it throws only SQLITE_BUSY, to be tried again. */
  attempt: () => void;
  fail: (err: unknown) => void;
  since: number;
}

/**
 * plainParameters rewrites numbered parameters (?1, ?2) to plain `?`: better-sqlite3 binds
 * numbered ones only by name, D1 by position. `order` maps each `?` to the number it stood
 * for (null when the statement had none), so a value used twice is passed once, as in D1.
 */
export function plainParameters(sql: string): { sql: string; order: number[] | null } {
  if (!/\?\d/.test(sql)) return { sql, order: null };
  const order: number[] = [];
  const text = sql.replace(/\?(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: text, order };
}

/** bindOrder lays out the values for a statement rewritten by plainParameters. */
export function bindOrder(order: number[] | null, params: SqlValue[] | undefined): SqlValue[] | undefined {
  return order && params ? order.map((i) => params[i] ?? null) : params;
}

interface Pending {
  statements: Statement[];
  resolve: (r: RunResult[]) => void;
  reject: (err: unknown) => void;
}

/**
 * sqliteDb wraps an open better-sqlite3 handle; statements are prepared once and cached by text.
 *
 * Group commit: batches asked for in the same two turns of the event loop (concurrent
 * requests) are written in one transaction. Should one fail, the transaction rolls
 * back and the group is written again with each batch in a savepoint of its own, so
 * the failing one rolls back alone and the others still commit together. Savepoints
 * only in that rare second pass: a savepoint keeps a copy of every page its batch
 * changes, which added 16 µs to the 21 µs a signup's four statements take. Each
 * commit appends every page it touched to the WAL, so under load this is most of the
 * cost of a small write. The second turn lets requests whose bytes had already arrived
 * join the commit: under signup load that made 7 batches per commit instead of 5
 * and 13% more signups per second, for a wait of one more turn. A write (run, exec)
 * first writes the batches still waiting, so writes take effect in the order they
 * were asked for. A read does not wait for them:
 * a caller that awaits its batch (as every caller must, to learn whether it failed)
 * reads its own writes, and a concurrent request sees the state just before.
 *
 * Locks: the connection has busy_timeout 0, so a write that finds the database locked by
 * another connection (a second process, a backup, the CLI) fails at once instead of
 * waiting inside SQLite, on the event loop. It then waits in a queue and is tried again on
 * a timer (2 ms, doubling to 100 ms), with every later write behind it, so the order holds;
 * reads and everything else go on meanwhile. After writeWaitMs it fails with
 * DatabaseUnavailable ('busy': 503, Retry-After). A full disk (SQLITE_FULL) fails with
 * DatabaseUnavailable ('full'), and health() reports it until a write succeeds again.
 */
export function sqliteDb(
  raw: Database.Database,
  stopCheckpointer?: () => Promise<void>,
  opts: SqliteOptions = {},
): Db {
  const writeWaitMs = opts.writeWaitMs ?? WRITE_WAIT_MS;
  const cache = new Map<string, { s: Database.Statement; order: number[] | null }>();
  let storageFull = false;
  // Any error leaving the adapter passes here: a full disk becomes DatabaseUnavailable and is
  // remembered for /healthz until a write succeeds again.
  const fault = (err: unknown): unknown => {
    if (isStorageFullError(err)) {
      storageFull = true;
      return new DatabaseUnavailable('full', RETRY_AFTER_FULL_S, err);
    }
    if (isBusyError(err)) return new DatabaseUnavailable('busy', RETRY_AFTER_BUSY_S, err);
    return err;
  };
  const prepare = (sql: string, params: SqlValue[] | undefined) => {
    checkParameters(sql, params);
    let p = cache.get(sql);
    if (!p) {
      const plain = plainParameters(sql);
      p = { s: raw.prepare(plain.sql), order: plain.order };
      cache.set(sql, p);
    }
    return { s: p.s, values: bindOrder(p.order, params) };
  };
  const runOne = (sql: string, params: SqlValue[] | undefined): RunResult => {
    const { s, values } = prepare(sql, params);
    // An array binds its items as the anonymous parameters: no spread, no copy.
    const r = values && values.length > 0 ? s.run(values) : s.run();
    return { changes: r.changes, lastRowId: Number(r.lastInsertRowid) };
  };
  const runBatch = (statements: Statement[]): RunResult[] => {
    const out = new Array<RunResult>(statements.length);
    for (let i = 0; i < statements.length; i++) out[i] = runOne(statements[i]!.sql, statements[i]!.params);
    return out;
  };
  const batchTx = raw.transaction(runBatch);
  const groupTx = raw.transaction((group: Pending[]) => group.map((p) => runBatch(p.statements)));
  // Inside isolatedTx, batchTx runs as a savepoint (better-sqlite3 nests transactions so).
  const isolatedTx = raw.transaction((group: Pending[]) =>
    group.map((p) => {
      try {
        return { ok: true as const, value: batchTx(p.statements) };
      } catch (err) {
        // Some errors (SQLITE_FULL among them) make SQLite roll back the whole transaction,
        // not only the savepoint: then nothing of the group stands, and the group fails whole.
        if (!raw.inTransaction) throw err;
        return { ok: false as const, err };
      }
    }),
  );

  // Writes that found the database locked wait here, in the order they were asked for; while
  // any waits, later writes queue behind them, so writes still take effect in order. Reads
  // go on: in WAL mode a reader needs no lock that a writer holds.
  const waiting: Waiting[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = BUSY_FIRST_RETRY_MS;
  let drained: (() => void)[] = [];
  const retryWaiting = () => {
    retryTimer = null;
    while (waiting.length > 0) {
      try {
        waiting[0]!.attempt();
      } catch (err) {
        const now = Date.now();
        while (waiting.length > 0 && now - waiting[0]!.since >= writeWaitMs)
          waiting.shift()!.fail(fault(err));
        if (waiting.length > 0) armRetry();
        else settleDrained();
        return;
      }
      waiting.shift();
    }
    retryDelay = BUSY_FIRST_RETRY_MS;
    settleDrained();
  };
  const armRetry = () => {
    if (retryTimer) return;
    retryTimer = setTimeout(retryWaiting, retryDelay);
    retryDelay = Math.min(retryDelay * 2, BUSY_MAX_RETRY_MS);
  };
  const settleDrained = () => {
    const d = drained;
    drained = [];
    for (const f of d) f();
  };
  const wait = (w: Omit<Waiting, 'since'>) => {
    waiting.push({ ...w, since: Date.now() });
    armRetry();
  };
  // Only a write that changed rows shows there is room again: an UPDATE that matched nothing
  // succeeds on a full disk too.
  const changedRows = (results: RunResult[]) => results.some((r) => r.changes > 0);
  /**
   * write runs fn now unless writes are waiting; a lock makes it wait its turn beside the
   * event loop. changed tells from its value whether it wrote anything (clears storageFull).
   */
  const write = <T>(fn: () => T, changed: (value: T) => boolean): Promise<T> => {
    if (waiting.length === 0) {
      try {
        const value = fn();
        if (changed(value)) storageFull = false;
        return Promise.resolve(value);
      } catch (err) {
        if (!isBusyError(err)) return Promise.reject(fault(err));
      }
    }
    return new Promise<T>((resolve, reject) =>
      wait({
        attempt: () => {
          let value: T;
          try {
            value = fn();
          } catch (err) {
            if (isBusyError(err)) throw err;
            reject(fault(err));
            return;
          }
          if (changed(value)) storageFull = false;
          resolve(value);
        },
        fail: reject,
      }),
    );
  };

  // commitGroup writes a group of batches and settles each; it throws only SQLITE_BUSY, leaving
  // the group unsettled and unwritten, to be tried again whole.
  const commitGroup = (group: Pending[]) => {
    if (group.length === 1) {
      const p = group[0]!;
      try {
        const results = batchTx(p.statements);
        if (changedRows(results)) storageFull = false;
        p.resolve(results);
      } catch (err) {
        if (isBusyError(err)) throw err;
        p.reject(fault(err));
      }
      return;
    }
    try {
      const results = groupTx(group);
      if (results.some(changedRows)) storageFull = false;
      for (let i = 0; i < group.length; i++) group[i]!.resolve(results[i]!);
      return;
    } catch (err) {
      if (isBusyError(err)) throw err;
      // Rolled back as a whole: written again below, batch by batch.
    }
    let outcomes: ReturnType<typeof isolatedTx>;
    try {
      outcomes = isolatedTx(group);
    } catch (err) {
      if (isBusyError(err)) throw err;
      // The commit itself failed: none of the group is written.
      for (const p of group) p.reject(fault(err));
      return;
    }
    for (let i = 0; i < group.length; i++) {
      const o = outcomes[i]!;
      if (o.ok) group[i]!.resolve(o.value);
      else group[i]!.reject(fault(o.err));
    }
    if (outcomes.some((o) => o.ok && changedRows(o.value))) storageFull = false;
  };

  let pending: Pending[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const group = pending;
    pending = [];
    const fail = (err: unknown) => {
      for (const p of group) p.reject(err);
    };
    if (waiting.length > 0) return wait({ attempt: () => commitGroup(group), fail });
    try {
      commitGroup(group);
    } catch {
      // Locked: the group waits its turn, whole.
      wait({ attempt: () => commitGroup(group), fail });
    }
  };
  /** read runs a statement that only reads at once; one that writes (UPDATE ... RETURNING) is a write. */
  const query = <T>(method: 'all' | 'get', sql: string, params: SqlValue[]): Promise<T> => {
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare(sql, params);
    } catch (err) {
      return Promise.reject(err);
    }
    const { s, values } = prepared;
    const call = () => (values && values.length > 0 ? s[method](values) : s[method]()) as T;
    if (!s.readonly) {
      flush();
      return write(call, (value) => (Array.isArray(value) ? value.length > 0 : value !== undefined));
    }
    try {
      return Promise.resolve(call());
    } catch (err) {
      if (!isBusyError(err)) return Promise.reject(fault(err));
      // A reader is seldom refused (WAL recovery by another connection): try again shortly.
      return readAgain(call, Date.now());
    }
  };
  const readAgain = async <T>(call: () => T, since: number): Promise<T> => {
    for (let delay = BUSY_FIRST_RETRY_MS; ; delay = Math.min(delay * 2, BUSY_MAX_RETRY_MS)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        return call();
      } catch (err) {
        if (!isBusyError(err) || Date.now() - since >= writeWaitMs) throw fault(err);
      }
    }
  };

  return {
    all<T>(sql: string, params: SqlValue[] = []) {
      return query<T[]>('all', sql, params);
    },
    get<T>(sql: string, params: SqlValue[] = []) {
      return query<T | undefined>('get', sql, params);
    },
    run(sql, params) {
      flush();
      return write(
        () => runOne(sql, params),
        (r) => r.changes > 0,
      );
    },
    batch(statements) {
      return new Promise<RunResult[]>((resolve, reject) => {
        pending.push({ statements, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => setImmediate(flush));
        }
      });
    },
    exec(sql) {
      flush();
      // A script (a migration, a pragma) says nothing about free space.
      return write(
        () => {
          raw.exec(sql);
        },
        () => false,
      );
    },
    async close() {
      flush();
      if (waiting.length > 0) await new Promise<void>((r) => drained.push(r));
      await stopCheckpointer?.();
      cache.clear();
      raw.close();
    },
    health: () => ({ storageFull }),
  };
}
