import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { nodeSmtpTransport } from '../../src/entry/node-smtp.js';
import { startOutgoingWorker } from '../../src/entry/outgoing.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { fakeSmtp } from '../fakes/smtp-server.js';
import { auth, makeTestApp } from '../support/app.js';
import {
  addRecipients,
  campaignStatus,
  createNetwerkmail,
  drain,
  post,
} from '../support/delivery-builders.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function fakeResend(opts: Parameters<typeof startFakeResend>[0]): Promise<FakeResend> {
  const fake = await startFakeResend(opts);
  cleanup.push(() => fake.close());
  return fake;
}

async function smtpApp(refuse: string[]) {
  const smtp = fakeSmtp({ refuse });
  const port = await smtp.start();
  cleanup.push(() => void (smtp.server as Server).close());
  const sends = openSqlite(':memory:');
  await migrate(sends);
  const from = 'Netwerk Amsterdamse Stadsdorpen <nieuwsbrief@stadsdorpen.nl>';
  const t = await makeTestApp({
    transport: nodeSmtpTransport({ url: `smtp://127.0.0.1:${port}`, db: sends, from }),
  });
  return { smtp, t };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one dispatcher for campaigns and transactional mail', () => {
  it('sends a confirmation queued during a 20,000-recipient campaign before the campaign is done', async () => {
    // The provider takes 10 requests a second and so does our bucket: 200 batches, 20 s of sending.
    const fake = await fakeResend({ ratePerSecond: 10 });
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 5000 });
    const t = await makeTestApp({ transport, now: () => new Date() }, { SEND_RATE_PER_SECOND: '10' });
    await addRecipients(t.db, 20_000, { domain: 'lezers.example' });
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    const worker = startOutgoingWorker(t.deps, { idleMs: 20, tickMs: 500 });
    cleanup.push(() => worker.stop());
    // Let the campaign take the whole limit first.
    for (let i = 0; i < 200 && fake.stats.accepted < 1000; i++) await sleep(20);
    expect(fake.stats.accepted).toBeGreaterThanOrEqual(1000);

    const queuedAt = performance.now();
    const res = await t.app.request('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nieuw@example.nl', lists: ['geinteresseerden'] }),
    });
    expect(res.status).toBe(202);
    const arrived = () => fake.copiesPerRecipient().get('nieuw@example.nl') ?? 0;
    for (let i = 0; i < 250 && arrived() === 0; i++) await sleep(20);
    const waitedMs = performance.now() - queuedAt;

    expect(arrived()).toBe(1);
    // Within a slot or two of its signup (a slot is 100 ms), not after the 180 batches left.
    expect(waitedMs).toBeLessThan(2000);
    expect(await campaignStatus(t.db, id)).toBe('sending');
    const counts = await deliveryCounts(t.db, id);
    expect(counts.queued).toBeGreaterThan(10_000);
    expect(fake.stats.rateLimited).toBe(0);
  });

  it('gives test mails their slot from the shared bucket: a burst of them gets no 429', async () => {
    const fake = await fakeResend({ ratePerSecond: 2 });
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 5000 });
    const t = await makeTestApp({ transport }, { SEND_RATE_PER_SECOND: '2' });
    const id = await createNetwerkmail(t.app, t.coco);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.app.request(`/api/campaigns/${id}/test`, {
          method: 'POST',
          headers: auth(t.coco, { 'content-type': 'application/json' }),
          body: JSON.stringify({ to: [`test${i}@example.nl`] }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(fake.stats.rateLimited).toBe(0);
    expect(fake.accepted).toHaveLength(5);
  });

  it('fails only the recipient the SMTP server refuses, in a campaign and in a confirmation', async () => {
    const { smtp, t } = await smtpApp(['lezer2@example.org', 'weg@example.nl']);
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    await drain(t.deps, t.clock);
    expect(await deliveryCounts(t.db, id)).toMatchObject({ sent: 2, failed: 1, queued: 0 });
    const refused = await t.db.get<{ email: string; error: string }>(
      "SELECT email, error FROM deliveries WHERE status = 'failed'",
    );
    expect(refused?.email).toBe('lezer2@example.org');
    expect(refused?.error).toMatch(/550/);

    const res = await t.app.request('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'weg@example.nl', lists: ['geinteresseerden'] }),
    });
    expect(res.status).toBe(202);
    expect(await drainMailQueue(t.deps)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const mail = await t.db.get<{ sent_at: string | null; failed_at: string | null; last_error: string }>(
      'SELECT sent_at, failed_at, last_error FROM mail_queue',
    );
    // Not shown as sent: the server said no, and a support question finds why.
    expect(mail).toMatchObject({ sent_at: null });
    expect(mail?.failed_at).not.toBeNull();
    expect(mail?.last_error).toMatch(/^refused: .*550/);
    expect(smtp.received.map((r) => r.to)).toEqual(['lezer1@example.org', 'lezer3@example.org']);
  });
});
