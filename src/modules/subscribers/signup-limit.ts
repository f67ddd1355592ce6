import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';

type Deps = Pick<AppDeps, 'config' | 'now' | 'runtime'>;

/**
 * clientAddress is the address a signup is counted against: the peer of the connection, as
 * the runtime tells it (the TCP peer on Node). Behind reverse proxies (TRUST_PROXY_HOPS=n) it
 * is the address the n-th proxy from us saw, read from the right of X-Forwarded-For: entries
 * further left are whatever the client sent, so they are never trusted. Where the runtime
 * knows no peer (app.request in tests) the CF-Connecting-IP header that Cloudflare sets is used.
 */
export function clientAddress(deps: Pick<AppDeps, 'runtime'>, c: Context, trustProxyHops = 0): string {
  let address = deps.runtime.clientAddress(c);
  if (address !== undefined) {
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

/**
 * withinSignupLimit counts one attempt of this client and says whether it is within
 * SIGNUP_RATE_PER_MINUTE. The signup API, the signup form and "send a new link" share one
 * count per client, kept by the runtime so that every process or isolate sees it.
 */
export async function withinSignupLimit(deps: Deps, c: Context): Promise<boolean> {
  const key = `signup:${clientAddress(deps, c, deps.config.trustProxyHops)}`;
  const attempts = await deps.runtime.windowCounters.add(key, 60_000, deps.now());
  return attempts <= deps.config.signupRatePerMinute;
}

/** limitSignup throws rate_limited once this client made more than SIGNUP_RATE_PER_MINUTE attempts this minute. */
export async function limitSignup(deps: Deps, c: Context): Promise<void> {
  if (!(await withinSignupLimit(deps, c))) {
    throw new AppError(
      'rate_limited',
      'Er zijn vanaf uw adres te veel aanmeldingen in korte tijd gedaan. Probeer het over een minuut opnieuw.',
    );
  }
}
