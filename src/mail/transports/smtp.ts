import nodemailer from 'nodemailer';
import type { Db } from '../../db/port.js';
import { mailDomain } from '../mail-domain.js';
import type { BatchOutcome, OutgoingMessage, Transport } from '../transport.js';

/** SMTP_REFUSED_PREFIX marks a provider id of a message the SMTP server refused for good (5xx). */
export const SMTP_REFUSED_PREFIX = 'refused:';

/**
 * smtpTransport sends a batch as one SMTP transaction per message over a pooled
 * connection (nodemailer), for a Microsoft 365 or any other mailbox.
 *
 * SMTP has no idempotency key, so the transport keeps its own: every message the
 * server accepted (or refused for good) is noted in smtp_sends under the batch key
 * and its position, and a retried batch skips those positions. Partial failure:
 * a temporary error (4xx, lost connection) stops the batch and answers retryable,
 * the messages before it stay noted; a permanent refusal of one recipient (5xx) is
 * noted and reported as provider id `refused:<answer>`, so the dispatcher marks only
 * that delivery failed. One window remains: a crash between the server's "250 OK"
 * and our note sends that one message again on retry. Its Message-ID is derived
 * from the key and position, so the copy is recognisable as the same message.
 */
export function smtpTransport(opts: { url: string; db: Db; from: string }): Transport {
  const mailer = nodemailer.createTransport(`${opts.url}${opts.url.includes('?') ? '&' : '?'}pool=true`);
  const domain = mailDomain(opts.from);
  return {
    name: 'smtp',
    maxBatchSize: 100,
    async sendBatch(messages, { idempotencyKey }): Promise<BatchOutcome> {
      const done = new Map(
        (
          await opts.db.all<{ position: number; message_id: string; error: string | null }>(
            'SELECT position, message_id, error FROM smtp_sends WHERE idempotency_key = ?',
            [idempotencyKey],
          )
        ).map((r) => [r.position, r.error ? `${SMTP_REFUSED_PREFIX}${r.error}` : r.message_id]),
      );
      const ids: string[] = [];
      for (const [i, m] of messages.entries()) {
        const earlier = done.get(i);
        if (earlier) {
          ids.push(earlier);
          continue;
        }
        const messageId = `<${idempotencyKey}.${i}@${domain}>`;
        try {
          await mailer.sendMail(toMail(m, messageId));
          await note(opts.db, idempotencyKey, i, messageId, null);
          ids.push(messageId);
        } catch (err) {
          const code = (err as { responseCode?: number }).responseCode;
          const reason = String((err as Error).message ?? err);
          if (code !== undefined && code >= 500) {
            await note(opts.db, idempotencyKey, i, messageId, reason);
            ids.push(`${SMTP_REFUSED_PREFIX}${reason}`);
            continue;
          }
          return { kind: 'retryable', reason: `SMTP message ${i + 1} of ${messages.length}: ${reason}` };
        }
      }
      return { kind: 'sent', providerIds: ids };
    },
  };
}

function toMail(m: OutgoingMessage, messageId: string) {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
    messageId,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
  };
}

async function note(db: Db, key: string, position: number, messageId: string, error: string | null) {
  await db.run(
    'INSERT OR IGNORE INTO smtp_sends (idempotency_key, position, message_id, error) VALUES (?, ?, ?, ?)',
    [key, position, messageId, error],
  );
}
