import { DatabaseUnavailable, faultBackoff, isDatabaseUnavailable } from '../../db/faults.js';
import type { AppDeps } from '../../deps.js';
import type { SendPriority } from '../../mail/rate-limiter.js';
import { type DispatchResult, dispatchOnce, type OutgoingStore } from './dispatcher.js';

/** DispatcherOptions: parallel lanes, the idle sleep between looks, and how often the housekeeping runs. */
export interface DispatcherOptions {
  concurrency?: number;
  idleMs?: number;
  tickMs?: number;
}

/**
 * Dispatcher is a running dispatcher loop: wake() ends the idle sleep of one lane, stop() lets
 * work in flight finish. A wake for transactional mail while a lane holds a batch of it is
 * dropped: the store leases one such batch at a time, and that lane looks again the moment it
 * has recorded it, so another lane would only find nothing to do.
 */
export interface Dispatcher {
  wake(kind?: SendPriority): void;
  stop(): Promise<void>;
}

type Deps = Pick<AppDeps, 'db' | 'transport' | 'runtime' | 'now' | 'log'>;

/**
 * startDispatcher runs the outgoing-mail loop in this process: housekeeping every tickMs and
 * `concurrency` lanes that each call dispatchOnce, paced by the shared send-rate bucket, so a
 * slot is never lost while one lane builds or records. Idle lanes look again every idleMs; wake()
 * sends one of them at once (the entry connects it to runtime.wakeWorkers). Timers only: the wake
 * itself comes from the runtime.
 */
export function startDispatcher(deps: Deps, store: OutgoingStore, opts: DispatcherOptions = {}): Dispatcher {
  const concurrency = opts.concurrency ?? 4;
  const idleMs = opts.idleMs ?? 250;
  const tickMs = opts.tickMs ?? 2000;
  let running = true;
  // Idle lanes sleep here; a wake ends every sleep of the set, stop() those of both sets.
  const lanesAsleep = new Set<() => void>();
  const housekeepingAsleep = new Set<() => void>();
  const sleep = (ms: number, sleepers: Set<() => void>) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        sleepers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      sleepers.add(done);
    });
  const wakeAll = (sleepers: Set<() => void>) => {
    for (const s of [...sleepers]) s();
  };
  // One lane per wake: it leases all that is due (up to a batch) and keeps going while work is
  // left; waking every lane would have the others find nothing, at a few queries each.
  const wakeOne = (sleepers: Set<() => void>) => {
    const [first] = sleepers;
    first?.();
  };

  // A database that refuses writes (lock, full disk) pauses the housekeeping and every lane
  // alike, with one back-off and one log line per episode instead of one per lane per try.
  const faults = faultBackoff(deps.log, 'outgoing mail');
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
        await store.housekeeping(deps.now());
      } catch (err) {
        if (isDatabaseUnavailable(err)) refused(err);
        else deps.log.error('outgoing mail housekeeping failed', { error: String(err) });
      }
      await sleep(tickMs, housekeepingAsleep);
    }
  })();

  const options = {
    bucket: deps.runtime.sendBucket,
    pace: true,
    now: deps.now,
    log: deps.log,
    stopping: () => !running,
  };
  // Lanes holding transactional work right now (see Dispatcher).
  let transactionalHeld = 0;
  const lane = async () => {
    // The store as this lane leases from it, noting when it holds transactional work.
    let holds = false;
    const leasing: OutgoingStore = {
      due: (now) => store.due(now),
      housekeeping: (now) => store.housekeeping(now),
      async lease(now) {
        const work = await store.lease(now);
        if (work?.priority === 'transactional') {
          holds = true;
          transactionalHeld++;
        }
        return work;
      },
    };
    while (running) {
      // A full disk: do not hand the provider more mail whose outcome cannot be recorded yet.
      if (deps.db.health?.().storageFull && pausedUntil <= Date.now()) refused(storageFull);
      if (pausedUntil > Date.now()) await pause();
      let result: DispatchResult | undefined;
      try {
        result = await dispatchOnce(leasing, deps.transport, options);
        if (result.kind !== 'idle') faults.succeeded();
      } catch (err) {
        if (isDatabaseUnavailable(err)) refused(err);
        else deps.log.error('outgoing mail dispatch failed', { error: String(err) });
      } finally {
        if (holds) transactionalHeld--;
        holds = false;
      }
      if (running && (!result || result.kind === 'idle')) await sleep(idleMs, lanesAsleep);
    }
  };
  const lanes = Array.from({ length: concurrency }, lane);

  return {
    wake(kind) {
      if (kind === 'transactional' && transactionalHeld > 0) return;
      if (pausedUntil <= Date.now()) wakeOne(lanesAsleep);
    },
    async stop() {
      running = false;
      wakeAll(lanesAsleep);
      wakeAll(housekeepingAsleep);
      await Promise.all([housekeeping, ...lanes]);
    },
  };
}
