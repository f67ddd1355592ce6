import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { type Config, generateSecretKey, parseConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { type Db, type SqlValue, stmt } from '../db/port.js';
import { openSqlite } from '../db/sqlite.js';
import { openSqliteThread } from '../db/sqlite-thread.js';
import { type AppDeps, type Assets, consoleLogger, type RuntimePort } from '../deps.js';
import { type SendPriority, tokenBucket } from '../mail/rate-limiter.js';
import { createTransport } from '../mail/transports/index.js';
import { printVersion } from '../modules/print/logo.js';
import { type LogoDeps, logosWithoutPrintVersion, putPrintVersion } from '../modules/print/logo-store.js';
import { dbFileStore } from '../runtime/file-store.js';
import { memoryWindowCounters } from '../runtime/window-counters.js';
import { sharpImages } from './node-images.js';
import { nodeMjml } from './node-mjml.js';
import { nodemailerSmtp } from './node-smtp.js';

/** PROJECT_ROOT is the folder the project's assets are read from (templates/ and the like). */
export const PROJECT_ROOT = new URL('../../', import.meta.url);

/**
 * nodeClientAddress is the TCP peer of the request's connection. Only @hono/node-server puts
 * the Node request in c.env (getConnInfo throws without it): app.request has no peer.
 */
export function nodeClientAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown } | undefined;
  return env?.incoming ? getConnInfo(c).remote.address : undefined;
}

/**
 * nodeAssets reads assets from the project's folder on disk, each file and folder once: they
 * ship with the project and do not change while it runs. A path must stay inside the folder.
 */
export function nodeAssets(root: URL = PROJECT_ROOT): Assets {
  const files = new Map<string, Uint8Array | undefined>();
  const folders = new Map<string, string[]>();
  const inside = (path: string) => {
    if (path.startsWith('/') || path.includes('\\') || path.split('/').some((p) => p === '..' || p === '.'))
      throw new Error(
        `Asset path ${JSON.stringify(path)} must be relative to the project folder, without . or ..`,
      );
    return new URL(path, root);
  };
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    async read(path) {
      if (!files.has(path)) {
        try {
          files.set(path, readFileSync(inside(path)));
        } catch (err) {
          if (!missing(err)) throw err;
          files.set(path, undefined);
        }
      }
      return files.get(path);
    },
    async list(folder) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      let names = folders.get(prefix);
      if (!names) {
        try {
          names = readdirSync(inside(prefix), { withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => `${prefix}${e.name}`)
            .sort();
        } catch (err) {
          if (!missing(err)) throw err;
          names = [];
        }
        folders.set(prefix, names);
      }
      return [...names];
    },
  };
}

const projectAssets = nodeAssets();

/** NodeRuntime is the runtime port on Node, plus what the Node entries wire the workers with. */
export interface NodeRuntime extends RuntimePort {
  /** onWake registers a worker of this process for wakeWorkers; returns the unregistration. */
  onWake(listener: (kind: SendPriority) => void): () => void;
}

/** NodeDeps is AppDeps as the Node composition root builds it. */
export type NodeDeps = AppDeps & { runtime: NodeRuntime };

// The send-rate bucket of a runtime made without a config (tests, one-off scripts): the
// default of SEND_RATE_PER_SECOND.
const DEFAULT_SEND_RATE = 2;

/**
 * nodeRuntime is the runtime port of one Node process: the TCP peer as client address,
 * counters in memory (one process serves every request), assets from disk, files in db's
 * stored_files table, MJML by the `mjml` package, images by sharp, the send-rate bucket in memory, and wakes delivered to the workers of
 * this process on the next turn of the event loop, after the request that queued the mail
 * has answered. The wakes of one turn come as one.
 */
export function nodeRuntime(
  db: Db,
  config: Pick<Config, 'sendRatePerSecond'> = { sendRatePerSecond: DEFAULT_SEND_RATE },
): NodeRuntime {
  const listeners = new Set<(kind: SendPriority) => void>();
  let pending = new Set<SendPriority>();
  return {
    clientAddress: nodeClientAddress,
    windowCounters: memoryWindowCounters(),
    assets: projectAssets,
    files: dbFileStore(db),
    mjml: nodeMjml,
    images: sharpImages(),
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
 * uploads now make, in the runtime's file store beside the logo: the print path embeds only
 * that, and decodes no image itself.
 */
export async function makeLogoPrintVersions(
  deps: LogoDeps & { runtime: Pick<RuntimePort, 'images'> },
): Promise<void> {
  for (const logo of await logosWithoutPrintVersion(deps)) {
    await putPrintVersion(deps, logo.stadsdorpId, logo.sha256, await printVersion(deps.runtime.images, logo));
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
  const runtime = nodeRuntime(db, config);
  await makeLogoPrintVersions({ db, runtime });
  const outboxDb = await openOutboxDb(config.dataDir, db);
  return nodeDepsOver({ ...config, secretKey }, db, outboxDb, runtime);
}

/** nodeDepsOver completes the Node deps around opened databases: transport, clock, log, runtime. */
function nodeDepsOver(
  config: AppDeps['config'],
  db: Db,
  outboxDb: Db,
  runtime: NodeRuntime = nodeRuntime(db, config),
): NodeDeps {
  return {
    config,
    db,
    outboxDb,
    transport: createTransport(config, db, outboxDb, nodemailerSmtp),
    now: () => new Date(),
    log: consoleLogger(config.logLevel),
    runtime,
  };
}

/**
 * buildDispatcherDeps is the composition root of the outgoing-mail thread (outgoing-thread.ts):
 * the server's resolved config, its own connection to the database the server has already
 * migrated, and its own connection to the outbox, written here in this thread. Neither
 * starts a checkpointing thread: this thread is one already (see openSqlite). Its runtime's
 * wakes reach the dispatcher of this thread.
 */
export function buildDispatcherDeps(config: AppDeps['config']): NodeDeps {
  const db = openSqlite(databaseFile(config), { checkpointer: false });
  return nodeDepsOver(config, db, openSqlite(join(config.dataDir, 'outbox.sqlite'), { checkpointer: false }));
}

/** closeNodeDeps closes what buildNodeDeps opened: the outbox's thread, then the database. */
export async function closeNodeDeps(deps: Pick<AppDeps, 'db' | 'outboxDb'>): Promise<void> {
  if (deps.outboxDb !== deps.db) await deps.outboxDb.close();
  await deps.db.close();
}
