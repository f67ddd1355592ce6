import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { makeTestApp } from '../support/app.js';
import {
  addRecipients,
  addSubscriber,
  createNetwerkmail,
  drain,
  post,
} from '../support/delivery-builders.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;

/** signed builds the three Svix headers for a body, as Resend sends them. */
function signed(body: string, opts: { id?: string; at?: Date; key?: string } = {}) {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': new Webhook(opts.key ?? secret).sign(id, at, body),
  };
}

/** sentCampaign sends a campaign to the given recipients through the outbox and returns the provider id per address. */
async function sentCampaign(n = 3) {
  const t = await makeTestApp({}, { RESEND_WEBHOOK_SECRET: secret });
  await addRecipients(t.db, n);
  const id = await createNetwerkmail(t.app, t.coco);
  await post(t.app, `/api/campaigns/${id}/send`, t.coco);
  await drain(t.deps, t.clock);
  const rows = await t.db.all<{ email: string; provider_id: string }>(
    'SELECT email, provider_id FROM deliveries',
  );
  const providerId = (email: string) => rows.find((r) => r.email === email)?.provider_id ?? '';
  const hook = (body: string, headers: Record<string, string>) =>
    t.app.request('/api/webhooks/resend', { method: 'POST', headers, body });
  const event = (type: string, email: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type,
      created_at: new Date().toISOString(),
      data: { email_id: providerId(email), to: [email], subject: 'Uitnodiging', ...extra },
    });
  const status = async (email: string) =>
    (await t.db.get<{ status: string }>('SELECT status FROM deliveries WHERE email = ?', [email]))?.status;
  return { ...t, id, hook, event, status };
}

describe('Resend webhooks', () => {
  it('marks a delivery delivered, once per svix-id', async () => {
    const t = await sentCampaign();
    const body = t.event('email.delivered', 'lezer1@example.org');
    const headers = signed(body);
    const res = await t.hook(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, handled: true, type: 'email.delivered' });
    expect(await t.status('lezer1@example.org')).toBe('delivered');
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 3, delivered: 1 });

    const replay = await t.hook(body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ handled: false });
  });

  it('rejects a bad signature, an old timestamp, missing headers and another secret with 401', async () => {
    const t = await sentCampaign(1);
    const body = t.event('email.delivered', 'lezer1@example.org');
    const good = signed(body);
    const cases: Record<string, string>[] = [
      { ...good, 'svix-signature': 'v1,aGVsbG8gd29ybGQ=' },
      signed(body, { at: new Date(Date.now() - 10 * 60_000) }),
      signed(body, { key: `whsec_${randomBytes(24).toString('base64')}` }),
      { 'content-type': 'application/json' },
      {
        'content-type': 'application/json',
        'svix-id': good['svix-id'],
        'svix-timestamp': good['svix-timestamp'],
      },
    ];
    for (const headers of cases) {
      const res = await t.hook(body, headers);
      expect(res.status).toBe(401);
    }
    // A body changed after signing is refused too: the signature covers the raw bytes.
    expect((await t.hook(body.replace('delivered', 'bounced'), good)).status).toBe(401);
    expect(await t.status('lezer1@example.org')).toBe('sent');
    expect(await t.db.get('SELECT 1 FROM webhook_events')).toBeUndefined();
  });

  it('refuses every webhook while no RESEND_WEBHOOK_SECRET is set', async () => {
    const t = await makeTestApp();
    const body = JSON.stringify({ type: 'email.delivered', data: {} });
    expect(
      (await t.app.request('/api/webhooks/resend', { method: 'POST', headers: signed(body), body })).status,
    ).toBe(401);
  });

  it('a permanent bounce suppresses the address on every list, and the next campaign leaves it out', async () => {
    const t = await sentCampaign(3);
    await t.db.run(
      "INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT s.id, l.id, 'confirmed' FROM subscribers s, lists l WHERE s.email = 'lezer2@example.org' AND l.slug = 'besturen'",
    );
    const body = t.event('email.bounced', 'lezer2@example.org', {
      bounce: { type: 'Permanent', subType: 'General', message: 'Mailbox does not exist' },
    });
    expect((await t.hook(body, signed(body))).status).toBe(200);
    expect(await t.status('lezer2@example.org')).toBe('bounced');
    const sub = await t.db.get<{ suppressed_at: string | null; suppression_reason: string }>(
      "SELECT suppressed_at, suppression_reason FROM subscribers WHERE email = 'lezer2@example.org'",
    );
    expect(sub?.suppressed_at).not.toBeNull();
    expect(sub?.suppression_reason).toMatch(/Permanent/);
    const statuses = await t.db.all<{ status: string }>(
      "SELECT status FROM subscriptions WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = 'lezer2@example.org')",
    );
    expect(statuses.map((s) => s.status)).toEqual(['bounced', 'bounced']);
    const log = await t.db.all("SELECT action, source FROM consent_log WHERE action = 'bounce'");
    expect(log).toEqual([
      { action: 'bounce', source: 'webhook:resend' },
      { action: 'bounce', source: 'webhook:resend' },
    ]);

    const next = await createNetwerkmail(t.app, t.coco, ['besturen', 'geinteresseerden']);
    expect(await (await post(t.app, `/api/campaigns/${next}/send`, t.coco)).json()).toMatchObject({
      recipients: 2,
    });
    expect(
      await t.db.get("SELECT 1 FROM deliveries WHERE campaign_id = ? AND email = 'lezer2@example.org'", [
        next,
      ]),
    ).toBeUndefined();
  });

  it('a temporary bounce marks the delivery but keeps the address', async () => {
    const t = await sentCampaign(1);
    const body = t.event('email.bounced', 'lezer1@example.org', {
      bounce: { type: 'Transient', message: 'Mailbox full' },
    });
    await t.hook(body, signed(body));
    expect(await t.status('lezer1@example.org')).toBe('bounced');
    const sub = await t.db.get<{ suppressed_at: string | null }>('SELECT suppressed_at FROM subscribers');
    expect(sub?.suppressed_at).toBeNull();
  });

  it('a complaint unsubscribes and suppresses the address; a replay logs nothing twice', async () => {
    const t = await sentCampaign(2);
    const body = t.event('email.complained', 'lezer1@example.org');
    const headers = signed(body);
    await t.hook(body, headers);
    await t.hook(body, headers);
    expect(await t.status('lezer1@example.org')).toBe('complained');
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 2, complained: 1 });
    const sub = await t.db.get<{ status: string }>(
      "SELECT status FROM subscriptions WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = 'lezer1@example.org')",
    );
    expect(sub?.status).toBe('complained');
    expect(await t.db.all("SELECT action FROM consent_log WHERE action = 'complaint'")).toHaveLength(1);
    expect(
      (
        await t.db.get<{ suppressed_at: string | null }>(
          "SELECT suppressed_at FROM subscribers WHERE email = 'lezer1@example.org'",
        )
      )?.suppressed_at,
    ).not.toBeNull();
  });

  it('records failed and delayed deliveries', async () => {
    const t = await sentCampaign(2);
    const failed = t.event('email.failed', 'lezer1@example.org', {
      failed: { reason: 'reached_daily_quota' },
    });
    const delayed = t.event('email.delivery_delayed', 'lezer2@example.org');
    await t.hook(failed, signed(failed));
    await t.hook(delayed, signed(delayed));
    expect(await t.status('lezer1@example.org')).toBe('failed');
    expect(await t.status('lezer2@example.org')).toBe('sent');
    const row = await t.db.get<{ last_event: string }>(
      "SELECT last_event FROM deliveries WHERE email = 'lezer2@example.org'",
    );
    expect(row?.last_event).toBe('email.delivery_delayed');
    expect(await deliveryCounts(t.db, t.id)).toMatchObject({ sent: 1, failed: 1 });
  });

  it('finds the delivery by its tag when the event arrives before the provider id was recorded', async () => {
    const t = await makeTestApp({}, { RESEND_WEBHOOK_SECRET: secret });
    await addSubscriber(t.db, { email: 'snel@example.org', lists: { geinteresseerden: 'confirmed' } });
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    const d = await t.db.get<{ id: number }>('SELECT id FROM deliveries');
    const body = JSON.stringify({
      type: 'email.delivered',
      data: { email_id: 'prov-123', to: ['snel@example.org'], tags: { delivery_id: String(d?.id) } },
    });
    await t.app.request('/api/webhooks/resend', { method: 'POST', headers: signed(body), body });
    await drain(t.deps, t.clock);
    const row = await t.db.get<{ status: string }>('SELECT status FROM deliveries');
    expect(row?.status).toBe('delivered');
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 1, sent: 1, delivered: 1, queued: 0 });
  });
});
