import type { Transport } from './transport.js';

/** RateLimiter paces provider requests: acquire() resolves when one request may go out. */
export interface RateLimiter {
  readonly ratePerSecond: number;
  /** acquire waits for the next free slot and takes it. */
  acquire(): Promise<void>;
  /** pauseFor holds every caller back, e.g. for the retry-after of a 429 answer. */
  pauseFor(ms: number): void;
}

/**
 * tokenBucket is a token bucket of `burst` tokens refilled at ratePerSecond. It
 * books slots rather than polling: each caller reserves the next free moment, so
 * concurrent callers queue fairly and the pace holds to the millisecond. A burst
 * of 1 (the default) spaces requests evenly, which keeps a provider that counts
 * per second from ever seeing more than its limit, whatever the jitter.
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
  return {
    ratePerSecond,
    async acquire() {
      const now = clock();
      const sendAt = Math.max(now, pausedUntil, tat - tolerance);
      tat = Math.max(tat, sendAt) + interval;
      const wait = sendAt - now;
      if (wait > 0) await sleep(wait);
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock() + ms);
    },
  };
}

const limiters = new WeakMap<Transport, RateLimiter>();

/**
 * limiterFor returns the one bucket of a transport, shared by every campaign and
 * every caller in this process (dispatch, test mails), created on first use.
 */
export function limiterFor(transport: Transport, ratePerSecond: number): RateLimiter {
  let l = limiters.get(transport);
  if (!l || l.ratePerSecond !== ratePerSecond) {
    l = tokenBucket(ratePerSecond);
    limiters.set(transport, l);
  }
  return l;
}
