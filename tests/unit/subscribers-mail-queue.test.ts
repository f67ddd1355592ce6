import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/deps.js';
import type { BatchOutcome, OutgoingMessage, Transport } from '../../src/mail/transport.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { forgetCopiesOfPerson } from '../../src/modules/delivery/forget.js';
import { eraseSubscriber } from '../../src/modules/subscribers/admin.js';
import {
  drainMailQueue,
  GIVE_UP_AFTER_MS,
  queueMailStmt,
  transactionalMails,
} from '../../src/modules/subscribers/mail-queue.js';
import { confirm, SOURCES, signup } from '../../src/modules/subscribers/service.js';
import { makeDeps } from '../support/app.js';

interface Call {
  to: string[];
  key: string;
}

/** flaky wraps the real outbox: the scripted outcomes come first, then it sends; 'lost' stores but answers retryable. */
function flaky(deps: AppDeps, script: ('fail' | 'lost' | 'reject' | 'limit')[], maxBatchSize = 100) {
  const outbox = outboxTransport(deps.db);
  const calls: Call[] = [];
  const transport: Transport = {
    name: 'outbox',
    maxBatchSize,
    async sendBatch(messages: OutgoingMessage[], options: { idempotencyKey: string }): Promise<BatchOutcome> {
      calls.push({ to: messages.map((m) => m.to), key: options.idempotencyKey });
      const step = script.shift();
      if (step === 'fail') return { kind: 'retryable', reason: 'Resend: 503 Service Unavailable' };
      if (step === 'reject') return { kind: 'rejected', reason: 'invalid from address' };
      if (step === 'limit')
        return { kind: 'rate_limited', retryAfterMs: 1000, reason: '429 rate_limit_exceeded' };
      const outcome = await outbox.sendBatch(messages, options);
      if (step === 'lost') return { kind: 'retryable', reason: 'connection reset after sending' };
      return outcome;
    },
  };
  deps.transport = transport;
  return calls;
}

async function outboxCount(deps: AppDeps, to?: string): Promise<number> {
  const row = to
    ? await deps.db.get<{ n: number }>('SELECT count(*) AS n FROM outbox_messages WHERE to_address = ?', [to])
    : await deps.db.get<{ n: number }>('SELECT count(*) AS n FROM outbox_messages');
  return row!.n;
}

async function queue(deps: AppDeps) {
  return deps.db.all<{
    kind: string;
    attempts: number;
    sent_at: string | null;
    failed_at: string | null;
    last_error: string | null;
  }>('SELECT kind, attempts, sent_at, failed_at, last_error FROM mail_queue ORDER BY id');
}

const join = (email: string) => ({ email, name: null, lists: ['geinteresseerden'], stadsdorp: null });

describe('the transactional mail queue', () => {
  it('queues the confirmation mail with the signup and sends it once, on the drain', async () => {
    const { deps } = await makeDeps();
    await signup(deps, join('anna@example.nl'), { source: SOURCES.api });
    expect(await queue(deps)).toMatchObject([{ kind: 'confirm', attempts: 0, sent_at: null }]);
    expect(await outboxCount(deps)).toBe(0);

    expect(await drainMailQueue(deps)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await outboxCount(deps, 'anna@example.nl')).toBe(1);
    expect((await queue(deps))[0]!.sent_at).not.toBeNull();
  });

  it('keeps a mail queued with the error when the provider is down, and sends exactly one copy later', async () => {
    const { deps, clock } = await makeDeps();
    const calls = flaky(deps, ['fail']);
    await signup(deps, join('bert@example.nl'), { source: SOURCES.api });

    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await queue(deps)).toMatchObject([
      {
        attempts: 1,
        sent_at: null,
        failed_at: null,
        last_error: 'retryable: Resend: 503 Service Unavailable',
      },
    ]);
    expect(await outboxCount(deps)).toBe(0);
    // Backing off: an immediate drain leaves it alone.
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    clock.advance(60_000);
    expect(await drainMailQueue(deps)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await outboxCount(deps, 'bert@example.nl')).toBe(1);
    expect(calls.map((c) => c.key)).toEqual([calls[0]!.key, calls[0]!.key]);
  });

  it('retries a batch whose answer was lost under the same key, so the provider sends it once', async () => {
    const { deps, clock } = await makeDeps();
    flaky(deps, ['lost']);
    for (const e of ['c1@example.nl', 'c2@example.nl', 'c3@example.nl'])
      await signup(deps, join(e), { source: SOURCES.api });
    await drainMailQueue(deps);
    // A new signup meanwhile must not change the batch being retried.
    await signup(deps, join('c4@example.nl'), { source: SOURCES.api });
    clock.advance(60_000);
    await drainMailQueue(deps);
    for (const e of ['c1@example.nl', 'c2@example.nl', 'c3@example.nl', 'c4@example.nl'])
      expect(await outboxCount(deps, e)).toBe(1);
    expect((await queue(deps)).every((q) => q.sent_at !== null)).toBe(true);
  });

  it('sends many mails in batches of the transport size', async () => {
    const { deps } = await makeDeps();
    const calls = flaky(deps, [], 10);
    for (let i = 0; i < 25; i++) await signup(deps, join(`d${i}@example.nl`), { source: SOURCES.api });
    expect(await drainMailQueue(deps)).toEqual({ sent: 25, retrying: 0, failed: 0 });
    expect(calls.map((c) => c.to.length)).toEqual([10, 10, 5]);
    expect(new Set(calls.map((c) => c.key)).size).toBe(3);
    expect(await outboxCount(deps)).toBe(25);
  });

  it('marks a mail the provider rejects as failed at once', async () => {
    const { deps } = await makeDeps();
    flaky(deps, ['reject']);
    await signup(deps, join('e1@example.nl'), { source: SOURCES.api });
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await queue(deps))[0]!.last_error).toBe('rejected: invalid from address');
  });

  it('never counts a 429 as an attempt: forty of them in a row still end in one copy', async () => {
    const { deps, clock } = await makeDeps();
    const calls = flaky(deps, Array<'limit'>(40).fill('limit'));
    await signup(deps, join('druk@example.nl'), { source: SOURCES.api });
    for (let i = 0; i < 40; i++) {
      expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 1, failed: 0 });
      // Waits out the retry-after, not a back-off.
      expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      clock.advance(1000);
    }
    expect(await queue(deps)).toMatchObject([{ attempts: 0, failed_at: null, sent_at: null }]);
    expect(await drainMailQueue(deps)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await outboxCount(deps, 'druk@example.nl')).toBe(1);
    expect(new Set(calls.map((c) => c.key)).size).toBe(1);
  });

  it('keeps retrying through an outage of a day, paced, and sends exactly one copy when the provider is back', async () => {
    const { deps, clock } = await makeDeps();
    const calls = flaky(deps, Array<'fail'>(1000).fill('fail'));
    await signup(deps, join('storing@example.nl'), { source: SOURCES.api });
    const start = clock.now().getTime();
    // The provider answers 503 for 24 hours; the worker looks every minute.
    while (clock.now().getTime() - start < 86_400_000) {
      await drainMailQueue(deps);
      clock.advance(60_000);
    }
    const tries = calls.length;
    // Paced: 30 s doubling to 5 minutes apart, so some 290 tries in a day, not 1,440.
    expect(tries).toBeGreaterThan(250);
    expect(tries).toBeLessThan(320);
    expect(await queue(deps)).toMatchObject([{ failed_at: null, sent_at: null }]);
    calls.splice(0);
    (deps.transport as { sendBatch: unknown }).sendBatch = outboxTransport(deps.db).sendBatch;
    clock.advance(300_000);
    expect(await drainMailQueue(deps)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await outboxCount(deps, 'storing@example.nl')).toBe(1);
  });

  it('gives up on a mail only when it is as old as its link (7 days)', async () => {
    const { deps, clock } = await makeDeps();
    flaky(deps, Array<'fail'>(10_000).fill('fail'));
    await signup(deps, join('e2@example.nl'), { source: SOURCES.api });
    clock.advance(GIVE_UP_AFTER_MS - 600_000);
    await drainMailQueue(deps);
    expect((await queue(deps))[0]).toMatchObject({ failed_at: null, sent_at: null });
    clock.advance(600_000);
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await queue(deps))[0]!.failed_at).not.toBeNull();
    expect(await outboxCount(deps)).toBe(0);
  });

  it('queues the welcome mail with the confirmation, in the same batch', async () => {
    const { deps } = await makeDeps();
    await signup(deps, join('f@example.nl'), { source: SOURCES.api });
    await drainMailQueue(deps);
    const mail = await deps.db.get<{ html: string }>('SELECT html FROM outbox_messages');
    const token = /\/bevestigen\/([A-Za-z0-9_.-]+)/.exec(mail!.html)![1]!;
    expect((await confirm(deps, token)).kind).toBe('confirmed');
    expect((await queue(deps)).map((q) => q.kind)).toEqual(['confirm', 'welcome']);
    await drainMailQueue(deps);
    expect(await outboxCount(deps, 'f@example.nl')).toBe(2);
  });

  it('drops the unsent mail of a person whose row is deleted (erase)', async () => {
    const { deps } = await makeDeps();
    await signup(deps, join('g@example.nl'), { source: SOURCES.api });
    const who = await deps.db.get<{ id: number }>("SELECT id FROM subscribers WHERE email = 'g@example.nl'");
    await eraseSubscriber(
      deps,
      { tokenId: 1, name: 'Anna', role: 'coco', stadsdorpId: null },
      who!.id,
      forgetCopiesOfPerson,
    );
    expect(await queue(deps)).toEqual([]);
    expect(await drainMailQueue(deps)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });
});

describe('the key of a queued mail', () => {
  const keyOf = (listNames: string[], at = '2026-11-28T10:00:00.000Z', publicId = 'p1') =>
    queueMailStmt(publicId, { kind: 'confirm', listNames }, at).params!.find((p) =>
      String(p).startsWith('confirm-'),
    );

  it('is the same for the same event and differs with the lists, the moment or the person', () => {
    const key = keyOf(['Besturen', 'Geïnteresseerden']);
    expect(keyOf(['Besturen', 'Geïnteresseerden'])).toBe(key);
    expect(
      new Set([
        key,
        keyOf(['Besturen']),
        keyOf(['Geïnteresseerden']),
        keyOf(['Besturen', 'Geïnteresseerden'], '2026-11-28T10:00:00.001Z'),
        keyOf(['Besturen', 'Geïnteresseerden'], undefined, 'p2'),
      ]).size,
    ).toBe(5);
  });

  it('holds one batch in flight per process: mails queued meanwhile wait for it and go in one call', async () => {
    const { deps } = await makeDeps();
    const store = transactionalMails(deps);
    for (const n of [1, 2, 3]) await signup(deps, join(`een-${n}@example.nl`), { source: SOURCES.api });
    const first = await store.lease(deps.now());
    expect(first?.mails).toBe(3);
    for (const n of [4, 5]) await signup(deps, join(`twee-${n}@example.nl`), { source: SOURCES.api });
    // While the first is out, a second lane finds nothing to take (and takes no send token).
    expect(await store.due(deps.now())).toBeNull();
    expect(await store.lease(deps.now())).toBeUndefined();
    await first!.record({ kind: 'sent', results: [1, 2, 3].map(() => ({ providerId: 'x' })) }, deps.now());
    const second = await store.lease(deps.now());
    expect(second?.mails).toBe(2);
    // A holder that never records (it crashed in this process) holds no longer than its lease.
    await signup(deps, join('drie@example.nl'), { source: SOURCES.api });
    const later = new Date(deps.now().getTime() + deps.config.deliveryLeaseSeconds * 1000 + 1);
    expect((await store.lease(later))?.mails).toBeGreaterThanOrEqual(1);
  });
});
