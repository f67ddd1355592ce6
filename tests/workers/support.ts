// Helpers of the tests inside workerd: the fake Resend on the Node side (reached by fetch),
// a Worker with a clock the test moves and a queue the test reads, and the D1 database.

import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { ExecutionContext, MessageBatch } from '@cloudflare/workers-types/latest';
import { d1Db } from '../../src/db/d1.js';
import type { AppDeps } from '../../src/deps.js';
import { createWorker } from '../../src/entry/worker.js';
import type { OutgoingQueueMessage, WorkerEnv } from '../../src/entry/worker-runtime.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import type { AcceptedEmail, FakeStats, Fault } from '../fakes/resend-server.js';

/** TestClock is a clock the test moves (tests/support/app.ts has Node's; that file loads Node's runtime). */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

function testClock(start: string): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
  };
}

/** db is the Worker's D1 database behind the Db port. */
export const db = d1Db(env.DB);

/** fakeResend drives the fake Resend server of tests/workers/global-setup.ts over HTTP. */
export const fakeResend = {
  async reset(): Promise<void> {
    await fetch(`${env.RESEND_BASE_URL}/_fake/reset`, { method: 'POST' });
  },
  async script(...faults: Fault[]): Promise<void> {
    await fetch(`${env.RESEND_BASE_URL}/_fake/script`, { method: 'POST', body: JSON.stringify(faults) });
  },
  async emails(): Promise<AcceptedEmail[]> {
    return (await fetch(`${env.RESEND_BASE_URL}/_fake/emails`)).json();
  },
  async stats(): Promise<{ stats: FakeStats; copies: Record<string, number> }> {
    return (await fetch(`${env.RESEND_BASE_URL}/_fake/stats`)).json();
  },
};

/** cocoToken makes an API token of the CoCo in D1. */
export async function cocoToken(): Promise<string> {
  return (await createApiToken(db, { name: 'Test CoCo', role: 'coco' })).token;
}

/** eventually polls check until it returns a value other than undefined, or fails after timeoutMs. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('eventually: timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * SteppedWorker is the Worker of src/entry/worker.ts under a test's control: its own clock, its
 * queue messages kept for the test to hand to its consumer (so miniflare's queue does not run
 * them meanwhile), and optionally faults wrapped around its dependencies.
 */
export interface SteppedWorker {
  clock: TestClock;
  /** Messages the Worker sent to the outgoing queue and the test has not consumed yet. */
  queued: { body: OutgoingQueueMessage; delaySeconds: number }[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** consume hands the messages to the queue consumer (the outgoing queue, or another by name). */
  consume(
    messages: OutgoingQueueMessage[],
    queue?: string,
  ): Promise<{ retried: string[]; acked: string[]; ids: string[] }>;
  /** consumeQueued consumes every kept message, whatever its delay, and forgets them. */
  consumeQueued(): Promise<{ retried: string[]; acked: string[]; ids: string[] }>;
  cron(): Promise<void>;
}

/** steppedWorker builds a SteppedWorker starting at `start`. */
export function steppedWorker(
  opts: { start?: string; wrap?: (deps: AppDeps) => AppDeps } = {},
): SteppedWorker {
  const clock = testClock(opts.start ?? new Date().toISOString());
  const queued: SteppedWorker['queued'] = [];
  const outgoing = {
    async send(body: OutgoingQueueMessage, o?: { delaySeconds?: number }) {
      queued.push({ body, delaySeconds: o?.delaySeconds ?? 0 });
    },
    async sendBatch(batch: { body: OutgoingQueueMessage; delaySeconds?: number }[]) {
      for (const m of batch) queued.push({ body: m.body, delaySeconds: m.delaySeconds ?? 0 });
    },
  };
  const workerEnv = { ...env, OUTGOING: outgoing } as unknown as WorkerEnv;
  const worker = createWorker({ now: clock.now, wrap: opts.wrap });
  let messageNo = 0;
  const run = async <T>(fn: (ctx: ExecutionContext) => Promise<T>): Promise<T> => {
    const ctx = createExecutionContext();
    const out = await fn(ctx);
    await waitOnExecutionContext(ctx);
    return out;
  };
  const consume: SteppedWorker['consume'] = async (messages, queue = 'stadsdorpen-outgoing') => {
    const batch = createMessageBatch<OutgoingQueueMessage>(
      queue,
      messages.map((body) => ({ id: `m${++messageNo}`, timestamp: clock.now(), body, attempts: 1 })),
    ) as unknown as MessageBatch<OutgoingQueueMessage>;
    const ctx = createExecutionContext();
    await worker.queue(batch, workerEnv, ctx);
    const result = await getQueueResult(batch, ctx);
    return {
      ids: batch.messages.map((m) => m.id),
      retried: result.retryMessages.map((m) => m.msgId),
      acked: result.explicitAcks,
    };
  };
  return {
    clock,
    queued,
    fetch: (path, init) =>
      run(async (ctx) => {
        const res = await worker.fetch(
          new Request(`https://stadsdorpen.test${path}`, init) as never,
          workerEnv,
          ctx,
        );
        return res as unknown as Response;
      }),
    consume,
    consumeQueued: () => consume(queued.splice(0).map((m) => m.body)),
    cron: () =>
      run((ctx) =>
        worker.scheduled(
          { scheduledTime: clock.now().getTime(), cron: '* * * * *', noRetry() {} },
          workerEnv,
          ctx,
        ),
      ),
  };
}

/** json is a JSON request init with the CoCo's token. */
export function asCoco(token: string, body?: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/**
 * addRecipients inserts n confirmed subscribers lezer<from+i>@<domain> of geïnteresseerden, as
 * tests/support/delivery-builders.ts does on Node (that file loads Node's runtime).
 */
export async function addRecipients(n: number, opts: { from?: number; domain: string }): Promise<string[]> {
  const from = opts.from ?? 1;
  await db.run(
    `WITH RECURSIVE seq(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO subscribers (public_id, email, name)
     SELECT lower(hex(randomblob(16))), 'lezer' || i || '@' || ?, 'Lezer ' || i FROM seq`,
    [from, from + n - 1, opts.domain],
  );
  await db.run(
    `INSERT INTO subscriptions (subscriber_id, list_id, status)
     SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l
      WHERE l.slug = 'geinteresseerden' AND s.email LIKE '%@' || ?`,
    [opts.domain],
  );
  return Array.from({ length: n }, (_, i) => `lezer${from + i}@${opts.domain}`);
}

/**
 * forgetAudience removes every subscription, and the mail other test files left queued: the
 * test files share one D1 database (isolate: false in vitest.workers.config.ts), a campaign
 * goes to every confirmed geïnteresseerde, and a consumer sends waiting transactional mail
 * (say a signup test's confirmations) before its batch, which would count as provider calls.
 */
export async function forgetAudience(): Promise<void> {
  await db.batch([
    { sql: 'DELETE FROM subscriptions' },
    { sql: 'DELETE FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL' },
  ]);
}

/** NETWERKMAIL is a draft for the campaigns API, to the geïnteresseerden. */
export const NETWERKMAIL = {
  kind: 'netwerkmail',
  subject: 'Uitnodiging Netwerkbijeenkomst',
  content: { body: 'Beste lezer, welkom op de **Netwerkbijeenkomst**.', signature: 'De CoCo' },
  lists: ['geinteresseerden'],
};

/** deliveryStatuses counts a campaign's deliveries by status. */
export async function deliveryStatuses(campaignId: number): Promise<Record<string, number>> {
  const rows = await db.all<{ status: string; n: number }>(
    'SELECT status, count(*) AS n FROM deliveries WHERE campaign_id = ? GROUP BY status',
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** campaignStatus is a campaign's status. */
export async function campaignStatus(campaignId: number): Promise<string | undefined> {
  return (await db.get<{ status: string }>('SELECT status FROM campaigns WHERE id = ?', [campaignId]))
    ?.status;
}

/** copiesTo counts the fake's accepted emails per address, for the addresses of one domain. */
export async function copiesTo(domain: string): Promise<Map<string, number>> {
  const copies = new Map<string, number>();
  for (const e of await fakeResend.emails())
    if (e.to.endsWith(`@${domain}`)) copies.set(e.to, (copies.get(e.to) ?? 0) + 1);
  return copies;
}
