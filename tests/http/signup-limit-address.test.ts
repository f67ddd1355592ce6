// Which address the signup limit counts: the TCP peer, X-Forwarded-For only behind as many
// proxies as TRUST_PROXY_HOPS says, and an IPv6 network per /64. Over a real socket, since
// the peer address exists only there.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { rateKey } from '../../src/modules/subscribers/signup-limit.js';
import { makeTestApp } from '../support/app.js';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function listen(env: Record<string, string>) {
  const t = await makeTestApp({}, { SIGNUP_RATE_PER_MINUTE: '2', ...env });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return (forwardedFor?: string) =>
    fetch(`${base}/api/signup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ email: `p${n++}@example.nl`, lists: ['geinteresseerden'] }),
    }).then((r) => r.status);
}

describe('the address a signup is counted against', () => {
  it('is the socket peer without a trusted proxy: a forged X-Forwarded-For buys nothing', async () => {
    const signup = await listen({});
    expect(await signup('198.51.100.1')).toBe(202);
    expect(await signup('198.51.100.2')).toBe(202);
    expect(await signup('198.51.100.3')).toBe(429);
  });

  it('behind one proxy is the address that proxy appended, whatever the client put before it', async () => {
    const signup = await listen({ TRUST_PROXY_HOPS: '1' });
    expect(await signup('198.51.100.1')).toBe(202);
    expect(await signup('203.0.113.9, 198.51.100.1')).toBe(202);
    // The client forged a different first entry, but the proxy saw the same address.
    expect(await signup('203.0.113.10, 198.51.100.1')).toBe(429);
    // Another visitor behind the same proxy has a limit of their own.
    expect(await signup('198.51.100.2')).toBe(202);
  });

  it('behind two proxies skips the one nearest to us', async () => {
    const signup = await listen({ TRUST_PROXY_HOPS: '2' });
    expect(await signup('198.51.100.1, 10.0.0.5')).toBe(202);
    expect(await signup('198.51.100.1, 10.0.0.6')).toBe(202);
    expect(await signup('198.51.100.1, 10.0.0.5')).toBe(429);
    expect(await signup('198.51.100.2, 10.0.0.5')).toBe(202);
  });

  it('counts an IPv6 household network (/64) as one address, and IPv4-mapped IPv6 as IPv4', () => {
    expect(rateKey('2001:db8:1:2:aaaa::1')).toBe(rateKey('2001:DB8:1:2:bbbb:cccc:dddd:2'));
    expect(rateKey('2001:db8:1:2::1')).not.toBe(rateKey('2001:db8:1:3::1'));
    expect(rateKey('2001:db8::1')).toBe(rateKey('2001:0db8:0000:0000:ffff::9'));
    expect(rateKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateKey('198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('TRUST_PROXY_HOPS', () => {
  it('refuses a value that is not a small whole number, naming the variable', async () => {
    await expect(makeTestApp({}, { TRUST_PROXY_HOPS: 'ja' })).rejects.toThrow(/TRUST_PROXY_HOPS/);
    await expect(makeTestApp({}, { TRUST_PROXY_HOPS: '-1' })).rejects.toThrow(/TRUST_PROXY_HOPS/);
  });
});
