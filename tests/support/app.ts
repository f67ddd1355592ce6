import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { AppDeps } from '../../src/deps.js';
import { type NodeDeps, nodeRuntime } from '../../src/entry/node-runtime.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import { testAssets } from './print-assets.js';

/** TestClock is a clock a test can move. */
export interface TestClock {
  now: () => Date;
  set(d: Date | string): void;
  advance(ms: number): void;
}

/** testClock starts at a fixed moment so links and schedules are predictable. */
export function testClock(start = '2026-11-28T10:00:00.000Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

const silent = { info() {}, warn() {}, error() {} };

/** makeDeps builds real dependencies on a fresh in-memory SQLite database with all migrations applied. */
export async function makeDeps(overrides: Partial<NodeDeps> = {}, env: Record<string, string> = {}) {
  const config = parseConfig({ PUBLIC_URL: 'https://stadsdorpen.test', ...env });
  const db = openSqlite(':memory:');
  await migrate(db);
  const clock = testClock();
  const deps: NodeDeps = {
    config: { ...config, secretKey: 'test-secret-key-0123456789abcdef0123456789' },
    db,
    outboxDb: db,
    transport: outboxTransport(db),
    now: clock.now,
    log: silent,
    runtime: nodeRuntime(config),
    assets: testAssets,
    ...overrides,
  };
  return { deps, clock };
}

/** makeTestApp is makeDeps plus the app and a CoCo token. */
export async function makeTestApp(overrides: Partial<NodeDeps> = {}, env: Record<string, string> = {}) {
  const { deps, clock } = await makeDeps(overrides, env);
  const app = createApp(deps);
  const { token: coco } = await createApiToken(deps.db, { name: 'Test CoCo', role: 'coco' });
  return { app, deps, clock, coco, db: deps.db };
}

/** auth builds the Authorization header for a bearer token. */
export function auth(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** addStadsdorp inserts a stadsdorp and returns its id. */
export async function addStadsdorp(
  deps: Pick<AppDeps, 'db'>,
  s: { slug: string; name?: string; gebied?: string; website?: string; contactEmail?: string },
): Promise<number> {
  const r = await deps.db.run(
    'INSERT INTO stadsdorpen (slug, name, gebied, website, contact_email) VALUES (?, ?, ?, ?, ?)',
    [s.slug, s.name ?? s.slug, s.gebied ?? 'Centrum', s.website ?? null, s.contactEmail ?? null],
  );
  return r.lastRowId;
}

/** editorToken makes an API token for an editor of one stadsdorp. */
export async function editorToken(
  deps: Pick<AppDeps, 'db'>,
  stadsdorpId: number,
  name = 'Redacteur',
): Promise<string> {
  return (await createApiToken(deps.db, { name, role: 'stadsdorp', stadsdorpId })).token;
}
