// The mail_queue rows of account mails. subscribers owns mail_queue (README.md, "Tables and
// their owners"); accounts queues its login and invite links with these builders, notices
// its notices to the CoCo.
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

/**
 * queueNoticeStmt queues one notice to every active CoCo account, unless a notice was queued
 * since `quietSince`: one statement, so two ticks at once cannot both send one (notices puts
 * it in its batch; its changes are the number of mails queued).
 */
export function queueNoticeStmt(n: {
  waiting: number;
  oldestAt: string;
  now: string;
  quietSince: string;
}): Statement {
  return cocoMailStmt('notice', { waiting: n.waiting, oldestAt: n.oldestAt }, n.now, n.quietSince);
}

/**
 * cocoMailStmt queues one mail of this kind to every active CoCo account, unless one of this
 * kind was queued since `quietSince`; the idempotency key is the kind, the account and `now`.
 */
function cocoMailStmt(
  kind: 'notice' | 'contributions-digest',
  data: Record<string, unknown>,
  now: string,
  quietSince: string,
): Statement {
  return stmt(
    `INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     SELECT a.id, ?1, ?2, ?1 || '-' || a.id || '-' || ?3, ?3, ?3
       FROM accounts a
      WHERE a.role = 'coco' AND a.disabled_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM mail_queue q WHERE q.kind = ?1 AND q.created_at > ?4)`,
    [kind, JSON.stringify({ listNames: [], ...data }), now, quietSince],
  );
}

/**
 * queueContributionDeclinedStmt queues the mail that tells an editor the CoCo declined their
 * contribution and why. It goes right after the statement that declines, in one batch, and
 * queues only when that statement changed its row (`changes()`), so a decline that lost a
 * race mails nobody; nothing either when the account is gone or disabled.
 */
export function queueContributionDeclinedStmt(m: {
  accountId: number;
  contributionId: number;
  title: string;
  reason: string;
  now: string;
}): Statement {
  return stmt(
    `INSERT INTO mail_queue (account_id, kind, data_json, idempotency_key, created_at, next_attempt_at)
     SELECT a.id, 'contribution-declined', ?, ?, ?, ? FROM accounts a
      WHERE changes() = 1 AND a.id = ? AND a.disabled_at IS NULL`,
    [
      JSON.stringify({ listNames: [], title: m.title, reason: m.reason }),
      `contribution-declined-${m.contributionId}`,
      m.now,
      m.now,
      m.accountId,
    ],
  );
}

/**
 * queueContributionsDigestStmt queues the digest of waiting contributions to every active
 * CoCo account, unless a digest was queued since `quietSince`: one statement, so two ticks at
 * once (or a restart) cannot send a second one; its changes are the number of mails queued.
 */
export function queueContributionsDigestStmt(n: {
  waiting: number;
  items: { stadsdorp: string; kind: 'news' | 'agenda'; title: string }[];
  now: string;
  quietSince: string;
}): Statement {
  return cocoMailStmt('contributions-digest', { waiting: n.waiting, items: n.items }, n.now, n.quietSince);
}
