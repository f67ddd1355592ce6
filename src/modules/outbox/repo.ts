import { z } from 'zod';
import type { Db } from '../../db/port.js';

const OutboxRow = z.object({
  id: z.number(),
  message_id: z.string(),
  from_address: z.string(),
  to_address: z.string(),
  subject: z.string(),
  headers_json: z.string(),
  html: z.string(),
  text: z.string(),
  created_at: z.string(),
});

/** OutboxMessage is one stored message as the API shows it. */
export interface OutboxMessage {
  id: number;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  headers: Record<string, string>;
  html: string;
  text: string;
  createdAt: string;
}

function toMessage(raw: unknown): OutboxMessage {
  const r = OutboxRow.parse(raw);
  return {
    id: r.id,
    messageId: r.message_id,
    from: r.from_address,
    to: r.to_address,
    subject: r.subject,
    headers: JSON.parse(r.headers_json) as Record<string, string>,
    html: r.html,
    text: r.text,
    createdAt: r.created_at,
  };
}

/** listOutbox returns stored messages, newest first, optionally for one address. */
export async function listOutbox(db: Db, q: { to?: string; limit: number }): Promise<OutboxMessage[]> {
  const rows = q.to
    ? await db.all('SELECT * FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT ?', [
        q.to,
        q.limit,
      ])
    : await db.all('SELECT * FROM outbox_messages ORDER BY id DESC LIMIT ?', [q.limit]);
  return rows.map(toMessage);
}

/** OutboxSummary is one stored message as a list shows it, without its bodies. */
export type OutboxSummary = Pick<OutboxMessage, 'id' | 'to' | 'subject' | 'createdAt'>;

const SummaryRow = z.object({
  id: z.number(),
  to_address: z.string(),
  subject: z.string(),
  created_at: z.string(),
});

/**
 * searchOutbox lists stored messages newest first, one keyset page before an id, those whose
 * address contains `part` when given. The outbox is for trying things out: a walk down the
 * primary key that stops at `limit` matches is quick enough for the thousands it holds.
 */
export async function searchOutbox(
  db: Db,
  q: { part?: string; beforeId?: number; limit: number },
): Promise<OutboxSummary[]> {
  const rows = await db.all(
    `SELECT id, to_address, subject, created_at FROM outbox_messages
      WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR instr(to_address, ?2) > 0)
      ORDER BY id DESC LIMIT ?3`,
    [q.beforeId ?? null, q.part ?? null, q.limit],
  );
  return rows.map((raw) => {
    const r = SummaryRow.parse(raw);
    return { id: r.id, to: r.to_address, subject: r.subject, createdAt: r.created_at };
  });
}

/** findOutboxMessage reads one stored message, bodies and headers included. */
export async function findOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.get('SELECT * FROM outbox_messages WHERE id = ?', [id]);
  return row ? toMessage(row) : undefined;
}
