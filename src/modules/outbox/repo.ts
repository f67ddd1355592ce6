import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowOf, rowsOf, sqlJson } from '../../db/rows.js';

const OutboxRow = z.object({
  id: z.number(),
  message_id: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  headers: sqlJson(z.record(z.string(), z.string())),
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

const OUTBOX_SELECT = `SELECT id, message_id, from_address AS "from", to_address AS "to", subject,
         headers_json AS headers, html, text, created_at
    FROM outbox_messages`;

/** listOutbox returns stored messages, newest first, optionally for one address. */
export async function listOutbox(db: Db, q: { to?: string; limit: number }): Promise<OutboxMessage[]> {
  const rows = q.to
    ? await db.all(`${OUTBOX_SELECT} WHERE to_address = ? ORDER BY id DESC LIMIT ?`, [q.to, q.limit])
    : await db.all(`${OUTBOX_SELECT} ORDER BY id DESC LIMIT ?`, [q.limit]);
  return rowsOf(OutboxRow, rows);
}

/** OutboxSummary is one stored message as a list shows it, without its bodies. */
export type OutboxSummary = Pick<OutboxMessage, 'id' | 'to' | 'subject' | 'createdAt'>;

const SummaryRow = z.object({
  id: z.number(),
  to: z.string(),
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
    `SELECT id, to_address AS "to", subject, created_at FROM outbox_messages
      WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR instr(to_address, ?2) > 0)
      ORDER BY id DESC LIMIT ?3`,
    [q.beforeId ?? null, q.part ?? null, q.limit],
  );
  return rowsOf(SummaryRow, rows);
}

/** findOutboxMessage reads one stored message, bodies and headers included. */
export async function findOutboxMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.get(`${OUTBOX_SELECT} WHERE id = ?`, [id]);
  return row ? rowOf(OutboxRow, row) : undefined;
}
