import { describe, expect, it } from 'vitest';
import { tokenBucket } from '../../src/mail/rate-limiter.js';

/** virtualTime runs a bucket on a clock that only moves when the bucket sleeps. */
function virtualTime() {
  let now = 0;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

describe('token bucket', () => {
  it('spaces requests evenly at the configured rate', async () => {
    const v = virtualTime();
    const bucket = tokenBucket(10, { clock: v.clock, sleep: v.sleep });
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      await bucket.acquire();
      times.push(v.now);
    }
    expect(times[0]).toBe(0);
    expect(times[20]).toBeCloseTo(2000, 6);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.every((g) => Math.abs(g - 100) < 1e-6)).toBe(true);
  });

  it('never lets more than the rate through in any one-second window, also with a burst allowed', async () => {
    const v = virtualTime();
    const bucket = tokenBucket(5, { burst: 5, clock: v.clock, sleep: v.sleep });
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      await bucket.acquire();
      times.push(v.now);
    }
    for (const t of times) {
      // A token bucket of 5 allows at most 5 + 5 per second in a window; evenly that is rate x seconds + burst.
      const inWindow = times.filter((x) => x >= t && x < t + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
    expect(times[49]).toBeCloseTo(9000, 6);
  });

  it('holds every caller back after a retry-after', async () => {
    const v = virtualTime();
    const bucket = tokenBucket(100, { clock: v.clock, sleep: v.sleep });
    await bucket.acquire();
    bucket.pauseFor(3000);
    await bucket.acquire();
    expect(v.now).toBe(3000);
  });

  it('queues concurrent callers fairly, each in its own slot', async () => {
    const bucket = tokenBucket(50);
    const start = performance.now();
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () => bucket.acquire().then(() => done.push(performance.now() - start))),
    );
    expect(done).toHaveLength(6);
    expect(Math.max(...done)).toBeGreaterThanOrEqual(95);
  });

  it('gives the next free slot to a transactional mail before campaign batches that waited longer', async () => {
    const v = virtualTime();
    const bucket = tokenBucket(10, { clock: v.clock, sleep: v.sleep });
    const order: string[] = [];
    const take = (name: string, priority: 'transactional' | 'campaign') =>
      bucket.acquire(priority).then(() => order.push(name));
    await Promise.all([
      take('c1', 'campaign'),
      take('c2', 'campaign'),
      take('c3', 'campaign'),
      take('t1', 'transactional'),
    ]);
    expect(order).toEqual(['c1', 't1', 'c2', 'c3']);
    // Still one slot each, 100 ms apart.
    expect(v.now).toBe(300);
  });
});
