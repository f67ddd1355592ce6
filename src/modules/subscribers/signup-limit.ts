import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';

/** FixedWindowLimiter counts attempts per key in one-minute windows; memory is one map per current minute. */
export class FixedWindowLimiter {
  private window = -1;
  private readonly counts = new Map<string, number>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => Date,
  ) {}

  /** take counts one attempt for key and says whether it is within the limit. */
  take(key: string): boolean {
    const w = Math.floor(this.now().getTime() / 60_000);
    if (w !== this.window) {
      this.window = w;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perMinute;
  }
}

// One limiter per app instance, shared by the signup API, the signup form and "send a new link".
const limiters = new WeakMap<AppDeps, FixedWindowLimiter>();

/**
 * clientAddress is the address a signup is counted against: the TCP peer on Node.
 * X-Forwarded-For is ignored, since anyone can send it; behind a reverse proxy all
 * visitors share the proxy's address, so raise SIGNUP_RATE_PER_MINUTE there. Where
 * there is no socket (Cloudflare Workers, app.request in tests) the CF-Connecting-IP
 * header that Cloudflare sets is used.
 */
export function clientAddress(c: Context): string {
  // Only @hono/node-server puts the Node request in c.env; getConnInfo throws without it.
  const env = c.env as { incoming?: unknown } | undefined;
  if (env?.incoming) {
    const address = getConnInfo(c).remote.address;
    if (address) return address;
  }
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/** limitSignup throws rate_limited once this client made more than SIGNUP_RATE_PER_MINUTE attempts this minute. */
export function limitSignup(deps: AppDeps, c: Context): void {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new FixedWindowLimiter(deps.config.signupRatePerMinute, deps.now);
    limiters.set(deps, limiter);
  }
  if (!limiter.take(clientAddress(c))) {
    throw new AppError(
      'rate_limited',
      'Er zijn vanaf uw adres te veel aanmeldingen in korte tijd gedaan. Probeer het over een minuut opnieuw.',
    );
  }
}
