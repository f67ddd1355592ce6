import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/mail/transport.js';
import { resendTransport, retryAfterMs } from '../../src/mail/transports/resend.js';
import { type FakeResend, type FakeResendOptions, startFakeResend } from '../fakes/resend-server.js';

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function messages(n: number, subject = 'Netwerkmail'): OutgoingMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    from: 'Netwerk <nieuwsbrief@stadsdorpen.nl>',
    to: `lezer${i}@example.org`,
    subject,
    html: `<p>Beste lezer ${i}</p>`,
    text: `Beste lezer ${i}`,
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }));
}

async function setup(opts: FakeResendOptions = {}, apiKey?: string) {
  fake = await startFakeResend(opts);
  return {
    f: fake,
    t: resendTransport({ apiKey: apiKey ?? fake.apiKey, baseUrl: fake.url, timeoutMs: 1000 }),
  };
}

async function raw(f: FakeResend, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${f.url}/emails/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('Resend transport against the fake Resend', () => {
  it('sends a batch in one call and returns one provider id per message, in order', async () => {
    const { f, t } = await setup();
    const out = await t.sendBatch(messages(3), { idempotencyKey: '7-0-abc' });
    expect(out.kind).toBe('sent');
    expect(out.kind === 'sent' && out.providerIds).toEqual(f.accepted.map((e) => e.id));
    expect(f.stats.requests).toBe(1);
    expect(f.accepted.map((e) => e.idempotencyKey)).toEqual(['7-0-abc', '7-0-abc', '7-0-abc']);
  });

  it('a retry with the same key and payload gets the first answer and sends nothing new', async () => {
    const { f, t } = await setup();
    const first = await t.sendBatch(messages(2), { idempotencyKey: 'k1' });
    const again = await t.sendBatch(messages(2), { idempotencyKey: 'k1' });
    expect(again).toEqual(first);
    expect(f.accepted).toHaveLength(2);
    expect(f.stats.replayed).toBe(1);
  });

  it('the same key with another payload is refused for good (409 invalid_idempotent_request)', async () => {
    const { t } = await setup();
    await t.sendBatch(messages(2), { idempotencyKey: 'k2' });
    const out = await t.sendBatch(messages(2, 'Anders'), { idempotencyKey: 'k2' });
    expect(out).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/409 invalid_idempotent_request/),
    });
  });

  it('the same key while the first request is in flight is retryable (409 concurrent_idempotent_requests)', async () => {
    const { t, f } = await setup();
    f.script({ delayMs: 300 });
    const first = t.sendBatch(messages(2), { idempotencyKey: 'k3' });
    // The second goes once the server holds the first (on a busy machine that takes a while).
    while (f.stats.requests < 1) await new Promise((r) => setTimeout(r, 10));
    const second = await t.sendBatch(messages(2), { idempotencyKey: 'k3' });
    expect(second).toMatchObject({
      kind: 'retryable',
      reason: expect.stringMatching(/concurrent_idempotent_requests/),
    });
    expect((await first).kind).toBe('sent');
    expect(f.accepted).toHaveLength(2);
  });

  it('maps 429 to rate_limited with the retry-after, 5xx and lost answers to retryable, auth to rejected', async () => {
    const { f, t } = await setup({ ratePerSecond: 1 });
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'a' })).kind).toBe('sent');
    expect(await t.sendBatch(messages(1), { idempotencyKey: 'b' })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 1000,
    });
    f.options.ratePerSecond = Number.POSITIVE_INFINITY;
    f.script('500', 'drop', '503');
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'c' })).kind).toBe('retryable');
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'd' })).kind).toBe('retryable');
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'e' })).kind).toBe('retryable');
    // The dropped batch was recorded: the retry is answered from the key, not sent again.
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'd' })).kind).toBe('sent');
    expect(f.accepted.filter((e) => e.idempotencyKey === 'd')).toHaveLength(1);

    const wrong = resendTransport({ apiKey: 're_wrong', baseUrl: f.url });
    expect(await wrong.sendBatch(messages(1), { idempotencyKey: 'x' })).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/403 invalid_api_key/),
    });
  });

  it('refuses more than 100 messages before calling the provider', async () => {
    const { f, t } = await setup();
    expect((await t.sendBatch(messages(101), { idempotencyKey: 'big' })).kind).toBe('rejected');
    expect(f.stats.requests).toBe(0);
  });

  it('a provider that does not answer in time is retryable', async () => {
    const { f } = await setup({ delayMs: 1500 });
    const t = resendTransport({ apiKey: f.apiKey, baseUrl: f.url, timeoutMs: 200 });
    expect((await t.sendBatch(messages(1), { idempotencyKey: 'slow' })).kind).toBe('retryable');
  });

  it('reads retry-after as seconds or a date, else ratelimit-reset', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4000)).toBe(6000);
    expect(retryAfterMs({ 'ratelimit-reset': '3' })).toBe(3000);
    expect(retryAfterMs({})).toBe(1000);
  });
});

describe('the fake Resend behaves as Resend documents', () => {
  it('answers 401 without a key and 403 with a wrong one, in Resend error bodies', async () => {
    const { f } = await setup();
    const none = await fetch(`${f.url}/emails/batch`, { method: 'POST', body: '[]' });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      statusCode: 401,
      name: 'missing_api_key',
      message: expect.any(String),
    });
    const wrong = await raw(f, [], { authorization: 'Bearer re_nope' });
    expect(wrong).toMatchObject({ status: 403, body: { statusCode: 403, name: 'invalid_api_key' } });
  });

  it('refuses a batch over 100 emails with 422 validation_error', async () => {
    const { f } = await setup();
    const res = await raw(
      f,
      messages(101).map((m) => ({ ...m, to: [m.to] })),
    );
    expect(res).toMatchObject({ status: 422, body: { name: 'validation_error' } });
  });

  it('sends ratelimit headers, and 429 with retry-after over its rate', async () => {
    const { f } = await setup({ ratePerSecond: 2 });
    const one = messages(1).map((m) => ({ ...m, to: [m.to] }));
    const ok = await raw(f, one);
    expect(ok.headers.get('ratelimit-limit')).toBe('2');
    await raw(f, one);
    const limited = await raw(f, one);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('keeps idempotency keys for 24 hours', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const { f } = await setup({ now: () => now });
    const one = messages(1).map((m) => ({ ...m, to: [m.to] }));
    await raw(f, one, { 'idempotency-key': 'day' });
    now += 23 * 3600_000;
    await raw(f, one, { 'idempotency-key': 'day' });
    expect(f.accepted).toHaveLength(1);
    now += 2 * 3600_000;
    await raw(f, one, { 'idempotency-key': 'day' });
    expect(f.accepted).toHaveLength(2);
  });
});
