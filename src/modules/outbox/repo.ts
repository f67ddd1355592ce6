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

/** listOutbox returns stored messages, newest first, optionally for one address. */
export async function listOutbox(db: Db, q: { to?: string; limit: number }): Promise<OutboxMessage[]> {
  const rows = q.to
    ? await db.all('SELECT * FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT ?', [
        q.to,
        q.limit,
      ])
    : await db.all('SELECT * FROM outbox_messages ORDER BY id DESC LIMIT ?', [q.limit]);
  return rows.map((raw) => {
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
  });
}
