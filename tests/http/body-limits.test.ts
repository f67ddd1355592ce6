import { randomBytes } from 'node:crypto';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { auth, makeTestApp } from '../support/app.js';

const KB = 1024;
const secret = `whsec_${randomBytes(24).toString('base64')}`;

/**
 * lazyBody is a chunked body of `total` bytes (no Content-Length) that is produced only as it
 * is read, and counts how much was read: a 500 MB body costs nothing unless somebody reads it.
 */
function lazyBody(total: number, chunk = 64 * KB) {
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= total) return controller.close();
        const n = Math.min(chunk, total - read.bytes);
        read.bytes += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

function streamed(method: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>) {
  return { method, headers, body, duplex: 'half' } as RequestInit;
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  const body = await res.json();
  expect(body.error.code).toBe('payload_too_large');
  expect(body.error.message).toMatch(/te groot/);
}

describe('body limits', () => {
  it('refuses a JSON body above 256 kB with 413, before the login check', async () => {
    const t = await makeTestApp();
    const big = JSON.stringify({ kind: 'netwerkmail', subject: 'x', content: 'a'.repeat(300 * KB) });
    const headers = { 'content-type': 'application/json' };
    await expectTooLarge(await t.app.request('/api/campaigns', { method: 'POST', headers, body: big }));
    await expectTooLarge(
      await t.app.request('/api/campaigns', { method: 'POST', headers: auth(t.coco, headers), body: big }),
    );
    expect(await t.db.get('SELECT id FROM campaigns')).toBeUndefined();
  });

  it('refuses a chunked JSON body without Content-Length after reading just past the limit', async () => {
    const t = await makeTestApp();
    const { stream, read } = lazyBody(50 * 1024 * KB);
    const res = await t.app.request(
      '/api/campaigns',
      streamed('POST', auth(t.coco, { 'content-type': 'application/json' }), stream),
    );
    await expectTooLarge(res);
    expect(read.bytes).toBeLessThanOrEqual(256 * KB + 64 * KB);
  });

  it('refuses a form body above 256 kB on a public page with 413', async () => {
    const t = await makeTestApp();
    const body = new URLSearchParams([['name', 'a'.repeat(300 * KB)]]).toString();
    const res = await t.app.request('/voorkeuren/abc.def', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://stadsdorpen.test' },
      body,
    });
    await expectTooLarge(res);
  });

  it('refuses a webhook above 1 MB with 413 before the signature is checked, with or without Content-Length', async () => {
    const t = await makeTestApp({}, { RESEND_WEBHOOK_SECRET: secret });
    const big = JSON.stringify({ type: 'email.delivered', data: { pad: 'a'.repeat(1100 * KB) } });
    const headers = {
      'content-type': 'application/json',
      'svix-id': 'msg_1',
      'svix-timestamp': '1',
      'svix-signature': 'v1,x',
    };
    await expectTooLarge(await t.app.request('/api/webhooks/resend', { method: 'POST', headers, body: big }));
    // 500 MB announced by nobody: counted while it streams in, refused just past 1 MB.
    const { stream, read } = lazyBody(500 * 1024 * KB);
    await expectTooLarge(await t.app.request('/api/webhooks/resend', streamed('POST', headers, stream)));
    expect(read.bytes).toBeLessThanOrEqual(1024 * KB + 64 * KB);
  });

  it('still takes a signed webhook of 900 kB', async () => {
    const t = await makeTestApp({}, { RESEND_WEBHOOK_SECRET: secret });
    const body = JSON.stringify({ type: 'email.opened', data: { pad: 'a'.repeat(900 * KB) } });
    const at = new Date();
    const res = await t.app.request('/api/webhooks/resend', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': 'msg_big',
        'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign('msg_big', at, body),
      },
      body,
    });
    expect(res.status).toBe(200);
  });

  it('counts a signup against the rate limit before reading its body', async () => {
    const t = await makeTestApp({}, { SIGNUP_RATE_PER_MINUTE: '1' });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await t.app.request('/aanmelden', {
      method: 'POST',
      headers: form,
      body: 'email=een%40example.nl&lists=geinteresseerden',
    });
    expect(first.status).toBe(200);
    const { stream, read } = lazyBody(200 * 1024 * KB);
    const res = await t.app.request('/aanmelden', streamed('POST', form, stream));
    expect(res.status).toBe(429);
    expect(read.bytes).toBe(0);

    const api = lazyBody(200 * 1024 * KB);
    const apiRes = await t.app.request(
      '/api/signup',
      streamed('POST', { 'content-type': 'application/json' }, api.stream),
    );
    expect(apiRes.status).toBe(429);
    expect(api.read.bytes).toBe(0);
  });

  it('refuses a signup form above 256 kB with 413', async () => {
    const t = await makeTestApp();
    const { stream } = lazyBody(10 * 1024 * KB);
    const res = await t.app.request(
      '/aanmelden',
      streamed('POST', { 'content-type': 'application/x-www-form-urlencoded' }, stream),
    );
    await expectTooLarge(res);
  });
});
