import type { Db, Statement } from '../../db/port.js';
import { stmt } from '../../db/port.js';
import { sortableId } from '../../ids.js';
import { mailDate, messageIdFor } from '../message-id.js';
import type { BatchOutcome, OutgoingMessage, Transport } from '../transport.js';

/**
 * outboxTransport stores every message in SQLite instead of sending it, so the
 * service works with no mail account at all. A batch already stored under the
 * same idempotency key is answered with its first ids, as Resend does. Each message
 * keeps the headers it would have gone out with, Date and Message-ID (as the SMTP
 * transport makes it) included.
 */
export function outboxTransport(db: Db, now: () => Date = () => new Date()): Transport {
  return {
    name: 'outbox',
    maxBatchSize: 100,
    async sendBatch(messages: OutgoingMessage[], { idempotencyKey }): Promise<BatchOutcome> {
      const earlier = await db.all<{ message_id: string }>(
        'SELECT message_id FROM outbox_messages WHERE idempotency_key = ? ORDER BY id',
        [idempotencyKey],
      );
      if (earlier.length > 0) return { kind: 'sent', providerIds: earlier.map((r) => r.message_id) };
      // Time-ordered (src/ids.ts): each id lands on the index page the last one wrote.
      const ids = messages.map(() => `outbox-${sortableId()}`);
      const date = mailDate(now());
      await db.batch(
        messages.map((m, i) =>
          stmt(
            `INSERT INTO outbox_messages (message_id, idempotency_key, from_address, to_address, subject, headers_json, html, text)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              ids[i]!,
              idempotencyKey,
              m.from,
              m.to.trim().toLowerCase(),
              m.subject,
              JSON.stringify({
                Date: date,
                'Message-ID': messageIdFor(idempotencyKey, i, m.from),
                ...(m.replyTo ? { 'Reply-To': m.replyTo } : {}),
                ...m.headers,
              }),
              m.html,
              m.text,
            ],
          ),
        ),
      );
      return { kind: 'sent', providerIds: ids };
    },
  };
}

/**
 * forgetOutboxStatement deletes the stored copies of mails to an address (an erase). The
 * outbox keeps them in a database of its own (AppDeps.outboxDb), so this runs there, on
 * its own, not in the erase's batch.
 */
export function forgetOutboxStatement(email: string): Statement {
  return stmt('DELETE FROM outbox_messages WHERE to_address = ?', [email]);
}
