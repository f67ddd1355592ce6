import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, generateSecretKey, parseConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { type Db, type SqlValue, stmt } from '../db/port.js';
import { openSqlite } from '../db/sqlite.js';
import { openSqliteThread } from '../db/sqlite-thread.js';
import { type AppDeps, consoleLogger, type RuntimePort } from '../deps.js';
import { type SendPriority, tokenBucket } from '../mail/rate-limiter.js';
import { createTransport } from '../mail/transports/index.js';
import { printVersion } from '../modules/print/logo.js';
import { logosWithoutPrintVersion, setLogoPrintVersion } from '../modules/print/repo.js';
import { nodeAssets } from './node-assets.js';

/** NodeRuntime is the runtime port on Node, plus what the Node entries wire the workers with. */
export interface NodeRuntime extends RuntimePort {
  /** onWake registers a worker of this process for wakeWorkers; returns the unregistration. */
  onWake(listener: (kind: SendPriority) => void): () => void;
}

/** NodeDeps is AppDeps as the Node composition root builds it. */
export type NodeDeps = AppDeps & { runtime: NodeRuntime };

/**
 * nodeRuntime is the runtime port of one Node process: the send-rate bucket in memory, and
 * wakes delivered to the workers of this process on the next turn of the event loop, after
 * the request that queued the mail has answered. The wakes of one turn come as one.
 */
export function nodeRuntime(config: Pick<Config, 'sendRatePerSecond'>): NodeRuntime {
  const listeners = new Set<(kind: SendPriority) => void>();
  let pending = new Set<SendPriority>();
  return {
    sendBucket: tokenBucket(config.sendRatePerSecond),
    wakeWorkers(kind) {
      if (listeners.size === 0) return;
      const first = pending.size === 0;
      pending.add(kind);
      if (!first) return;
      setImmediate(() => {
        const kinds = pending;
        pending = new Set();
        for (const listener of listeners) for (const k of kinds) listener(k);
      });
    },
    onWake(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * resolveSecretKey returns SECRET_KEY, or the key kept in DATA_DIR/secret.key,
 * generating it on the very first start so signed links survive restarts.
 */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = generateSecretKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * openOutboxDb opens DATA_DIR/outbox.sqlite in a thread of its own: every confirmation mail
 * is some 9 KB of HTML and text, and writing that into the main database on the event loop
 * made storing mail the largest cost of a signup. The table and its indexes are created
 * exactly as the migrations made them in the main database (whose own table stays, empty,
 * for D1). Messages an older version kept in the main database move over at the first start.
 * Pages of 64 KB: messages arrive in batches and are seldom read, and a batch then goes to
 * the WAL in a few large writes rather than some hundred of 4 KB (about a quarter less of
 * the thread's time per mail, measured in the signup benchmark).
 */
export async function openOutboxDb(dataDir: string, db: Db): Promise<Db> {
  const outbox = openSqliteThread(join(dataDir, 'outbox.sqlite'), { pageSize: 65_536 });
  const schema = await db.all<{ sql: string }>(
    "SELECT sql FROM sqlite_master WHERE tbl_name = 'outbox_messages' AND sql IS NOT NULL ORDER BY type DESC",
  );
  for (const { sql } of schema)
    await outbox.exec(sql.replace(/^CREATE (TABLE|INDEX) /, 'CREATE $1 IF NOT EXISTS '));
  for (;;) {
    const legacy = await db.all<Record<string, SqlValue>>(
      'SELECT * FROM outbox_messages ORDER BY id LIMIT 500',
    );
    if (legacy.length === 0) return outbox;
    // With their ids and message ids, so a start after a crash here adds nothing twice.
    const columns = Object.keys(legacy[0]!);
    const insert = `INSERT OR IGNORE INTO outbox_messages (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    await outbox.batch(
      legacy.map((row) =>
        stmt(
          insert,
          columns.map((c) => row[c] ?? null),
        ),
      ),
    );
    await db.run('DELETE FROM outbox_messages WHERE id <= ?', [Number(legacy.at(-1)?.id)]);
  }
}

/** databaseFile is where the service keeps its SQLite database: DATA_DIR/stadsdorpen.sqlite. */
export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'stadsdorpen.sqlite');
}

/**
 * makeLogoPrintVersions gives logos uploaded before migration 0014 the print version that
 * uploads now make: the print path embeds only that, and decodes no image itself.
 */
async function makeLogoPrintVersions(db: Db): Promise<void> {
  for (const logo of await logosWithoutPrintVersion(db)) {
    await setLogoPrintVersion(db, logo.stadsdorpId, await printVersion(logo));
  }
}

/** buildNodeDeps is the Node composition root shared by the server and the CLI: config, SQLite, migrations, transport. */
export async function buildNodeDeps(
  env: Record<string, string | undefined> = process.env,
): Promise<NodeDeps> {
  const config = parseConfig(env);
  const secretKey = resolveSecretKey(config);
  const db = openSqlite(databaseFile(config));
  await migrate(db);
  await makeLogoPrintVersions(db);
  const log = consoleLogger(config.logLevel);
  const outboxDb = await openOutboxDb(config.dataDir, db);
  return {
    config: { ...config, secretKey },
    db,
    outboxDb,
    transport: createTransport(config, db, outboxDb),
    now: () => new Date(),
    log,
    runtime: nodeRuntime(config),
    assets: nodeAssets(),
  };
}

/** closeNodeDeps closes what buildNodeDeps opened: the outbox's thread, then the database. */
export async function closeNodeDeps(deps: Pick<AppDeps, 'db' | 'outboxDb'>): Promise<void> {
  if (deps.outboxDb !== deps.db) await deps.outboxDb.close();
  await deps.db.close();
}
