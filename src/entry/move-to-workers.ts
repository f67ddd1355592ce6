// Moves a Node installation (DATA_DIR: the SQLite database and the files stored in it) into the
// D1 database and the R2 bucket of wrangler.toml, through wrangler's getPlatformProxy: the local
// state of `wrangler dev` by default, the deployed database and bucket with --remote.
//
//   npm run move-to-workers -- --data ./data [--remote] [--persist-to DIR] [--replace]
//
// D1 must have the schema first, made by `wrangler d1 migrations apply` (which records each
// migration by name in d1_migrations, so it never runs one again); this copies rows only. The
// rows go table by table, parents before children (D1 enforces foreign keys), in multi-row
// INSERTs of at most MAX_PARAMETERS values, a few dozen per batch; stored files go to R2 under
// their own keys, as r2FileStore reads them. README "Moving a Node installation to Workers".
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { D1Database, R2Bucket } from '@cloudflare/workers-types/latest';
import Database from 'better-sqlite3';
import { d1Db } from '../db/d1.js';
import { readMigrations } from '../db/migrate.js';
import { type Db, MAX_PARAMETERS, type SqlValue, type Statement, stmt } from '../db/port.js';
import { r2FileStore } from '../runtime/r2-file-store.js';
import { databaseFile } from './node-runtime.js';

/** STATEMENTS_PER_BATCH: INSERTs per D1 batch (one request, one transaction). */
const STATEMENTS_PER_BATCH = 40;
/** BATCH_BYTES: a batch is sent once its values hold about this much, far below a request's limits. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * NOT_MOVED are the tables of the Node database that do not go over, and why: the migrations
 * table (D1 has its own, written by wrangler), the files (they go to R2), and uploads waiting
 * between the steps of a CSV import (they expire within the hour, and a file may exceed a row).
 */
const NOT_MOVED: Record<string, string> = {
  d1_migrations: 'D1 keeps its own, written by `wrangler d1 migrations apply`',
  stored_files: 'the files go to R2',
  import_uploads: 'CSV files waiting between the import steps; they expire within the hour',
};

/** MoveRefused is a move that did not start, with what to do about it. */
export class MoveRefused extends Error {}

/** MoveReport is what a move wrote. */
export interface MoveReport {
  tables: { name: string; rows: number }[];
  files: number;
  bytes: number;
  /** Left behind on Node, with the reason and how many rows. */
  notMoved: { what: string; rows: number; why: string }[];
}

/** MoveOptions: replace allows a D1 or R2 that holds data already (its rows are deleted first). */
export interface MoveOptions {
  replace?: boolean;
}

/**
 * moveInstallation copies a Node database into D1 and its stored files into R2. It refuses
 * when D1 lacks migrations the Node database has (or the reverse), and when D1 or R2 holds
 * data (beyond what the migrations insert themselves) unless opts.replace. After copying, it
 * counts every table and object again on the Workers side and throws on any difference.
 */
export async function moveInstallation(
  source: Database.Database,
  d1: D1Database,
  bucket: R2Bucket,
  opts: MoveOptions = {},
): Promise<MoveReport> {
  const target = d1Db(d1);
  await checkMigrations(source, target);
  const tables = tablesInOrder(source);
  const holding = await dataHeld(target, bucket, tables);
  if (holding.length > 0 && !opts.replace)
    throw new MoveRefused(
      `The Workers side holds data already (${holding.join(', ')}). Nothing was moved. ` +
        'Run again with --replace to delete it and move the Node installation over it.',
    );

  // Children first, so no foreign key stops a delete; this also clears the rows the
  // migrations inserted themselves (the two lists), which the Node database has as well.
  for (const t of [...tables].reverse()) await target.run(`DELETE FROM ${ident(t)}`);

  const report: MoveReport = { tables: [], files: 0, bytes: 0, notMoved: [] };
  for (const t of tables) {
    const rows = await copyTable(source, target, t);
    report.tables.push({ name: t, rows });
  }

  const files = r2FileStore(bucket);
  const keys = source
    .prepare('SELECT key FROM stored_files GROUP BY key ORDER BY key')
    .pluck()
    .all() as string[];
  const parts = source.prepare('SELECT bytes FROM stored_files WHERE key = ? ORDER BY part').pluck();
  for (const key of keys) {
    const bytes = joinParts(parts.all(key) as Buffer[]);
    await files.put(key, bytes);
    report.files++;
    report.bytes += bytes.byteLength;
  }

  for (const [t, why] of Object.entries(NOT_MOVED)) {
    if (t === 'stored_files' || t === 'd1_migrations') continue;
    if (tableExists(source, t)) report.notMoved.push({ what: t, rows: countRows(source, t), why });
  }
  await verify(source, target, bucket, report, keys);
  return report;
}

/** ident quotes a table or column name read from the database's own schema. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function countRows(db: Database.Database, table: string): number {
  return db
    .prepare(`SELECT count(*) FROM ${ident(table)}`)
    .pluck()
    .get() as number;
}

/** checkMigrations refuses unless D1 has exactly the migrations the Node database has. */
async function checkMigrations(source: Database.Database, target: Db): Promise<void> {
  const onNode = source.prepare('SELECT name FROM d1_migrations ORDER BY name').pluck().all() as string[];
  const hasTable = await target.get(
    "SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'",
  );
  if (!hasTable)
    throw new MoveRefused(
      'D1 has no schema yet. First run `npx wrangler d1 migrations apply stadsdorpen` ' +
        '(with --remote for the deployed database, with --local for the local one).',
    );
  const inD1 = new Set(
    (await target.all<{ name: string }>('SELECT name FROM d1_migrations')).map((r) => r.name),
  );
  const missingInD1 = onNode.filter((n) => !inD1.has(n));
  const missingOnNode = [...inD1].filter((n) => !onNode.includes(n));
  if (missingInD1.length > 0)
    throw new MoveRefused(
      `D1 lacks migrations the Node database has: ${missingInD1.join(', ')}. ` +
        'Run `npx wrangler d1 migrations apply stadsdorpen` (with --remote or --local) from this version of the project.',
    );
  if (missingOnNode.length > 0)
    throw new MoveRefused(
      `The Node database lacks migrations D1 has: ${missingOnNode.join(', ')}. ` +
        'Start the Node service once with this version (or `npm run cli -- migrate`), stop it, then move.',
    );
}

/** tablesInOrder lists the tables to move, each after the tables its foreign keys point to. */
function tablesInOrder(source: Database.Database): string[] {
  const names = (
    source
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[]
  ).filter((n) => !(n in NOT_MOVED));
  const parents = new Map(
    names.map((n) => [
      n,
      (source.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(n) as string[]).filter(
        (p) => p !== n && names.includes(p),
      ),
    ]),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string) => {
    if (ordered.includes(n)) return;
    if (visiting.has(n)) throw new Error(`foreign keys form a cycle through ${n}`);
    visiting.add(n);
    for (const p of parents.get(n) ?? []) visit(p);
    visiting.delete(n);
    ordered.push(n);
  };
  for (const n of names) visit(n);
  return ordered;
}

/**
 * dataHeld names the tables of D1 that hold more rows than the migrations insert by
 * themselves, and the bucket if it holds any object: what a move would overwrite.
 */
async function dataHeld(target: Db, bucket: R2Bucket, tables: string[]): Promise<string[]> {
  const fresh = new Database(':memory:');
  try {
    for (const m of readMigrations()) fresh.exec(m.sql);
    const held: string[] = [];
    for (const t of tables) {
      const row = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${ident(t)}`);
      const n = row?.n ?? 0;
      if (n > countRows(fresh, t)) held.push(`${t}: ${n} rows`);
    }
    const objects = await bucket.list({ limit: 1 });
    if (objects.objects.length > 0) held.push('R2: files');
    return held;
  } finally {
    fresh.close();
  }
}

/** copyTable writes every row of one table into D1, in batches within D1's limits; answers the row count. */
async function copyTable(source: Database.Database, target: Db, table: string): Promise<number> {
  const columns = source
    .prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .pluck()
    .all(table) as string[];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let batch: Statement[] = [];
  let batchBytes = 0;
  let rows: SqlValue[][] = [];
  let count = 0;
  const endStatement = () => {
    if (rows.length === 0) return;
    batch.push(stmt(head + rows.map(() => tuple).join(', '), rows.flat()));
    rows = [];
  };
  const flush = async () => {
    endStatement();
    if (batch.length > 0) await target.batch(batch);
    batch = [];
    batchBytes = 0;
  };
  // Rowid order: the order the rows were written in, parents of a row before it.
  const select = source.prepare(`SELECT ${columns.map(ident).join(', ')} FROM ${ident(table)}`).raw();
  for (const raw of select.iterate() as Iterable<unknown[]>) {
    const values = raw.map(toSqlValue);
    rows.push(values);
    batchBytes += values.reduce<number>((n, v) => n + sizeOf(v), 0);
    count++;
    if (rows.length >= perStatement) endStatement();
    if (batch.length >= STATEMENTS_PER_BATCH || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return count;
}

/** toSqlValue gives bytes as a plain Uint8Array (better-sqlite3 hands out Buffers). */
function toSqlValue(v: unknown): SqlValue {
  if (v instanceof Uint8Array) return new Uint8Array(v);
  return v as SqlValue;
}

function sizeOf(v: SqlValue): number {
  if (typeof v === 'string') return v.length * 2;
  if (v instanceof Uint8Array) return v.byteLength;
  return 8;
}

function joinParts(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** verify counts every moved table and checks every object's size on the Workers side. */
async function verify(
  source: Database.Database,
  target: Db,
  bucket: R2Bucket,
  report: MoveReport,
  keys: string[],
): Promise<void> {
  const wrong: string[] = [];
  for (const t of report.tables) {
    const row = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${ident(t.name)}`);
    if ((row?.n ?? 0) !== t.rows) wrong.push(`${t.name}: ${row?.n} rows in D1, ${t.rows} on Node`);
  }
  const size = source.prepare('SELECT sum(length(bytes)) FROM stored_files WHERE key = ?').pluck();
  for (const key of keys) {
    const head = await bucket.head(key);
    if (head?.size !== size.get(key)) wrong.push(`${key}: ${head?.size ?? 'missing'} bytes in R2`);
  }
  if (wrong.length > 0) throw new Error(`The move did not arrive whole: ${wrong.join('; ')}`);
}

/** remoteConfig writes a wrangler config whose D1 and R2 bindings are the deployed ones (remote = true). */
export async function remoteConfig(configPath: string): Promise<string> {
  const { unstable_readConfig } = await import('wrangler');
  const config = unstable_readConfig({ config: configPath });
  const db = config.d1_databases.find(
    (d: { binding: string; database_id?: string; database_name: string }) => d.binding === 'DB',
  );
  const files = config.r2_buckets.find(
    (b: { binding: string; bucket_name?: string }) => b.binding === 'FILES',
  );
  if (!db || !files) throw new MoveRefused(`${configPath} has no D1 binding DB or no R2 binding FILES.`);
  if (!db.database_id || /^0{8}-/.test(db.database_id))
    throw new MoveRefused(
      `${configPath} has no database_id for DB: put the id that \`npx wrangler d1 create stadsdorpen\` printed there.`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'move-to-workers-'));
  const file = join(dir, 'wrangler.json');
  await writeFile(
    file,
    JSON.stringify({
      name: config.name,
      compatibility_date: config.compatibility_date,
      compatibility_flags: config.compatibility_flags,
      d1_databases: [
        { binding: 'DB', database_name: db.database_name, database_id: db.database_id, remote: true },
      ],
      r2_buckets: [{ binding: 'FILES', bucket_name: files.bucket_name, remote: true }],
    }),
  );
  return file;
}

/** formatReport is the report as the command prints it. */
export function formatReport(report: MoveReport): string {
  const width = Math.max(...report.tables.map((t) => t.name.length));
  const lines = ['Moved to D1 (rows per table):'];
  for (const t of report.tables) lines.push(`  ${t.name.padEnd(width)}  ${String(t.rows).padStart(7)}`);
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  lines.push(`  ${'total'.padEnd(width)}  ${String(total).padStart(7)}`);
  lines.push(`Moved to R2: ${report.files} files, ${report.bytes} bytes.`);
  for (const n of report.notMoved) lines.push(`Not moved: ${n.what} (${n.rows} rows): ${n.why}.`);
  return lines.join('\n');
}

const USAGE = `Usage: npm run move-to-workers -- [--data DIR] [--remote | --persist-to DIR] [--replace] [--config FILE]
  --data DIR        the Node installation's DATA_DIR (default ./data); stop the Node service first
  --remote          into the deployed D1 database and R2 bucket of wrangler.toml (needs \`npx wrangler login\`)
  --persist-to DIR  the local state of \`wrangler dev --persist-to DIR\` (default .wrangler/state)
  --replace         also when D1 or R2 holds data already: D1's rows are deleted first
  --config FILE     the wrangler config (default ./wrangler.toml)`;

/** main runs the command line; answers the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: './data' },
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      replace: { type: 'boolean', default: false },
      config: { type: 'string', default: './wrangler.toml' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.remote && values['persist-to']) {
    console.error('--remote and --persist-to exclude each other: the deployed database has no local state.');
    return 2;
  }
  const dataDir = resolve(values.data);
  const file = databaseFile({ dataDir });
  if (!existsSync(file)) {
    console.error(`No Node database at ${file}: point --data at the DATA_DIR of the Node installation.`);
    return 2;
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  // One read transaction: every table is read from the same moment.
  source.exec('BEGIN');
  const { getPlatformProxy } = await import('wrangler');
  let proxy: Awaited<ReturnType<typeof getPlatformProxy<{ DB: D1Database; FILES: R2Bucket }>>> | undefined;
  try {
    const configPath = values.remote ? await remoteConfig(values.config) : values.config;
    proxy = await getPlatformProxy<{ DB: D1Database; FILES: R2Bucket }>({
      configPath,
      remoteBindings: values.remote,
      // wrangler's --persist-to DIR keeps its state in DIR/v3.
      persist: values.remote
        ? false
        : { path: join(resolve(values['persist-to'] ?? '.wrangler/state'), 'v3') },
      envFiles: [],
    });
    console.log(
      `Moving ${file} into ${values.remote ? 'the deployed' : 'the local'} D1 database and R2 bucket...`,
    );
    const report = await moveInstallation(source, proxy.env.DB, proxy.env.FILES, { replace: values.replace });
    console.log(formatReport(report));
    if (existsSync(join(dataDir, 'outbox.sqlite')))
      console.log(
        'Not moved: outbox.sqlite (the outbox of Node; mail on Workers goes out through the queue).',
      );
    console.log(
      existsSync(join(dataDir, 'secret.key'))
        ? // wrangler stores what stdin holds, newline and all: the key must go without it.
          `Keep every link in mails already sent working: give the Worker the same key,\n  tr -d '\\n' < ${join(values.data, 'secret.key')} | npx wrangler secret put SECRET_KEY`
        : 'Keep every link in mails already sent working: give the Worker the SECRET_KEY the Node service had\n  (npx wrangler secret put SECRET_KEY).',
    );
    return 0;
  } catch (err) {
    console.error(
      err instanceof MoveRefused ? err.message : `The move failed: ${(err as Error).stack ?? err}`,
    );
    return 1;
  } finally {
    source.close();
    await proxy?.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
