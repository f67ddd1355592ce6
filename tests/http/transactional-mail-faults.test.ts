import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startOutgoingWorker } from '../../src/entry/outgoing.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { makeTestApp } from '../support/app.js';
import { addRecipients, campaignStatus, createNetwerkmail, post } from '../support/delivery-builders.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function fakeResend(opts: Parameters<typeof startFakeResend>[0] = {}): Promise<FakeResend> {
  const fake = await startFakeResend(opts);
  cleanup.push(() => fake.close());
  return fake;
}

const signup = (app: App, email: string) =>
  app.request('/api/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, lists: ['geinteresseerden'] }),
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function copiesTo(fake: FakeResend, emails: string[]) {
  const copies = fake.copiesPerRecipient();
  return emails.map((e) => copies.get(e) ?? 0);
}

describe('confirmation mails while a campaign uses the whole provider limit', () => {
  it('share the bucket with the campaign, go first, and every signup answered 202 gets one copy', async () => {
    // The provider allows 5 requests per second, and so does our bucket; a campaign of 30
    // batches would keep it busy for 6 seconds by itself.
    const fake = await fakeResend({ ratePerSecond: 5 });
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    const t = await makeTestApp(
      { transport, now: () => new Date() },
      { SEND_RATE_PER_SECOND: '5', SIGNUP_RATE_PER_MINUTE: '1000' },
    );
    await addRecipients(t.db, 3000, { domain: 'lezers.example' });
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    const worker = startOutgoingWorker(t.deps, { idleMs: 20, tickMs: 200 });
    cleanup.push(() => worker.stop());

    // Three bursts of ten signups, a second apart, while the campaign sends.
    const emails: string[] = [];
    for (let burst = 0; burst < 3; burst++) {
      await sleep(1000);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const email = `nieuw${burst}-${i}@example.nl`;
          emails.push(email);
          return signup(t.app, email);
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    }
    for (let i = 0; i < 200 && copiesTo(fake, emails).some((n) => n === 0); i++) await sleep(50);
    // Every confirmation went out once, while the campaign was still sending.
    expect(copiesTo(fake, emails)).toEqual(Array(30).fill(1));
    expect(await campaignStatus(t.db, id)).toBe('sending');
    const queued = await t.db.all<{ attempts: number; failed_at: string | null; waited: number }>(
      `SELECT attempts, failed_at, (julianday(sent_at) - julianday(created_at)) * 86400000 AS waited
         FROM mail_queue`,
    );
    expect(queued).toHaveLength(30);
    expect(queued.every((q) => q.attempts === 1 && q.failed_at === null)).toBe(true);
    // Ahead of the campaign's batches: each within about a second of its signup.
    expect(Math.max(...queued.map((q) => q.waited))).toBeLessThan(3000);
    // One bucket for both: the provider never had to refuse a request.
    expect(fake.stats.rateLimited).toBe(0);

    for (let i = 0; i < 300 && (await campaignStatus(t.db, id)) !== 'sent'; i++) await sleep(50);
    expect(await deliveryCounts(t.db, id)).toMatchObject({ sent: 3000, failed: 0 });
    expect(fake.stats.rateLimited).toBe(0);
  });
});

describe('a mail provider outage', () => {
  it('delays a confirmation but never loses it: after hours of 5xx every confirmation leaves exactly once', async () => {
    const fake = await fakeResend();
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    const t = await makeTestApp({ transport }, { SIGNUP_RATE_PER_MINUTE: '1000' });
    fake.options.fail5xxRate = 1;
    const emails = Array.from({ length: 12 }, (_, i) => `geduld${i}@example.nl`);
    for (const email of emails) expect((await signup(t.app, email)).status).toBe(202);
    // Twelve hours of 503s, the worker looking every five minutes, signups trickling in.
    for (let minute = 0; minute < 12 * 60; minute += 5) {
      await drainMailQueue(t.deps);
      t.clock.advance(300_000);
      if (minute === 60) emails.push('later@example.nl');
      if (minute === 60) expect((await signup(t.app, 'later@example.nl')).status).toBe(202);
    }
    expect(fake.stats.serverErrors).toBeGreaterThan(100);
    expect(fake.accepted).toHaveLength(0);
    fake.options.fail5xxRate = 0;
    await drainMailQueue(t.deps);
    t.clock.advance(300_000);
    await drainMailQueue(t.deps);
    expect(copiesTo(fake, emails)).toEqual(Array(emails.length).fill(1));
    expect(fake.accepted).toHaveLength(emails.length);
    const open = await t.db.get<{ n: number }>('SELECT count(*) AS n FROM mail_queue WHERE sent_at IS NULL');
    expect(open?.n).toBe(0);
  });
});
