/**
 * The headers a reader's mail program sees: Reply-To (README: the Netwerk address by
 * default), Gmail's Feedback-ID on campaign mails, and in the outbox also the Date and
 * Message-ID the mail would have gone out with. Through each transport: the outbox, the
 * fake Resend API and a fake SMTP server.
 */
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import { nodeSmtpTransport } from '../../src/entry/node-smtp.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { resendTransport } from '../../src/mail/transports/resend.js';
import { drainMailQueue } from '../../src/modules/subscribers/mail-queue.js';
import { type FakeResend, startFakeResend } from '../fakes/resend-server.js';
import { fakeSmtp } from '../fakes/smtp-server.js';
import { auth, makeTestApp, testClock } from '../support/app.js';
import { addRecipients, createNetwerkmail, drain, post } from '../support/delivery-builders.js';
import { postJson } from './subscribers-support.js';

let fake: FakeResend | undefined;
let smtpServer: Server | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  smtpServer?.close();
  smtpServer = undefined;
});

interface OutboxItem {
  to: string;
  subject: string;
  headers: Record<string, string>;
}

describe('mail headers', () => {
  it('the outbox keeps Reply-To, Feedback-ID, Date and Message-ID, and shows them to the CoCo', async () => {
    const clock = testClock('2026-11-28T10:00:00.000Z');
    const t = await makeTestApp({ now: clock.now });
    t.deps.transport = outboxTransport(t.db, clock.now);
    await addRecipients(t.db, 2);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    await drain(t.deps, t.clock);

    const res = await t.app.request('/api/outbox?to=lezer1@example.org', { headers: auth(t.coco) });
    const items = ((await res.json()) as { items: OutboxItem[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.headers).toMatchObject({
      'Reply-To': 'nieuwsbrief@stadsdorpen.nl',
      'Feedback-ID': `${id}:netwerkmail:nas:stadsdorpen.nl`,
      Date: 'Sat, 28 Nov 2026 10:00:00 +0000',
    });
    expect(items[0]?.headers['Message-ID']).toMatch(new RegExp(`^<${id}-[^@>]+\\.\\d+@stadsdorpen\\.nl>$`));
  });

  it('a confirmation mail in the outbox carries Reply-To, Date and Message-ID, and MAIL_REPLY_TO wins', async () => {
    const t = await makeTestApp({}, { MAIL_REPLY_TO: 'coco@stadsdorpen.nl' });
    await postJson(t.app, '/api/signup', { email: 'nieuw@example.nl', lists: ['geinteresseerden'] });
    await drainMailQueue(t.deps);
    const res = await t.app.request('/api/outbox?to=nieuw@example.nl', { headers: auth(t.coco) });
    const [mail] = ((await res.json()) as { items: OutboxItem[] }).items;
    expect(mail?.headers['Reply-To']).toBe('coco@stadsdorpen.nl');
    expect(mail?.headers.Date).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
    expect(mail?.headers['Message-ID']).toMatch(/^<[^@>\s]+@stadsdorpen\.nl>$/);
  });

  it('Resend receives the Reply-To and the Feedback-ID of a campaign', async () => {
    fake = await startFakeResend();
    const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2000 });
    const t = await makeTestApp({ transport });
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    await drain(t.deps, t.clock);
    expect(fake.accepted).toHaveLength(3);
    for (const mail of fake.accepted) {
      expect(mail.replyTo).toBe('nieuwsbrief@stadsdorpen.nl');
      expect(mail.headers['Feedback-ID']).toBe(`${id}:netwerkmail:nas:stadsdorpen.nl`);
    }
  });

  it('the SMTP server receives Reply-To, Feedback-ID, Date and the derived Message-ID', async () => {
    const smtp = fakeSmtp();
    const port = await smtp.start();
    smtpServer = smtp.server;
    const db = openSqlite(':memory:');
    await migrate(db);
    const from = 'Netwerk Amsterdamse Stadsdorpen <nieuwsbrief@stadsdorpen.nl>';
    const transport = nodeSmtpTransport({ url: `smtp://127.0.0.1:${port}`, db, from });
    const t = await makeTestApp({ transport });
    await addRecipients(t.db, 2);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    await drain(t.deps, t.clock);
    expect(smtp.received).toHaveLength(2);
    for (const { raw } of smtp.received) {
      expect(raw).toMatch(/^Reply-To: nieuwsbrief@stadsdorpen\.nl\r?$/m);
      expect(raw).toMatch(new RegExp(`^Feedback-ID: ${id}:netwerkmail:nas:stadsdorpen\\.nl\\r?$`, 'm'));
      expect(raw).toMatch(/^Date: \w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r?$/m);
      expect(raw).toMatch(new RegExp(`^Message-ID: <${id}-[^@>]+\\.\\d+@stadsdorpen\\.nl>\\r?$`, 'm'));
    }
  });
});
