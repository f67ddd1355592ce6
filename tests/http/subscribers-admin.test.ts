import { describe, expect, it } from 'vitest';
import { SubscriptionStatus } from '../../src/modules/subscribers/schema.js';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';
import { linkIn, mailsTo, postForm, postJson, statusesOf } from './subscribers-support.js';

async function setup() {
  const t = await makeTestApp();
  const zuid = await addStadsdorp(t.deps, { slug: 'stadsdorp-zuid', name: 'Stadsdorp Zuid', gebied: 'Zuid' });
  const editor = await editorToken(t.deps, zuid);
  const api = (method: string, path: string, body?: unknown, token: string | null = t.coco) =>
    t.app.request(path, {
      method,
      headers: { ...(token ? auth(token) : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const add = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/subscribers', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { id: number };
  };
  return { ...t, editor, api, add };
}

const ADMIN_ROUTES: [string, string][] = [
  ['GET', '/api/lists'],
  ['POST', '/api/lists'],
  ['GET', '/api/subscribers'],
  ['POST', '/api/subscribers'],
  ['GET', '/api/subscribers/1'],
  ['PATCH', '/api/subscribers/1'],
  ['POST', '/api/subscribers/1/approve'],
  ['POST', '/api/subscribers/1/reject'],
  ['GET', '/api/subscribers/1/export'],
  ['DELETE', '/api/subscribers/1'],
];

describe('the admin API on subscribers and lists', () => {
  it('answers 401 without a token and 403 to a stadsdorp editor on every route', async () => {
    const t = await setup();
    await t.add({ email: 'x@example.nl', lists: [{ list: 'geinteresseerden', status: 'confirmed' }] });
    for (const [m, p] of ADMIN_ROUTES) {
      expect((await t.api(m, p, undefined, null)).status, `${m} ${p}`).toBe(401);
      expect((await t.api(m, p, undefined, 'nas_onbekend')).status, `${m} ${p}`).toBe(401);
      expect((await t.api(m, p, undefined, t.editor)).status, `${m} ${p}`).toBe(403);
    }
    expect(await statusesOf(t.db, 'x@example.nl')).toEqual({ geinteresseerden: 'confirmed' });
  });

  it('lists the two lists from the first start and adds a third', async () => {
    const t = await setup();
    const before = await (await t.api('GET', '/api/lists')).json();
    expect(before.items.map((l: { slug: string }) => l.slug)).toEqual(['besturen', 'geinteresseerden']);
    expect(before.items[0]).toMatchObject({ requiresApproval: true, requiresStadsdorp: true });
    const res = await t.api('POST', '/api/lists', {
      slug: 'pers',
      name: 'Pers',
      description: 'Journalisten',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ slug: 'pers', requiresApproval: false });
    expect((await t.api('POST', '/api/lists', { slug: 'pers', name: 'Dubbel' })).status).toBe(409);
    const bad = await t.api('POST', '/api/lists', { slug: 'Met Spatie', name: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['name', 'slug']);
  });

  it('searches, filters and pages through subscribers with a cursor', async () => {
    const t = await setup();
    for (let i = 1; i <= 5; i++) {
      await t.add({
        email: `lid${i}@example.nl`,
        name: i === 3 ? 'Anneke Bakker' : `Lid ${i}`,
        stadsdorp: i % 2 ? 'stadsdorp-zuid' : null,
        lists: [{ list: 'geinteresseerden', status: i <= 3 ? 'confirmed' : 'unsubscribed' }],
      });
    }
    const page1 = await (await t.api('GET', '/api/subscribers?limit=2')).json();
    expect(page1.items.map((s: { email: string }) => s.email)).toEqual([
      'lid1@example.nl',
      'lid2@example.nl',
    ]);
    expect(page1.items[0]).toMatchObject({
      stadsdorp: { slug: 'stadsdorp-zuid', name: 'Stadsdorp Zuid' },
      subscriptions: [{ list: 'geinteresseerden', status: 'confirmed' }],
    });
    const page2 = await (await t.api('GET', `/api/subscribers?limit=2&after=${page1.nextCursor}`)).json();
    const page3 = await (await t.api('GET', `/api/subscribers?limit=2&after=${page2.nextCursor}`)).json();
    expect([...page2.items, ...page3.items].map((s: { email: string }) => s.email)).toEqual([
      'lid3@example.nl',
      'lid4@example.nl',
      'lid5@example.nl',
    ]);
    expect(page3.nextCursor).toBeNull();

    const search = await (await t.api('GET', '/api/subscribers?q=bakker')).json();
    expect(search.items.map((s: { email: string }) => s.email)).toEqual(['lid3@example.nl']);
    const gone = await (
      await t.api('GET', '/api/subscribers?list=geinteresseerden&status=unsubscribed')
    ).json();
    expect(gone.items.map((s: { email: string }) => s.email)).toEqual(['lid4@example.nl', 'lid5@example.nl']);
  });

  it('shows a page of 500 subscribers, each with its subscriptions (more than one query can bind)', async () => {
    const t = await setup();
    const csv = `E-mailadres;Naam\r\n${Array.from({ length: 250 }, (_, i) => `lid${i}@example.nl;Lid ${i}`).join('\r\n')}`;
    const imported = await t.app.request('/api/subscribers/import?list=geinteresseerden', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'text/csv' }),
      body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const res = await t.api('GET', '/api/subscribers?limit=500');
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await res.json();
    expect(page.items).toHaveLength(250);
    for (const item of page.items) {
      expect(item.subscriptions, item.email).toEqual([{ list: 'geinteresseerden', status: 'confirmed' }]);
    }
  });

  it('refuses bad query values with a 400 naming the field', async () => {
    const t = await setup();
    for (const [q, field] of [
      ['status=weg', 'status'],
      ['list=onbekend', 'list'],
      ['limit=0', 'limit'],
      ['after=abc', 'after'],
    ]) {
      const res = await t.api('GET', `/api/subscribers?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.fields, q).toHaveProperty(field!);
    }
    for (const id of ['0', '-1', 'abc', '1.5']) {
      const res = await t.api('GET', `/api/subscribers/${id}`);
      expect(res.status, id).toBe(400);
      expect((await res.json()).error.fields).toHaveProperty('id');
    }
    expect((await t.api('GET', '/api/subscribers/999')).status).toBe(404);
  });

  it('names the statuses to choose from, in Dutch, wherever a status is refused', async () => {
    const t = await setup();
    const every =
      'Kies een status: unconfirmed, pending_approval, confirmed, unsubscribed, bounced of complained.';
    for (const path of ['/api/subscribers?status=weg', '/api/subscribers/export?list=besturen&status=weg']) {
      const res = await t.api('GET', path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.fields.status, path).toBe(every);
    }
    for (const status of SubscriptionStatus.options) {
      expect((await t.api('GET', `/api/subscribers?status=${status}`)).status, status).toBe(200);
      expect(
        (await t.api('GET', `/api/subscribers/export?list=besturen&status=${status}`)).status,
        status,
      ).toBe(200);
    }
    // Bounced and complained come from the provider only: the CoCo cannot set them.
    const res = await t.api('POST', '/api/subscribers', {
      email: 'x@example.nl',
      lists: [{ list: 'geinteresseerden', status: 'bounced' }],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields['lists.0.status']).toBe(
      'Kies unconfirmed, pending_approval, confirmed of unsubscribed.',
    );
  });

  it('creates a person with a confirmation mail for unconfirmed lists, logging the CoCo user', async () => {
    const t = await setup();
    const created = await t.add({
      email: 'Nieuw@Example.nl',
      name: 'Nieuw',
      lists: [{ list: 'geinteresseerden', status: 'unconfirmed' }],
    });
    expect(created).toMatchObject({
      email: 'nieuw@example.nl',
      subscriptions: [{ list: 'geinteresseerden', status: 'unconfirmed' }],
    });
    expect((await mailsTo(t, 'nieuw@example.nl'))[0]!.subject).toMatch(/Bevestig/);
    const exported = await (await t.api('GET', `/api/subscribers/${created.id}/export`)).json();
    expect(exported.consentLog).toEqual([
      expect.objectContaining({ list: 'geinteresseerden', action: 'admin_edit', source: 'user:Test CoCo' }),
    ]);
    const dup = await t.api('POST', '/api/subscribers', { email: 'nieuw@example.nl' });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields).toHaveProperty('email');
  });

  it('refuses a besturen member without a stadsdorp and writes nothing', async () => {
    const t = await setup();
    const res = await t.api('POST', '/api/subscribers', {
      email: 'b@example.nl',
      lists: [
        { list: 'geinteresseerden', status: 'confirmed' },
        { list: 'besturen', status: 'confirmed' },
      ],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('stadsdorp');
    expect(await t.db.get('SELECT * FROM subscribers')).toBeUndefined();
  });

  it('edits name, stadsdorp and statuses, and refuses to leave besturen without a stadsdorp', async () => {
    const t = await setup();
    const { id } = await t.add({
      email: 'e@example.nl',
      lists: [{ list: 'geinteresseerden', status: 'confirmed' }],
    });
    const res = await t.api('PATCH', `/api/subscribers/${id}`, {
      name: 'Eva',
      stadsdorp: 'stadsdorp-zuid',
      lists: [{ list: 'besturen', status: 'confirmed' }],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: 'Eva',
      stadsdorp: { slug: 'stadsdorp-zuid' },
      subscriptions: [
        { list: 'besturen', status: 'confirmed' },
        { list: 'geinteresseerden', status: 'confirmed' },
      ],
    });
    const orphan = await t.api('PATCH', `/api/subscribers/${id}`, { stadsdorp: null });
    expect(orphan.status).toBe(400);
    expect((await orphan.json()).error.fields).toHaveProperty('stadsdorp');
    const unknown = await t.api('PATCH', `/api/subscribers/${id}`, {
      lists: [{ list: 'nope', status: 'confirmed' }],
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields).toHaveProperty('lists');
    expect(await statusesOf(t.db, 'e@example.nl')).toEqual({
      besturen: 'confirmed',
      geinteresseerden: 'confirmed',
    });
  });

  it('approves and rejects board requests', async () => {
    const t = await setup();
    for (const email of ['ja@example.nl', 'nee@example.nl']) {
      await postJson(t.app, '/api/signup', { email, lists: ['besturen'], stadsdorp: 'stadsdorp-zuid' });
      await postForm(t.app, linkIn((await mailsTo(t, email))[0]!, 'bevestigen'), [['actie', 'bevestigen']]);
    }
    const pending = await (
      await t.api('GET', '/api/subscribers?list=besturen&status=pending_approval')
    ).json();
    const [ja, nee] = pending.items as { id: number }[];
    const approved = await t.api('POST', `/api/subscribers/${ja!.id}/approve`);
    expect(approved.status).toBe(200);
    expect((await approved.json()).subscriptions).toEqual([{ list: 'besturen', status: 'confirmed' }]);
    expect((await t.api('POST', `/api/subscribers/${nee!.id}/reject`)).status).toBe(200);
    expect(await statusesOf(t.db, 'nee@example.nl')).toEqual({ besturen: 'unsubscribed' });
    expect((await t.api('POST', `/api/subscribers/${ja!.id}/approve`)).status).toBe(409);
    const log = (await (await t.api('GET', `/api/subscribers/${ja!.id}/export`)).json()).consentLog;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['signup', 'confirm', 'approve']);

    const subjects = async (email: string) => (await mailsTo(t, email)).map((m) => m.subject);
    const approvedMail = (await mailsTo(t, 'ja@example.nl')).find((m) => /goedgekeurd/.test(m.subject));
    expect(approvedMail?.text).toMatch(/CoCo\) heeft uw aanmelding goedgekeurd/);
    expect(approvedMail?.text).toMatch(/besturen/);
    expect(await subjects('nee@example.nl')).not.toContainEqual(expect.stringMatching(/goedgekeurd/));
  });

  it('exports everything held on a person', async () => {
    const t = await setup();
    const { id } = await t.add({
      email: 'ex@example.nl',
      name: 'Ex',
      stadsdorp: 'stadsdorp-zuid',
      lists: [{ list: 'geinteresseerden', status: 'confirmed' }],
    });
    const res = await t.api('GET', `/api/subscribers/${id}/export`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(await res.json()).toMatchObject({
      subscriber: { email: 'ex@example.nl', name: 'Ex', stadsdorp: { slug: 'stadsdorp-zuid' } },
      subscriptions: [{ list: 'geinteresseerden', status: 'confirmed' }],
      consentLog: [{ action: 'admin_edit' }],
    });
  });

  it('erases a person: row and subscriptions gone, the consent log keeps only the hash plus an erase entry', async () => {
    const t = await setup();
    await postJson(t.app, '/api/signup', {
      email: 'weg@example.nl',
      name: 'Weg',
      lists: ['geinteresseerden'],
    });
    const { id } = (await (await t.api('GET', '/api/subscribers?q=weg')).json()).items[0];
    expect((await t.api('DELETE', `/api/subscribers/${id}`)).status).toBe(204);
    expect((await t.api('GET', `/api/subscribers/${id}`)).status).toBe(404);
    expect(await t.db.all('SELECT * FROM subscriptions')).toEqual([]);
    const log = await t.db.all<Record<string, unknown>>('SELECT * FROM consent_log ORDER BY id');
    expect(log.map((r) => r.action)).toEqual(['signup', 'erase']);
    expect(new Set(log.map((r) => r.email_hash)).size).toBe(1);
    expect(log.every((r) => r.subscriber_id === null)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('weg@example.nl');
    expect(await mailsTo(t, 'weg@example.nl')).toEqual([]);
    expect((await t.api('DELETE', `/api/subscribers/${id}`)).status).toBe(404);
  });
});
