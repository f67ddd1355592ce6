// The Worker's outgoing mail stepped by hand inside workerd: a clock the test moves, the
// Queue messages kept by the test and handed to the consumer (src/entry/worker-outgoing.ts),
// the fake Resend on the Node side. A consumer that dies half-way, the dead-letter queue, and
// the cron starting a scheduled campaign.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/deps.js';
import { DEAD_LETTER_REASON } from '../../src/entry/worker-outgoing.js';
import {
  addRecipients,
  asCoco,
  campaignStatus,
  cocoToken,
  copiesTo,
  db,
  deliveryStatuses,
  fakeResend,
  forgetAudience,
  NETWERKMAIL,
  type SteppedWorker,
  steppedWorker,
} from './support.js';

async function startCampaign(worker: SteppedWorker, body: unknown = {}): Promise<number> {
  const coco = await cocoToken();
  const created = await worker.fetch('/api/campaigns', asCoco(coco, NETWERKMAIL));
  const { id } = (await created.json()) as { id: number };
  const sent = await worker.fetch(`/api/campaigns/${id}/send`, asCoco(coco, body));
  expect(sent.status).toBeLessThan(300);
  return id;
}

/** crashOnceAfterSend makes the first recording of an accepted batch throw, as a consumer killed between the provider's answer and the database. */
function crashOnceAfterSend(deps: AppDeps): AppDeps {
  let crashed = false;
  return {
    ...deps,
    db: {
      ...deps.db,
      async batch(statements) {
        if (!crashed && statements.some((s) => /SET status = 'sent', finished_at/.test(s.sql))) {
          crashed = true;
          throw new Error('consumer killed after the provider accepted the batch');
        }
        return deps.db.batch(statements);
      },
    },
  };
}

describe('outgoing mail on Workers, step by step', () => {
  beforeEach(async () => {
    await fakeResend.reset();
    await forgetAudience();
  });

  it('sends one copy each when the consumer dies after the provider accepted the batch', async () => {
    const domain = 'crash.example.org';
    const recipients = await addRecipients(40, { domain });
    const worker = steppedWorker({ wrap: crashOnceAfterSend });
    const id = await startCampaign(worker);
    expect(worker.queued.map((m) => m.body.kind)).toEqual(['campaign']);
    const [message] = worker.queued.map((m) => m.body);

    // The provider takes the batch; recording it fails: the message comes back.
    const first = await worker.consumeQueued();
    expect(first.retried).toEqual(first.ids);
    expect((await copiesTo(domain)).size).toBe(40);
    expect(await deliveryStatuses(id)).toEqual({ queued: 40 });

    // Back while the dead consumer's lease holds: nothing is sent, the message waits for the lease.
    const early = await worker.consume([message!]);
    expect(early.retried).toEqual(early.ids);
    expect((await fakeResend.stats()).stats.requests).toBe(1);

    // After the lease: the same payload under the same key; Resend answers with its first answer.
    worker.clock.advance(121_000);
    const late = await worker.consume([message!]);
    expect(late.acked).toEqual(late.ids);
    expect(await deliveryStatuses(id)).toEqual({ sent: 40 });
    expect(await campaignStatus(id)).toBe('sent');
    const copies = await copiesTo(domain);
    expect(recipients.filter((r) => copies.get(r) !== 1)).toEqual([]);
    expect((await fakeResend.stats()).stats).toMatchObject({ accepted: 40, replayed: 1, mismatches: 0 });
  });

  it('fails a batch the dead-letter queue hands back, without sending it, and finishes the campaign', async () => {
    const domain = 'dlq.example.org';
    await addRecipients(30, { domain });
    const worker = steppedWorker();
    const id = await startCampaign(worker);
    const messages = worker.queued.splice(0).map((m) => m.body);

    const result = await worker.consume(messages, 'stadsdorpen-outgoing-dlq');
    expect(result.acked).toEqual(result.ids);
    expect(await deliveryStatuses(id)).toEqual({ failed: 30 });
    const errors = await db.all<{ error: string }>(
      'SELECT DISTINCT error FROM deliveries WHERE campaign_id = ?',
      [id],
    );
    expect(errors).toEqual([{ error: DEAD_LETTER_REASON }]);
    expect(await campaignStatus(id)).toBe('sent');
    expect((await copiesTo(domain)).size).toBe(0);

    // A late copy of the message finds the batch finished and sends nothing.
    const late = await worker.consume(messages);
    expect(late.acked).toEqual(late.ids);
    expect((await fakeResend.stats()).stats.requests).toBe(0);
  });

  it('starts a scheduled campaign from the cron once its moment has come, and its batches go through the queue', async () => {
    const domain = 'cron.example.org';
    const recipients = await addRecipients(150, { domain });
    const worker = steppedWorker({ start: '2026-12-03T14:00:00.000Z' });
    // 16:00 in Amsterdam (winter time, UTC+1).
    const id = await startCampaign(worker, { scheduledAt: '2026-12-03T16:00:00+01:00' });
    expect(await campaignStatus(id)).toBe('scheduled');
    expect(worker.queued).toEqual([]);

    worker.clock.advance(59 * 60_000);
    await worker.cron();
    expect(await campaignStatus(id)).toBe('scheduled');
    expect(worker.queued).toEqual([]);

    worker.clock.advance(60_000);
    await worker.cron();
    expect(await campaignStatus(id)).toBe('sending');
    expect(worker.queued.map((m) => m.body.kind)).toEqual(['campaign', 'campaign']);

    await worker.consumeQueued();
    expect(await campaignStatus(id)).toBe('sent');
    const copies = await copiesTo(domain);
    expect(recipients.filter((r) => copies.get(r) !== 1)).toEqual([]);
  });

  it('has the cron forget sessions idle for 12 hours and counter windows that ended', async () => {
    const worker = steppedWorker({ start: '2026-12-03T12:00:30.000Z' });
    const account = await db.run(
      "INSERT INTO accounts (email, name, role) VALUES ('cron@example.nl', 'Cron', 'coco')",
    );
    const session = (hash: string, lastSeen: string) =>
      db.run(
        'INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [hash, account.lastRowId, '2026-12-02T08:00:00.000Z', lastSeen, '2027-01-01T00:00:00.000Z'],
      );
    await session('idle', '2026-12-02T23:59:00.000Z');
    await session('active', '2026-12-03T11:30:00.000Z');
    const minute = Date.parse('2026-12-03T12:00:00.000Z');
    await db.run(
      'INSERT INTO window_counters (key, window_ms, window_start, count) VALUES (?1, 60000, ?2, 3), (?1, 60000, ?3, 1)',
      ['signup:192.0.2.1', minute - 60_000, minute],
    );

    await worker.cron();
    const left = await db.all<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE account_id = ?',
      [account.lastRowId],
    );
    expect(left.map((r) => r.token_hash)).toEqual(['active']);
    const windows = await db.all<{ window_start: number }>(
      "SELECT window_start FROM window_counters WHERE key = 'signup:192.0.2.1'",
    );
    expect(windows).toEqual([{ window_start: minute }]);
  });
});
