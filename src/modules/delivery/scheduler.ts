import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { dueScheduledCampaigns, unschedule } from '../campaigns/status.js';
import { recoverExpiredLeases } from './batch-repo.js';
import { freezeCampaign } from './freeze.js';
import { completeCampaigns } from './status-repo.js';

/**
 * startScheduledCampaigns freezes every scheduled campaign whose moment has come. It reads
 * the schedule from the database, so after a restart a campaign due meanwhile starts at once.
 * One whose audience emptied meanwhile returns to draft (logged), so it does not linger.
 */
export async function startScheduledCampaigns(deps: AppDeps): Promise<number[]> {
  const started: number[] = [];
  for (const id of await dueScheduledCampaigns(deps.db, deps.now().toISOString())) {
    try {
      await freezeCampaign(deps, id);
      started.push(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') {
        await unschedule(deps.db, id, deps.now().toISOString());
        deps.log.warn('scheduled campaign not started: no recipients; back to draft', { campaignId: id });
      } else if (!(err instanceof AppError && err.code === 'conflict')) {
        deps.log.error('scheduled campaign could not start', { campaignId: id, error: String(err) });
      }
    }
  }
  return started;
}

/** deliveryTick is the campaigns' housekeeping in the dispatcher: due schedules, crashed leases, finished campaigns. */
export async function deliveryTick(deps: AppDeps): Promise<void> {
  await startScheduledCampaigns(deps);
  const now = deps.now().toISOString();
  const recovered = await recoverExpiredLeases(deps.db, now);
  if (recovered > 0) deps.log.warn('expired delivery leases returned to the queue', { recovered });
  await completeCampaigns(deps.db, now);
}
