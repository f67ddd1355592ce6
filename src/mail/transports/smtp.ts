import nodemailer from 'nodemailer';
import type { Db } from '../../db/port.js';
import { messageIdFor } from '../message-id.js';
import type { BatchOutcome, OutgoingMessage, Transport } from '../transport.js';

/**
 * smtpTransport sends a batch as one SMTP transaction per message over a pooled
 * connection (nodemailer), for a Microsoft 365 or any other mailbox.
 *
 * SMTP has no idempotency key, so the transport keeps its own: every message the
 * server accepted (or refused for good) is noted in smtp_sends under the batch key
 * and its position, and a retried batch skips those positions. Partial failure:
 * a temporary error (4xx, lost connection) stops the batch and answers retryable,
 * the messages before it stay noted; a permanent refusal of one recipient (5xx) is
 * noted and reported in the outcome's `refused` under its position, so the dispatcher
 * marks only that delivery failed. One window remains: a crash between the server's "250 OK"
 * and our note sends that one message again on retry. Its Message-ID is derived
 * from the key and position, so the copy is recognisable as the same message.
 */
export function smtpTransport(opts: { url: string; db: Db; from: string }): Transport {
  const mailer = nodemailer.createTransport(`${opts.url}${opts.url.includes('?') ? '&' : '?'}pool=true`);
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
        ).map((r) => [r.position, r]),
      );
      const ids: string[] = [];
      const refused: Record<number, string> = {};
      for (const [i, m] of messages.entries()) {
        const earlier = done.get(i);
        if (earlier) {
          ids.push(earlier.message_id);
          if (earlier.error !== null) refused[i] = earlier.error;
          continue;
        }
        const messageId = messageIdFor(idempotencyKey, i, opts.from);
        try {
          await mailer.sendMail(toMail(m, messageId));
          await note(opts.db, idempotencyKey, i, messageId, null);
          ids.push(messageId);
        } catch (err) {
          const code = (err as { responseCode?: number }).responseCode;
          const reason = String((err as Error).message ?? err);
          if (code !== undefined && code >= 500) {
            await note(opts.db, idempotencyKey, i, messageId, reason);
            ids.push(messageId);
            refused[i] = reason;
            continue;
          }
          return { kind: 'retryable', reason: `SMTP message ${i + 1} of ${messages.length}: ${reason}` };
        }
      }
      return Object.keys(refused).length > 0
        ? { kind: 'sent', providerIds: ids, refused }
        : { kind: 'sent', providerIds: ids };
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
