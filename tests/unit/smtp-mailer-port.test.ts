// The SMTP transport in src/mail speaks to whatever SMTP client the runtime hands it; Node's
// (nodemailer) is made in src/entry. Here a client in memory shows the transport needs no other.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openSqlite } from '../../src/db/sqlite.js';
import type { OutgoingMessage } from '../../src/mail/transport.js';
import { type SmtpMail, type SmtpMailer, smtpTransport } from '../../src/mail/transports/smtp.js';

/** memoryMailer accepts every message, except that it answers a given reply code for given addresses. */
function memoryMailer(answers: Record<string, number> = {}): SmtpMailer & { sent: SmtpMail[] } {
  const sent: SmtpMail[] = [];
  return {
    sent,
    async sendMail(mail) {
      const code = answers[mail.to];
      if (code) throw Object.assign(new Error(`${code} nee`), { responseCode: code });
      sent.push(mail);
      return {};
    },
  };
}

const message = (to: string): OutgoingMessage => ({
  from: 'Netwerk <nieuwsbrief@stadsdorpen.nl>',
  to,
  subject: 'Netwerkmail',
  html: '<p>Hallo</p>',
  text: 'Hallo',
  headers: {},
});

describe('the SMTP transport on a runtime-made client', () => {
  it('sends through the client it is given, skips a refused address, and sends each message once across retries', async () => {
    const db = openSqlite(':memory:');
    await migrate(db);
    const answers: Record<string, number> = { 'weg@example.org': 550, 'later@example.org': 421 };
    const mailer = memoryMailer(answers);
    const t = smtpTransport({ mailer, db, from: 'Netwerk <nieuwsbrief@stadsdorpen.nl>' });
    const batch = ['a@example.org', 'weg@example.org', 'later@example.org'].map(message);
    const first = await t.sendBatch(batch, { idempotencyKey: '5-0-k' });
    expect(first.kind).toBe('retryable');
    delete answers['later@example.org'];
    const second = await t.sendBatch(batch, { idempotencyKey: '5-0-k' });
    // How a refusal is reported belongs to the transport's outcome, not to the client.
    expect(second.kind).toBe('sent');
    expect(mailer.sent.map((m) => [m.to, m.messageId])).toEqual([
      ['a@example.org', '<5-0-k.0@stadsdorpen.nl>'],
      ['later@example.org', '<5-0-k.2@stadsdorpen.nl>'],
    ]);
  });
});
