// The CoCo's daily digest of waiting contributions: at most one mail a day to each CoCo account
// while contributions wait, through the one mail queue. The queue remembers when the last one
// went (its rows' created_at), so a restart or a second process sends no second digest.
import type { AppDeps } from '../../deps.js';
import type { OutgoingStore } from '../outgoing/dispatcher.js';
import { queueContributionsDigestStmt } from '../subscribers/account-mail-repo.js';
import { waitingContributions } from './service.js';

/** DIGEST_QUIET_MS: at most one digest per this period (a day), however many items come in. */
export const DIGEST_QUIET_MS = 86_400_000;
/** DIGEST_ITEMS: the digest names at most this many items, then counts the rest. */
const DIGEST_ITEMS = 20;
/** DIGEST_LOOK_EVERY_MS: the dispatcher's housekeeping runs every few seconds; the digest looks once a minute. */
const DIGEST_LOOK_EVERY_MS = 60_000;

/**
 * queueContributionsDigest queues the digest to every active CoCo account when contributions
 * wait and no digest went out in the last day; answers how many mails it queued (0 mostly).
 */
export async function queueContributionsDigest(deps: AppDeps): Promise<number> {
  const waiting = await waitingContributions(deps);
  if (waiting.length === 0) return 0;
  const now = deps.now();
  const [result] = await deps.db.batch([
    queueContributionsDigestStmt({
      waiting: waiting.length,
      items: waiting
        .slice(0, DIGEST_ITEMS)
        .map((c) => ({ stadsdorp: c.stadsdorpName, kind: c.kind, title: c.item.title })),
      now: now.toISOString(),
      quietSince: new Date(now.getTime() - DIGEST_QUIET_MS).toISOString(),
    }),
  ]);
  const queued = result?.changes ?? 0;
  if (queued > 0) deps.runtime.wakeWorkers('transactional');
  return queued;
}

/**
 * contributionDigests is a store for the outgoing-mail dispatcher with housekeeping only: once
 * a minute it queues the digest when it is due. It leases nothing itself; the digest goes out
 * as a transactional mail. The composition root lists it with the other stores, beside the
 * delivery tick that starts scheduled campaigns (delivery lies below this module).
 */
export function contributionDigests(deps: AppDeps): OutgoingStore {
  let lookedAt = Number.NEGATIVE_INFINITY;
  return {
    due: async () => null,
    lease: async () => undefined,
    async housekeeping(now) {
      if (now.getTime() - lookedAt < DIGEST_LOOK_EVERY_MS) return;
      lookedAt = now.getTime();
      await queueContributionsDigest(deps);
    },
  };
}
