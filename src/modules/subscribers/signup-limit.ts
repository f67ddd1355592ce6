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
 * Behind reverse proxies (TRUST_PROXY_HOPS=n) it is the address the n-th proxy from us
 * saw, read from the right of X-Forwarded-For: entries further left are whatever the
 * client sent, so they are never trusted. Where there is no socket (Cloudflare Workers,
 * app.request in tests) the CF-Connecting-IP header that Cloudflare sets is used.
 */
export function clientAddress(c: Context, trustProxyHops = 0): string {
  // Only @hono/node-server puts the Node request in c.env; getConnInfo throws without it.
  const env = c.env as { incoming?: unknown } | undefined;
  if (env?.incoming) {
    let address = getConnInfo(c).remote.address;
    if (trustProxyHops > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      // With fewer entries than proxies, the request did not come through all of them.
      if (hops.length >= trustProxyHops) address = hops[hops.length - trustProxyHops];
    }
    if (address) return rateKey(address);
  }
  return rateKey(c.req.header('cf-connecting-ip') ?? 'unknown');
}

/**
 * rateKey is what the limit counts per: an IPv4 address (also when written IPv4-mapped,
 * ::ffff:1.2.3.4), or an IPv6 address's /64, since one household holds a whole /64 and
 * could otherwise take a fresh address for every attempt.
 */
export function rateKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(':')) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (Number.parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/** withinSignupLimit counts one attempt of this client and says whether it is within SIGNUP_RATE_PER_MINUTE. */
export function withinSignupLimit(deps: AppDeps, c: Context): boolean {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new FixedWindowLimiter(deps.config.signupRatePerMinute, deps.now);
    limiters.set(deps, limiter);
  }
  return limiter.take(clientAddress(c, deps.config.trustProxyHops));
}

/** limitSignup throws rate_limited once this client made more than SIGNUP_RATE_PER_MINUTE attempts this minute. */
export function limitSignup(deps: AppDeps, c: Context): void {
  if (!withinSignupLimit(deps, c)) {
    throw new AppError(
      'rate_limited',
      'Er zijn vanaf uw adres te veel aanmeldingen in korte tijd gedaan. Probeer het over een minuut opnieuw.',
    );
  }
}
