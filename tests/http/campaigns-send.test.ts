import { describe, expect, it } from 'vitest';
import { dispatchNextBatch } from '../../src/modules/delivery/dispatch.js';
import { auth, makeTestApp } from '../support/app.js';

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

async function addConfirmed(t: TestApp, email: string, name: string | null) {
  const { lastRowId } = await t.db.run('INSERT INTO subscribers (public_id, email, name) VALUES (?, ?, ?)', [
    `pub-${email}`,
    email,
    name,
  ]);
  await t.db.run(
    `INSERT INTO subscriptions (subscriber_id, list_id, status) SELECT ?, id, 'confirmed' FROM lists`,
    [lastRowId],
  );
}

async function sendAll(t: TestApp) {
  for (let i = 0; i < 20; i++) if ((await dispatchNextBatch(t.deps)).kind === 'idle') return;
}

describe('a campaign from draft to inbox (with the delivery module)', () => {
  it('reaches every confirmed subscriber once, by name, escaped, and then shows in the archief', async () => {
    const t = await makeTestApp();
    await addConfirmed(t, 'anna@example.nl', 'Anna');
    await addConfirmed(t, 'zonder@example.nl', null);
    await addConfirmed(t, 'kees@example.nl', '<b>Kees</b>');
    const h = auth(t.coco, { 'content-type': 'application/json' });
    const created = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: h,
      body: JSON.stringify({
        kind: 'nieuwsbrief',
        subject: 'Nieuwsbrief december',
        content: { intro: 'Hallo!' },
      }),
    });
    const { id, slug } = await created.json();
    expect(
      (await t.app.request(`/api/campaigns/${id}/send`, { method: 'POST', headers: h, body: '{}' })).status,
    ).toBe(202);
    await sendAll(t);

    const campaign = await (await t.app.request(`/api/campaigns/${id}`, { headers: h })).json();
    expect(campaign.status).toBe('sent');
    expect(campaign.counts).toMatchObject({ total: 3, queued: 0, sent: 3, failed: 0 });

    const mails = await t.db.all<{ to_address: string; html: string; text: string; headers_json: string }>(
      'SELECT to_address, html, text, headers_json FROM outbox_messages ORDER BY to_address',
    );
    expect(mails.map((m) => m.to_address)).toEqual([
      'anna@example.nl',
      'kees@example.nl',
      'zonder@example.nl',
    ]);
    expect(mails.map((m) => /Beste [^\n]*,/.exec(m.text)?.[0])).toEqual([
      'Beste Anna,',
      'Beste <b>Kees</b>,',
      'Beste lezer,',
    ]);
    expect(mails[1]?.html).toContain('Beste &#60;b&#62;Kees&#60;/b&#62;,');
    for (const m of mails) {
      const headers = JSON.parse(m.headers_json);
      expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const url = /^<([^>]+)>/.exec(headers['List-Unsubscribe'])?.[1];
      expect(m.html).toContain(`href="${url}"`);
      expect(m.text).toContain(`https://stadsdorpen.test/archief/${slug}`);
    }

    const edit = await t.app.request(`/api/campaigns/${id}`, {
      method: 'PATCH',
      headers: h,
      body: JSON.stringify({ subject: 'Te laat' }),
    });
    expect(edit.status).toBe(409);
    expect(await (await t.app.request('/archief')).text()).toContain('Nieuwsbrief december');
    const web = await (await t.app.request(`/archief/${slug}`)).text();
    expect(web).toContain('Beste lezer,');
    expect(web).not.toContain('Anna');
  });
});
