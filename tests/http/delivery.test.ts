import { describe, expect, it } from 'vitest';
import { deliveryCounts } from '../../src/modules/delivery/counts-repo.js';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { deliveryTick } from '../../src/modules/delivery/scheduler.js';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';
import {
  addRecipients,
  addSubscriber,
  campaignStatus,
  createNetwerkmail,
  drain,
  post,
} from '../support/delivery-builders.js';

async function outboxCopies(db: import('../../src/db/port.js').Db) {
  const rows = await db.all<{ to_address: string; n: number }>(
    'SELECT to_address, COUNT(*) AS n FROM outbox_messages GROUP BY to_address',
  );
  return new Map(rows.map((r) => [r.to_address, r.n]));
}

describe('sending a campaign', () => {
  it('delivers exactly one copy to every confirmed recipient and marks the campaign sent', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 250, { lists: ['geinteresseerden'] });
    const id = await createNetwerkmail(t.app, t.coco);

    const res = await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { status: string; recipients: number; batches: number };
    expect(body).toMatchObject({ status: 'sending', recipients: 250, batches: 3 });

    await drain(t.deps, t.clock);
    const copies = await outboxCopies(t.db);
    expect(copies.size).toBe(250);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(await campaignStatus(t.db, id)).toBe('sent');
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 250, queued: 0, sent: 250, failed: 0 });

    // Rendered once, stored with placeholders; each message has its own values filled in.
    const snapshot = await t.db.get<{ html: string }>(
      'SELECT html FROM campaign_snapshots WHERE campaign_id = ?',
      [id],
    );
    expect(snapshot?.html).toContain('%%UNSUBSCRIBE_URL%%');
    const one = await t.db.get<{ html: string }>(
      "SELECT html FROM outbox_messages WHERE to_address = 'lezer1@example.org'",
    );
    expect(one?.html).not.toContain('%%');
    expect(one?.html).toContain('https://stadsdorpen.test/afmelden/');

    const view = await t.app.request(`/api/campaigns/${id}`, { headers: auth(t.coco) });
    expect(await view.json()).toMatchObject({ status: 'sent' });
  });

  it('writes one delivery per person across lists and leaves out unconfirmed and suppressed addresses', async () => {
    const t = await makeTestApp();
    await addSubscriber(t.db, {
      email: 'beide@example.org',
      lists: { besturen: 'confirmed', geinteresseerden: 'confirmed' },
    });
    await addSubscriber(t.db, { email: 'nieuw@example.org', lists: { geinteresseerden: 'unconfirmed' } });
    await addSubscriber(t.db, { email: 'weg@example.org', lists: { geinteresseerden: 'unsubscribed' } });
    const blocked = await addSubscriber(t.db, {
      email: 'bounce@example.org',
      lists: { geinteresseerden: 'confirmed' },
    });
    await t.db.run("UPDATE subscribers SET suppressed_at = '2026-01-01T00:00:00Z' WHERE id = ?", [blocked]);
    await addSubscriber(t.db, {
      email: 'bestuur@example.org',
      name: 'Anna',
      lists: { besturen: 'confirmed' },
    });
    const id = await createNetwerkmail(t.app, t.coco, ['besturen', 'geinteresseerden']);

    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    await drain(t.deps, t.clock);
    expect(await outboxCopies(t.db)).toEqual(
      new Map([
        ['beide@example.org', 1],
        ['bestuur@example.org', 1],
      ]),
    );
    const anna = await t.db.get<{ html: string; headers_json: string }>(
      "SELECT html, headers_json FROM outbox_messages WHERE to_address = 'bestuur@example.org'",
    );
    expect(anna?.html).toContain('Anna');
    expect(JSON.parse(anna?.headers_json ?? '{}')).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('skips a recipient who unsubscribed after the freeze but before their batch was built', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 150);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    // lezer150 is in the second batch, which nobody has built yet.
    await t.db.run(
      `UPDATE subscriptions SET status = 'unsubscribed'
        WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = 'lezer150@example.org')`,
    );
    await drain(t.deps, t.clock);
    const copies = await outboxCopies(t.db);
    expect(copies.has('lezer150@example.org')).toBe(false);
    expect([...copies.keys()].filter((k) => !/^lezer\d+@/.test(k))).toEqual([]);
    expect(copies.size).toBe(149);
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 150, sent: 149, skipped: 1 });
    expect(await campaignStatus(t.db, id)).toBe('sent');
  });
});

describe('erasing a person during and after a send (AVG)', () => {
  it('leaves no copy of their address in deliveries, and sends nothing more to them', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 150);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    await dispatchNextBatch(t.deps); // batch 1 (lezer1..100) goes out; batch 2 is not built yet
    const idOf = async (email: string) =>
      (await t.db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [email]))!.id;
    for (const email of ['lezer1@example.org', 'lezer150@example.org']) {
      const res = await t.app.request(`/api/subscribers/${await idOf(email)}`, {
        method: 'DELETE',
        headers: auth(t.coco),
      });
      expect(res.status).toBeLessThan(300);
    }
    await drain(t.deps, t.clock);

    const copies = await outboxCopies(t.db);
    expect(copies.has('lezer150@example.org')).toBe(false);
    const left = await t.db.all(
      "SELECT id FROM deliveries WHERE email IN ('lezer1@example.org', 'lezer150@example.org')",
    );
    expect(left).toEqual([]);
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 150, sent: 149, skipped: 1 });
  });
});

describe('bad send requests change nothing', () => {
  it('refuses a campaign whose lists have no confirmed recipients, in Dutch', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 5, { status: 'unconfirmed' });
    const id = await createNetwerkmail(t.app, t.coco);
    const res = await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(body.error.message).toMatch(/geen bevestigde/);
    expect(body.error.fields).toHaveProperty('lists');
    expect(await campaignStatus(t.db, id)).toBe('draft');
    expect(await t.db.get('SELECT 1 FROM deliveries')).toBeUndefined();
    expect(await t.db.get('SELECT 1 FROM campaign_snapshots')).toBeUndefined();
  });

  it('refuses to send the same campaign twice', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, `/api/campaigns/${id}/send`, t.coco)).status).toBe(202);
    const again = await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/maar één keer/);
    expect((await deliveryCounts(t.db, id)).total).toBe(3);
  });

  it('two sends at the same moment (a double click) freeze once: one 202, one 409', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 120);
    const id = await createNetwerkmail(t.app, t.coco);
    const answers = await Promise.all([
      post(t.app, `/api/campaigns/${id}/send`, t.coco),
      post(t.app, `/api/campaigns/${id}/send`, t.coco),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    expect((await deliveryCounts(t.db, id)).total).toBe(120);
    expect(await t.db.all('SELECT batch_no FROM delivery_batches')).toHaveLength(2);
  });

  it('answers 404 for an unknown campaign and 400 for a bad id or a date in the past', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    expect((await post(t.app, '/api/campaigns/999/send', t.coco)).status).toBe(404);
    expect((await post(t.app, '/api/campaigns/abc/send', t.coco)).status).toBe(400);
    const past = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2026-11-28T09:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: { fields: object } }).error.fields).toHaveProperty('scheduledAt');
    const garbage = await post(t.app, `/api/campaigns/${id}/send`, t.coco, { scheduledAt: 'morgen' });
    expect(garbage.status).toBe(400);
    expect(await campaignStatus(t.db, id)).toBe('draft');
  });

  it('refuses to pause, resume or cancel a draft', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    for (const action of ['pause', 'resume', 'cancel']) {
      const res = await post(t.app, `/api/campaigns/${id}/${action}`, t.coco);
      expect(res.status).toBe(409);
    }
    expect(await campaignStatus(t.db, id)).toBe('draft');
  });

  it('requires a CoCo token: 401 without or with an unknown one, 403 for an editor', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 3);
    const id = await createNetwerkmail(t.app, t.coco);
    const editor = await editorToken(t.deps, await addStadsdorp(t.deps, { slug: 'zuidas' }));
    for (const action of ['send', 'pause', 'resume', 'cancel']) {
      expect((await t.app.request(`/api/campaigns/${id}/${action}`, { method: 'POST' })).status).toBe(401);
      expect((await post(t.app, `/api/campaigns/${id}/${action}`, 'nas_onbekend')).status).toBe(401);
      expect((await post(t.app, `/api/campaigns/${id}/${action}`, editor)).status).toBe(403);
    }
    expect(await campaignStatus(t.db, id)).toBe('draft');
  });
});

describe('pause, resume and cancel', () => {
  it('pauses between batches and resumes without losing or repeating anyone', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 320);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    expect((await dispatchNextBatch(t.deps)).kind).toBe('sent');

    const paused = await post(t.app, `/api/campaigns/${id}/pause`, t.coco);
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ status: 'paused', counts: { sent: 100, queued: 220 } });
    expect((await dispatchNextBatch(t.deps)).kind).toBe('idle');
    await deliveryTick(t.deps);
    expect(await campaignStatus(t.db, id)).toBe('paused');

    expect((await post(t.app, `/api/campaigns/${id}/resume`, t.coco)).status).toBe(200);
    await drain(t.deps, t.clock);
    const copies = await outboxCopies(t.db);
    expect(copies.size).toBe(320);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(await campaignStatus(t.db, id)).toBe('sent');
  });

  it('cancels the rest of a send; what went out stays counted', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 250);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    await dispatchNextBatch(t.deps);
    const res = await post(t.app, `/api/campaigns/${id}/cancel`, t.coco);
    expect(await res.json()).toMatchObject({
      status: 'cancelled',
      counts: { total: 250, sent: 100, cancelled: 150 },
    });
    await drain(t.deps, t.clock);
    expect((await outboxCopies(t.db)).size).toBe(100);
    expect(await campaignStatus(t.db, id)).toBe('cancelled');
  });
});

describe('scheduling', () => {
  it('starts a scheduled campaign when its moment comes, also in a fresh worker after a restart', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 10);
    const id = await createNetwerkmail(t.app, t.coco);
    const res = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2026-11-28T12:00:00+01:00',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'scheduled', scheduledAt: '2026-11-28T11:00:00.000Z' });

    await deliveryTick(t.deps);
    expect(await campaignStatus(t.db, id)).toBe('scheduled');
    // Nothing in memory carries the schedule: a tick of any (restarted) worker reads it from the database.
    t.clock.set('2026-11-28T11:00:01Z');
    await deliveryTick(t.deps);
    expect(await campaignStatus(t.db, id)).toBe('sending');
    await drain(t.deps, t.clock);
    expect((await outboxCopies(t.db)).size).toBe(10);
  });

  it('cancelling a scheduled campaign returns it to draft', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 2);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco, { scheduledAt: '2026-12-01T09:00:00Z' });
    const again = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2026-12-02T09:00:00Z',
    });
    expect(again.status).toBe(409);
    expect(await (await post(t.app, `/api/campaigns/${id}/cancel`, t.coco)).json()).toMatchObject({
      status: 'draft',
    });
    t.clock.set('2026-12-01T10:00:00Z');
    await deliveryTick(t.deps);
    expect(await campaignStatus(t.db, id)).toBe('draft');
  });
});

describe('scheduling is checked', () => {
  it('refuses a moment more than a year ahead, naming scheduledAt, and accepts one just within the year', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 2);
    const id = await createNetwerkmail(t.app, t.coco);
    // The test clock stands at 2026-11-28T10:00:00Z.
    const far = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2027-11-28T10:00:01Z',
    });
    expect(far.status).toBe(400);
    const body = (await far.json()) as { error: { message: string; fields: Record<string, string> } };
    expect(body.error.fields.scheduledAt).toMatch(/binnen een jaar/);
    expect(await campaignStatus(t.db, id)).toBe('draft');
    const near = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2027-11-28T10:00:00Z',
    });
    expect(near.status).toBe(200);
  });

  it('refuses "send now" on a scheduled campaign with the same 409 as rescheduling, and starts nothing', async () => {
    const t = await makeTestApp();
    await addRecipients(t.db, 2);
    const id = await createNetwerkmail(t.app, t.coco);
    await post(t.app, `/api/campaigns/${id}/send`, t.coco, { scheduledAt: '2026-12-01T09:00:00Z' });
    const reschedule = await post(t.app, `/api/campaigns/${id}/send`, t.coco, {
      scheduledAt: '2026-12-02T09:00:00Z',
    });
    const now = await post(t.app, `/api/campaigns/${id}/send`, t.coco);
    expect(now.status).toBe(409);
    expect(await now.json()).toEqual(await reschedule.json());
    expect(await campaignStatus(t.db, id)).toBe('scheduled');
    expect(await deliveryCounts(t.db, id)).toMatchObject({ total: 0 });
  });
});
