// Notices to the CoCo: mails about work that waits in beheer. Today one: board requests that
// have waited a day. Run from the periodic loop of the composition root (hourly on Node).
import type { AppDeps } from '../../deps.js';
import { queueNoticeStmt } from '../subscribers/account-mail-repo.js';
import { waitingBoardRequests } from './repo.js';

/** NOTICE_AFTER_MS: a board request is worth a mail once it has waited this long (a day). */
export const NOTICE_AFTER_MS = 86_400_000;
/** NOTICE_QUIET_MS: at most one notice per this period (a day), however many requests come in. */
export const NOTICE_QUIET_MS = 86_400_000;

/**
 * noticeBoardRequests mails every CoCo account once, through the mail queue, when a board
 * request has waited a day, unless a notice went out in the last day. It answers how many
 * mails it queued (0 most of the time).
 */
export async function noticeBoardRequests(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const { waiting, oldestAt } = await waitingBoardRequests(deps.db);
  if (!oldestAt || now.getTime() - Date.parse(oldestAt) < NOTICE_AFTER_MS) return 0;
  const [result] = await deps.db.batch([
    queueNoticeStmt({
      waiting,
      oldestAt,
      now: now.toISOString(),
      quietSince: new Date(now.getTime() - NOTICE_QUIET_MS).toISOString(),
    }),
  ]);
  const queued = result?.changes ?? 0;
  if (queued > 0) deps.runtime.wakeWorkers('transactional');
  return queued;
}
