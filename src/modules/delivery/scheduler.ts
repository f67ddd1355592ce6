import { DatabaseUnavailable, faultBackoff, isDatabaseUnavailable } from '../../db/faults.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { limiterFor } from '../../mail/rate-limiter.js';
import { dueScheduledCampaigns, unschedule } from '../campaigns/status.js';
import { recoverExpiredLeases } from './batch-repo.js';
import { dispatchNextBatch } from './dispatch.js';
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

/** deliveryTick is the housekeeping of one worker turn: due schedules, crashed leases, finished campaigns. */
export async function deliveryTick(deps: AppDeps): Promise<void> {
  await startScheduledCampaigns(deps);
  const now = deps.now().toISOString();
  const recovered = await recoverExpiredLeases(deps.db, now);
  if (recovered > 0) deps.log.warn('expired delivery leases returned to the queue', { recovered });
  await completeCampaigns(deps.db, now);
}

/** DeliveryWorkerOptions: parallel lanes, the idle sleep, and how often the housekeeping runs. */
export interface DeliveryWorkerOptions {
  concurrency?: number;
  idleMs?: number;
  tickMs?: number;
}

/**
 * startDeliveryWorker runs the delivery loop in this process: housekeeping every tickMs and
 * `concurrency` lanes that each dispatch the next due batch, paced by the transport's
 * shared token bucket. stop() lets batches in flight finish, then resolves.
 */
export function startDeliveryWorker(
  deps: AppDeps,
  opts: DeliveryWorkerOptions = {},
): { stop(): Promise<void> } {
  const concurrency = opts.concurrency ?? 4;
  const idleMs = opts.idleMs ?? 250;
  const tickMs = opts.tickMs ?? 2000;
  const limiter = limiterFor(deps.transport, deps.config.sendRatePerSecond);
  let running = true;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  // A database that refuses writes (lock, full disk) pauses the housekeeping and every lane
  // alike, with one back-off and one log line per episode instead of one per lane per try.
  const faults = faultBackoff(deps.log, 'delivery');
  let pausedUntil = 0;
  const refused = (err: unknown) => {
    // Lanes that were in flight when the trouble began fail together: one step of back-off.
    if (pausedUntil <= Date.now()) pausedUntil = Date.now() + faults.failed(err);
  };
  const storageFull = new DatabaseUnavailable('full', 60);
  const pause = () => new Promise((r) => setTimeout(r, Math.max(0, pausedUntil - Date.now())));

  const housekeeping = (async () => {
    while (running) {
      try {
        await deliveryTick(deps);
      } catch (err) {
        if (isDatabaseUnavailable(err)) refused(err);
        else deps.log.error('delivery tick failed', { error: String(err) });
      }
      await sleep(tickMs);
    }
  })();

  const lane = async () => {
    while (running) {
      // A full disk: do not hand the provider more mail whose outcome cannot be recorded yet.
      if (deps.db.health?.().storageFull && pausedUntil <= Date.now()) refused(storageFull);
      if (pausedUntil > Date.now()) await pause();
      let result: Awaited<ReturnType<typeof dispatchNextBatch>> | undefined;
      try {
        result = await dispatchNextBatch(deps, { limiter, stopping: () => !running });
        if (result.kind !== 'idle') faults.succeeded();
      } catch (err) {
        if (isDatabaseUnavailable(err)) refused(err);
        else deps.log.error('delivery dispatch failed', { error: String(err) });
      }
      if (!result || result.kind === 'idle') await new Promise((r) => setTimeout(r, idleMs));
    }
  };
  const lanes = Array.from({ length: concurrency }, lane);

  return {
    async stop() {
      running = false;
      (wake as (() => void) | null)?.();
      await Promise.all([housekeeping, ...lanes]);
    },
  };
}
