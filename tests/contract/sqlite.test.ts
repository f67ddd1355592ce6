import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.js';
import { openSqliteThread } from '../../src/db/sqlite-thread.js';
import { dbContract } from './db-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'db-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(dir, `db-${++files}.sqlite`);

dbContract('better-sqlite3 in-process, in memory', () => openSqlite(':memory:'));
dbContract('better-sqlite3 in-process, on a file (with its checkpointer)', () => openSqlite(freshFile()));
dbContract('better-sqlite3 in a thread of its own', () => openSqliteThread(freshFile()));
