// SQL of the CoCo's notices: how long board requests have waited, and the queued notice mails.
import { z } from 'zod';
import type { Db } from '../../db/port.js';

const WaitingRow = z.object({ waiting: z.number(), oldest_at: z.string().nullable() });

/**
 * waitingBoardRequests counts the people waiting for the CoCo's approval on a list that needs
 * it (the besturen), and when the longest wait began: the status is set when the request
 * comes in, so updated_at is that moment.
 */
export async function waitingBoardRequests(db: Db): Promise<{ waiting: number; oldestAt: string | null }> {
  const row = WaitingRow.parse(
    await db.get(
      `SELECT count(DISTINCT s.subscriber_id) AS waiting, min(s.updated_at) AS oldest_at
         FROM subscriptions s JOIN lists l ON l.id = s.list_id
        WHERE s.status = 'pending_approval' AND l.requires_approval = 1`,
    ),
  );
  return { waiting: row.waiting, oldestAt: row.oldest_at };
}

/**
 * queueNotice queues one notice to every active CoCo account, unless a notice was queued
 * since `quietSince`: one statement, so two ticks at once cannot both send one. It answers
 * how many mails it queued.
 */
export async function queueNotice(
  db: Db,
  n: { waiting: number; oldestAt: string; now: string; quietSince: string },
): Promise<number> {
  const r = await db.run(
    `INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     SELECT a.id, 'notice', ?, 'notice-' || a.id || '-' || ?, ?, ?
       FROM accounts a
      WHERE a.role = 'coco' AND a.disabled_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.kind = 'notice' AND q.created_at > ?)`,
    [
      JSON.stringify({ listNames: [], waiting: n.waiting, oldestAt: n.oldestAt }),
      n.now,
      n.now,
      n.now,
      n.quietSince,
    ],
  );
  return r.changes;
}
