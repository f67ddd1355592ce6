/**
 * SendPriority orders the callers of one bucket: a transactional mail (a confirmation that
 * someone waits for, a test mail) takes the next free slot before any campaign batch does.
 */
export type SendPriority = 'transactional' | 'campaign';

/** RateLimiter paces provider requests: acquire() resolves when one request may go out. */
export interface RateLimiter {
  readonly ratePerSecond: number;
  /** acquire waits for the next free slot and takes it; transactional callers go first. */
  acquire(priority?: SendPriority): Promise<void>;
  /** pauseFor holds every caller back, e.g. for the retry-after of a 429 answer. */
  pauseFor(ms: number): void;
}

/**
 * tokenBucket is a token bucket (on Node the runtime port's sendBucket, one per process) of `burst` tokens refilled at ratePerSecond. Callers wait
 * in one queue per priority; each free slot goes to the first transactional caller, else
 * the first campaign caller, so callers of one priority are served in order and the pace
 * holds to the millisecond. A burst of 1 (the default) spaces requests evenly, which keeps
 * a provider that counts per second from ever seeing more than its limit, whatever the
 * jitter.
 */
export function tokenBucket(
  ratePerSecond: number,
  opts: { burst?: number; clock?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): RateLimiter {
  const interval = 1000 / ratePerSecond;
  const burst = Math.max(1, opts.burst ?? 1);
  const clock = opts.clock ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // GCRA form of the bucket: `tat` is the theoretical arrival time of the next request;
  // a request may go `tolerance` before it, which is what lets a full bucket burst.
  const tolerance = (burst - 1) * interval;
  let tat = clock();
  let pausedUntil = 0;
  const waiting: Record<SendPriority, (() => void)[]> = { transactional: [], campaign: [] };
  let timerAt: number | null = null;

  // release hands out every slot that is free by `arrival` (the moment the caller was
  // entitled to; later when a timer fires late, so the pace does not drift), then sleeps
  // until the next one.
  const release = (arrival: number) => {
    for (;;) {
      const next = waiting.transactional.length > 0 ? waiting.transactional : waiting.campaign;
      if (next.length === 0) return;
      const now = clock();
      const at = Math.max(Math.min(arrival, now), pausedUntil, tat - tolerance);
      if (at > now) {
        if (timerAt === null) {
          timerAt = at;
          void sleep(at - now).then(() => {
            timerAt = null;
            release(at);
          });
        }
        return;
      }
      tat = Math.max(tat, at) + interval;
      next.shift()!();
      arrival = now;
    }
  };

  return {
    ratePerSecond,
    acquire(priority = 'campaign') {
      return new Promise<void>((resolve) => {
        waiting[priority].push(resolve);
        if (timerAt === null) release(clock());
      });
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock() + ms);
    },
  };
}
