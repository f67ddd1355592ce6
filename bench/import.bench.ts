// CSV import of 100,000 rows against a bare better-sqlite3 insert of the same people
// in one transaction into an equivalent table. Both on a fresh file database with the
// same pragmas; the import's time includes decoding, parsing, validating, the lookup
// of existing addresses and its three writes per person (subscriber, subscription,
// consent log), the baseline's only one insert of pre-parsed rows. For context it also
// times a bare insert of everything the import stores (all three tables of the real
// schema, ids computed beforehand): the import's own overhead over the
// database work it cannot avoid.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/db/migrate.js';
import { openSqlite } from '../src/db/sqlite.js';
import { importSubscribers } from '../src/modules/csv/import.js';
import { publicIdMaker } from '../src/modules/subscribers/identity.js';
import { median, result } from './report.js';

const ROWS = 100_000;
const RUNS = 5;

const FIRST = [
  'Renée',
  'Jürgen',
  'Françoise',
  'Zoë',
  'Anaïs',
  'Søren',
  'José',
  'Ahmed',
  'Fatma',
  'Noël',
  'Inês',
  'Joost',
  'Marieke',
  'Björn',
  'Çiğdem',
];
const INFIX = ['', '', '', 'de', 'van', 'van der', 'ter'];
const LAST = [
  'Vries',
  'Müller',
  'Hoëvel',
  'Çelik',
  'Ørsted',
  'Núñez',
  'Jansen',
  'Bakker',
  'Yılmaz',
  'El Amrani',
  'Smit',
  'Brouwer',
  'Özdemir',
];

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** makeCsv builds the file as Excel NL writes it, with ~2% repeats differing in case and whitespace. */
function makeCsv(): { bytes: Buffer; people: { email: string; name: string }[] } {
  const lines = ['E-mailadres;Naam;Stadsdorp'];
  const people: { email: string; name: string }[] = [];
  for (let i = 0; i < ROWS; i++) {
    if (i % 50 === 49) {
      const p = people[people.length - 7]!;
      lines.push(` ${p.email.toUpperCase()} ;${p.name};`);
      continue;
    }
    const first = FIRST[i % FIRST.length]!;
    const infix = INFIX[i % INFIX.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const name = [first, infix, last].filter(Boolean).join(' ');
    const email = `${ascii(first)}.${ascii(last)}${i}@example.nl`;
    people.push({ email, name });
    lines.push(i % 97 === 0 ? `${email};"${name}; bestuur";` : `${email};${name};`);
  }
  return { bytes: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), people };
}

/** Timing is wall-clock and CPU time (this process, all threads) of one measured step. */
interface Timing {
  wall: number;
  cpu: number;
}

function clock(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function since(t0: ReturnType<typeof clock>): Timing {
  const cpu = process.cpuUsage(t0.cpu);
  return { wall: performance.now() - t0.wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'import-bench-'));
}

function bareInsert(people: { email: string; name: string }[]): Timing {
  const dir = freshDir();
  const raw = new Database(join(dir, 'bare.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec(`CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY, public_id TEXT NOT NULL UNIQUE, email TEXT NOT NULL UNIQUE, name TEXT,
    stadsdorp_id INTEGER, suppressed_at TEXT, suppression_reason TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`);
  // The same rows: public ids as the import makes them, drawn before the clock starts.
  const nextId = publicIdMaker(people.length);
  const ids = people.map(() => nextId());
  const at = new Date().toISOString();
  const insert = raw.prepare(
    'INSERT INTO subscribers (public_id, email, name, stadsdorp_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const t0 = clock();
  raw.transaction(() => {
    for (let i = 0; i < people.length; i++)
      insert.run(ids[i], people[i]!.email, people[i]!.name, null, at, at);
  })();
  const ms = since(t0);
  raw.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

/** bareInsertAll writes the import's three rows per person into the real schema with prepared statements. */
async function bareInsertAll(people: { email: string; name: string }[]): Promise<Timing> {
  const dir = freshDir();
  const file = join(dir, 'all.sqlite');
  const migrated = openSqlite(file);
  await migrate(migrated);
  await migrated.close();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  const nextId = publicIdMaker(people.length);
  const ids = people.map(() => nextId());
  const at = new Date().toISOString();
  const sub = raw.prepare(
    'INSERT INTO subscribers (public_id, email, name, stadsdorp_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const subscription = raw.prepare(
    "INSERT INTO subscriptions (subscriber_id, list_id, status, created_at, updated_at) VALUES (?, 2, 'confirmed', ?, ?)",
  );
  const consent = raw.prepare(
    "INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at) VALUES (?, 2, 'import', 'import:bench.csv', ?, ?)",
  );
  const t0 = clock();
  raw.transaction(() => {
    for (let i = 0; i < people.length; i++) {
      const id = sub.run(ids[i], people[i]!.email, people[i]!.name, null, at, at).lastInsertRowid;
      subscription.run(id, at, at);
      consent.run(id, `regel ${i + 2}`, at);
    }
  })();
  const ms = since(t0);
  raw.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function realImport(bytes: Buffer, people: number): Promise<Timing> {
  const dir = freshDir();
  const db = openSqlite(join(dir, 'stadsdorpen.sqlite'));
  await migrate(db);
  const deps = { db, now: () => new Date() };
  const t0 = clock();
  const report = await importSubscribers(deps, {
    listSlug: 'geinteresseerden',
    bytes,
    fileName: 'bench.csv',
  });
  const ms = since(t0);
  if (report.imported !== people || report.errors.length) {
    throw new Error(`import went wrong: ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`);
  }
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const { bytes, people } = makeCsv();
console.log(`${ROWS} rows (${people.length} distinct people), ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
const bare: Timing[] = [];
const bareAll: Timing[] = [];
const real: Timing[] = [];
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const fmt = (t: Timing) => `${t.wall.toFixed(0)} ms (cpu ${t.cpu.toFixed(0)} ms)`;
for (let run = 0; run < RUNS; run++) {
  bare.push(bareInsert(people));
  gc();
  bareAll.push(await bareInsertAll(people));
  gc();
  real.push(await realImport(bytes, people.length));
  gc();
  console.log(
    `run ${run + 1}: bare ${fmt(bare[run]!)}, bare all tables ${fmt(bareAll[run]!)}, import ${fmt(real[run]!)}`,
  );
}
const wall = (ts: Timing[]) => median(ts.map((t) => t.wall));
const cpu = (ts: Timing[]) => median(ts.map((t) => t.cpu));
const rps = (ms: number) => Math.round(ROWS / (ms / 1000));
console.log(`bare better-sqlite3 insert: ${rps(wall(bare))} rows/s (median ${wall(bare).toFixed(0)} ms)`);
console.log(
  `bare insert, all 3 tables:  ${rps(wall(bareAll))} rows/s (median ${wall(bareAll).toFixed(0)} ms)`,
);
console.log(`csv import service:         ${rps(wall(real))} rows/s (median ${wall(real).toFixed(0)} ms)`);
// Context, no target: CPU-time ratios are steadier than wall clock on a busy machine.
console.log(
  `import vs bare insert of everything it stores: ${(wall(bareAll) / wall(real)).toFixed(2)} wall, ${(cpu(bareAll) / cpu(real)).toFixed(2)} cpu`,
);
console.log(`import vs bare insert, by cpu time: ${(cpu(bare) / cpu(real)).toFixed(2)}`);
// Each run's import is paired with the baseline measured just before it, so a burst of
// load on a shared machine skews one pair rather than one side of the ratio.
const ratio = median(real.map((r, i) => bare[i]!.wall / r.wall));
result('csv import 100k vs bare insert', ratio.toFixed(2), '>= 0.3', ratio >= 0.3);
