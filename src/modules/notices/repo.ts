// SQL of the CoCo's notices: how long board requests have waited. The notice mails are
// subscribers' (mail_queue's owner): queueNoticeStmt in ../subscribers/account-mail-repo.ts.
import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowOf } from '../../db/rows.js';

const WaitingRow = z.object({ waiting: z.number(), oldest_at: z.string().nullable() });

/**
 * waitingBoardRequests counts the people waiting for the CoCo's approval on a list that needs
 * it (the besturen), and when the longest wait began: the status is set when the request
 * comes in, so updated_at is that moment.
 */
export async function waitingBoardRequests(db: Db): Promise<{ waiting: number; oldestAt: string | null }> {
  return rowOf(
    WaitingRow,
    await db.get(
      `SELECT count(DISTINCT s.subscriber_id) AS waiting, min(s.updated_at) AS oldest_at
         FROM subscriptions s JOIN lists l ON l.id = s.list_id
        WHERE s.status = 'pending_approval' AND l.requires_approval = 1`,
    ),
  );
}
