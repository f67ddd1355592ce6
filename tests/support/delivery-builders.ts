import type { App } from '../../src/app.js';
import type { Db } from '../../src/db/port.js';
import type { AppDeps } from '../../src/deps.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { deliveryTick } from '../../src/modules/delivery/scheduler.js';
import type { TestClock } from './app.js';
import { auth } from './app.js';

/**
 * addRecipients inserts n subscribers lezer<from+i>@<domain> with a subscription of the given
 * status on each list, in two statements (fast enough for 100,000).
 */
export async function addRecipients(
  db: Db,
  n: number,
  opts: { lists?: string[]; from?: number; domain?: string; status?: string } = {},
): Promise<void> {
  const from = opts.from ?? 1;
  const domain = opts.domain ?? 'example.org';
  await db.run(
    `WITH RECURSIVE seq(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO subscribers (public_id, email, name)
     SELECT lower(hex(randomblob(16))), 'lezer' || i || '@' || ?, CASE WHEN i % 3 = 0 THEN NULL ELSE 'Lezer ' || i END FROM seq`,
    [from, from + n - 1, domain],
  );
  for (const list of opts.lists ?? ['geinteresseerden']) {
    await db.run(
      `INSERT INTO subscriptions (subscriber_id, list_id, status)
       SELECT s.id, l.id, ? FROM subscribers s, lists l
        WHERE l.slug = ? AND s.email LIKE 'lezer%@' || ?
          AND CAST(substr(s.email, 6, instr(s.email, '@') - 6) AS INTEGER) BETWEEN ? AND ?`,
      [opts.status ?? 'confirmed', list, domain, from, from + n - 1],
    );
  }
}

/** addSubscriber inserts one subscriber with a subscription status per list and returns its id. */
export async function addSubscriber(
  db: Db,
  s: { email: string; name?: string; lists: Record<string, string> },
): Promise<number> {
  const r = await db.run(
    'INSERT INTO subscribers (public_id, email, name) VALUES (lower(hex(randomblob(16))), ?, ?)',
    [s.email, s.name ?? null],
  );
  for (const [list, status] of Object.entries(s.lists)) {
    await db.run(
      'INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT ?, id, ? FROM lists WHERE slug = ?',
      [r.lastRowId, status, list],
    );
  }
  return r.lastRowId;
}

/** createNetwerkmail makes a draft through the campaigns API and returns its id. */
export async function createNetwerkmail(
  app: App,
  coco: string,
  lists = ['geinteresseerden'],
): Promise<number> {
  const res = await app.request('/api/campaigns', {
    method: 'POST',
    headers: auth(coco, { 'content-type': 'application/json' }),
    body: JSON.stringify({
      kind: 'netwerkmail',
      subject: 'Uitnodiging Netwerkbijeenkomst',
      content: { body: 'Beste lezer, welkom op de **Netwerkbijeenkomst**.', signature: 'De CoCo' },
      lists,
    }),
  });
  if (res.status !== 201) throw new Error(`create campaign: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** post sends a JSON POST as the CoCo (or another token). */
export function post(app: App, path: string, token: string, body?: unknown) {
  return app.request(path, {
    method: 'POST',
    headers: auth(token, body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** campaignStatus reads a campaign's status straight from the database. */
export async function campaignStatus(db: Db, id: number): Promise<string | undefined> {
  return (await db.get<{ status: string }>('SELECT status FROM campaigns WHERE id = ?', [id]))?.status;
}

/**
 * drain dispatches until nothing is left, moving the test clock past back-offs, retry-afters
 * and leases, so a test runs a whole send step by step without timers. Returns the steps.
 */
export async function drain(deps: AppDeps, clock: TestClock, maxSteps = 10_000): Promise<string[]> {
  const steps: string[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const r = await dispatchNextBatch(deps);
    steps.push(r.kind);
    if (r.kind !== 'idle') continue;
    const open = await deps.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM delivery_batches b JOIN campaigns c ON c.id = b.campaign_id
        WHERE b.status IN ('queued', 'leased') AND c.status IN ('sending', 'cancelled')`,
    );
    if (!open?.n) return steps;
    clock.advance(60_000);
    await deliveryTick(deps);
  }
  throw new Error('drain did not finish');
}
