// The mail_queue rows of account mails. subscribers owns mail_queue (README.md, "Tables and
// their owners"); accounts queues its login and invite links with this builder.
import { type Statement, stmt } from '../../db/port.js';

/**
 * queueAccountMailStmt queues the mail that carries an account's login or invite link, for
 * accounts to put in its own batch. Kept apart from mail-queue.ts, which renders mails, so
 * that accounts (and the CLI) load no templates to queue one.
 */
export function queueAccountMailStmt(m: {
  accountId: number;
  linkPublicId: string;
  purpose: 'login' | 'invite';
  now: string;
}): Statement {
  return stmt(
    `INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     VALUES (?, 'login-link', ?, ?, ?, ?)`,
    [
      m.accountId,
      JSON.stringify({ listNames: [], linkId: m.linkPublicId, purpose: m.purpose }),
      `login-link-${m.linkPublicId}`,
      m.now,
      m.now,
    ],
  );
}
