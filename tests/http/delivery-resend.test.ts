import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src/mail/transport.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { deliveryTick } from '../../src/modules/delivery/scheduler.js';
import { type FakeResend, type FakeResendOptions, startFakeResend } from '../fakes/resend-server.js';
import { makeTestApp } from '../support/app.js';
import {
  addRecipients,
  campaignStatus,
  createNetwerkmail,
  drain,
  post,
} from '../support/delivery-builders.js';

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** sendThroughFake sets up n recipients, a campaign, and the app on the Resend transport against a fresh fake. */
async function sendThroughFake(n: number, opts: FakeResendOptions & { key?: string } = {}) {
  fake = await startFakeResend(opts);
  const transport = resendTransport({ apiKey: opts.key ?? fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
  const t = await makeTestApp({ transport });
  await addRecipients(t.db, n);
  const id = await createNetwerkmail(t.app, t.coco);
  expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
  return { ...t, id, fake };
}

function expectExactlyOnce(f: FakeResend, n: number) {
  const copies = f.copiesPerRecipient();
  expect(copies.size).toBe(n);
  expect([...copies.entries()].filter(([, c]) => c !== 1)).toEqual([]);
}

describe('delivery through Resend (fake server)', () => {
  it('sends in batches of at most 100 with one idempotency key per batch', async () => {
    const t = await sendThroughFake(230);
    await drain(t.deps, t.clock);
    expectExactlyOnce(t.fake, 230);
    const keys = new Map<string, number>();
    for (const e of t.fake.accepted)
      keys.set(String(e.idempotencyKey), (keys.get(String(e.idempotencyKey)) ?? 0) + 1);
    expect([...keys.values()].sort()).toEqual([100, 100, 30]);
    expect([...keys.keys()].every((k) => k.startsWith(`${t.id}-`))).toBe(true);
    const first = t.fake.accepted[0];
    expect(first?.headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/stadsdorpen\.test\/afmelden\/.+>, <mailto:/,
    );
    expect(first?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ total: 230, sent: 230, queued: 0 });
    expect(await campaignStatus(t.db, t.id)).toBe('sent');
  });

  it('waits out a 429 storm: no batch fails and nobody gets a second copy', async () => {
    const t = await sendThroughFake(250);
    t.fake.script('429', '429', '429', '429', '429', '429');
    const steps = await drain(t.deps, t.clock);
    expect(steps.filter((s) => s === 'rate_limited')).toHaveLength(6);
    expectExactlyOnce(t.fake, 250);
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 250, failed: 0 });
    expect(await campaignStatus(t.db, t.id)).toBe('sent');
  });

  it('retries 5xx answers with the same key and the same payload', async () => {
    const t = await sendThroughFake(150);
    t.fake.script('500', '503', '500');
    const steps = await drain(t.deps, t.clock);
    expect(steps.filter((s) => s === 'retryable')).toHaveLength(3);
    expectExactlyOnce(t.fake, 150);
    expect(t.fake.stats.mismatches).toBe(0);
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 150, failed: 0 });
  });

  it('a lost response is retried and answered from the first attempt, not sent again', async () => {
    const t = await sendThroughFake(200);
    t.fake.script('drop', 'drop');
    await drain(t.deps, t.clock);
    expect(t.fake.stats.dropped).toBe(2);
    expect(t.fake.stats.replayed).toBe(2);
    expectExactlyOnce(t.fake, 200);
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 200, queued: 0 });
  });

  it('a worker that dies after its request reached the provider is taken over once its lease expires', async () => {
    fake = await startFakeResend();
    const resend = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    let dies = true;
    // The first call goes out and then never comes back: the process "died" with the batch leased.
    const transport: Transport = {
      ...resend,
      async sendBatch(messages, opts) {
        const outcome = await resend.sendBatch(messages, opts);
        if (dies) {
          dies = false;
          return new Promise<never>(() => {});
        }
        return outcome;
      },
    };
    const t = await makeTestApp({ transport });
    await addRecipients(t.db, 120);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);

    void dispatchNextBatch(t.deps);
    await vi.waitFor(() => expect(fake?.accepted.length).toBe(100));
    // While the lease runs, nobody else touches batch 0; batch 1 goes on.
    expect((await dispatchNextBatch(t.deps)).kind).toBe('sent');
    expect((await dispatchNextBatch(t.deps)).kind).toBe('idle');
    t.clock.advance(t.deps.config.deliveryLeaseSeconds * 1000 + 1);
    await deliveryTick(t.deps);
    expect((await dispatchNextBatch(t.deps)).kind).toBe('sent');
    expect(fake.stats.replayed).toBe(1);
    expectExactlyOnce(fake, 120);
    expect(await campaignStatus(t.db, id)).toBe('sent');
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 120, sent: 120 });
  });

  it('keeps a built batch as it was: who unsubscribes after that still gets it exactly once', async () => {
    const t = await sendThroughFake(10);
    t.fake.script('500');
    expect((await dispatchNextBatch(t.deps)).kind).toBe('retryable');
    // The payload of batch 0 is decided and may already be at the provider; changing it would
    // make the retry a different request under the same key (409), or a second copy without a key.
    await t.db.run(
      "UPDATE subscriptions SET status = 'unsubscribed' WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = 'lezer5@example.org')",
    );
    await drain(t.deps, t.clock);
    expectExactlyOnce(t.fake, 10);
    expect(t.fake.stats.mismatches).toBe(0);
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 10, skipped: 0 });
  });

  it('gives up on a batch unresolved for 23 hours instead of risking a second copy once the key expires', async () => {
    const t = await sendThroughFake(50);
    t.fake.script('500');
    expect((await dispatchNextBatch(t.deps)).kind).toBe('retryable');
    t.clock.advance(23 * 3600_000 + 1000);
    expect((await dispatchNextBatch(t.deps)).kind).toBe('expired');
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ total: 50, failed: 50, sent: 0 });
    expect(await campaignStatus(t.db, t.id)).toBe('sent');
    expect(t.fake.accepted).toHaveLength(0);
  });

  it('a refused request (bad API key) fails its batches with the reason, and sends nothing', async () => {
    const t = await sendThroughFake(150, { key: 're_wrong' });
    const steps = await drain(t.deps, t.clock);
    expect(steps.filter((s) => s === 'rejected')).toHaveLength(2);
    expect(t.fake.accepted).toHaveLength(0);
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ total: 150, failed: 150, sent: 0 });
    const batch = await t.db.get<{ last_error: string }>('SELECT last_error FROM delivery_batches LIMIT 1');
    expect(batch?.last_error).toMatch(/403 invalid_api_key/);
    expect(await campaignStatus(t.db, t.id)).toBe('sent');
  });
});
