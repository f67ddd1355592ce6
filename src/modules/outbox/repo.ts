import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowsOf, sqlJson } from '../../db/rows.js';

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
