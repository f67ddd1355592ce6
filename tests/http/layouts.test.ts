import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

const external = readFileSync(new URL('../fixtures/mjml/newsletter-external.mjml', import.meta.url), 'utf8');
const withSlots = external
  .replace('Hello there,', '{{greeting}}')
  .replace(/<mj-text color="#637381" font-size="16px">[\s\S]*?<\/mj-text>/, '<mj-text>{{content}}</mj-text>')
  .replace('You are receiving this email because you subscribed.', '{{footer}}');

function put(t: TestApp, name: string, body: string, type = 'text/plain', token = t.coco) {
  return t.app.request(`/api/layouts/${name}`, {
    method: 'PUT',
    headers: auth(token, { 'content-type': type }),
    body,
  });
}

describe('/api/layouts', () => {
  it('lists the built-in layouts with their slots', async () => {
    const t = await makeTestApp();
    const body = await (await t.app.request('/api/layouts', { headers: auth(t.coco) })).json();
    const standaard = body.items.find((l: { name: string }) => l.name === 'standaard');
    expect(standaard).toMatchObject({ origin: 'builtin' });
    expect(standaard.slots).toEqual(expect.arrayContaining(['content', 'footer', 'greeting', 'subject']));
  });

  it('accepts a real MJML template written elsewhere, warning that it has no content slot', async () => {
    const t = await makeTestApp();
    const res = await put(t, 'extern', external);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.origin).toBe('custom');
    expect(body.warnings.join(' ')).toContain('{{content}}');
  });

  it('also takes JSON {"mjml": ...} and serves the stored MJML back', async () => {
    const t = await makeTestApp();
    expect((await put(t, 'extern', JSON.stringify({ mjml: withSlots }), 'application/json')).status).toBe(
      201,
    );
    const got = await (await t.app.request('/api/layouts/extern', { headers: auth(t.coco) })).json();
    expect(got.mjml).toBe(withSlots);
    expect(got.slots).toEqual(['greeting', 'content', 'footer']);
  });

  it('rejects MJML that does not compile with 400 naming the line, and stores nothing', async () => {
    const t = await makeTestApp();
    const broken =
      '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-txt>Hoi</mj-txt>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>';
    const res = await put(t, 'kapot', broken);
    expect(res.status).toBe(400);
    const err = (await res.json()).error;
    expect(err.message).toContain('regel 5 (mj-txt): <mj-txt> bestaat niet in MJML');
    expect(Object.values(err.fields).join(' ')).toContain('regel 5');
    expect((await t.app.request('/api/layouts/kapot', { headers: auth(t.coco) })).status).toBe(404);
  });

  it('rejects a slot placed where HTML may not go', async () => {
    const t = await makeTestApp();
    const res = await put(
      t,
      'fout-slot',
      '<mjml><mj-body><mj-section>{{content}}<mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
    );
    expect(res.status).toBe(400);
  });

  it('refuses a layout with script, naming the line, and stores nothing', async () => {
    const t = await makeTestApp();
    const res = await put(
      t,
      'script',
      withSlots.replace('<mj-divider', '<mj-raw><img src="x" onerror="alert(1)"></mj-raw>\n<mj-divider'),
    );
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message;
    expect(message).toMatch(/regel \d+ \(img\): het attribuut onerror voert script uit/);
    const js = await put(
      t,
      'script',
      withSlots.replace('href="https://example.com"', 'href="java&#x09;script:alert(1)"'),
    );
    expect(js.status).toBe(400);
    expect((await js.json()).error.message).toContain('javascript:');
    expect((await t.app.request('/api/layouts/script', { headers: auth(t.coco) })).status).toBe(404);
  });

  it('refuses a layout of more than 2,000 MJML elements without compiling it', async () => {
    const t = await makeTestApp();
    const blocks = Array.from(
      { length: 700 },
      () => '<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>',
    );
    const started = performance.now();
    const res = await put(
      t,
      'groot',
      `<mjml><mj-body>${blocks.join('\n')}<mj-section><mj-column><mj-text>{{content}}</mj-text></mj-column></mj-section></mj-body></mjml>`,
    );
    expect(performance.now() - started).toBeLessThan(250);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('hoogstens 2.000');
  });

  it('refuses a layout whose {{content}} is not inside mj-body, naming the line', async () => {
    const t = await makeTestApp();
    const res = await put(
      t,
      'kop',
      '<mjml>\n  <mj-head>\n    <mj-title>{{content}}</mj-title>\n  </mj-head>\n  <mj-body>\n    <mj-section><mj-column><mj-text>{{footer}}</mj-text></mj-column></mj-section>\n  </mj-body>\n</mjml>',
    );
    expect(res.status).toBe(400);
    const err = (await res.json()).error;
    expect(err.message).toContain('regel 3 (mj-title): {{content}} staat niet in <mj-body>');
    expect((await t.app.request('/api/layouts/kop', { headers: auth(t.coco) })).status).toBe(404);
  });

  it('gives a layout without mj-title the campaign subject as the document title', async () => {
    const t = await makeTestApp();
    const untitled = withSlots.replace('<mj-title>Discount Light</mj-title>', '');
    expect((await put(t, 'zonder-titel', untitled)).status).toBe(201);
    const created = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'netwerkmail',
        subject: 'Uitnodiging & meer',
        layout: 'zonder-titel',
        content: { body: 'x' },
      }),
    });
    const { id } = await created.json();
    const html = await (
      await t.app.request(`/api/campaigns/${id}/preview`, { headers: auth(t.coco) })
    ).text();
    expect(html).toContain('<title>Uitnodiging &#38; meer</title>');
  });

  it('will not render a layout with script that was stored before the rules existed', async () => {
    const t = await makeTestApp();
    await put(t, 'oud', withSlots);
    const created = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ kind: 'netwerkmail', subject: 'Oud', layout: 'oud', content: { body: 'x' } }),
    });
    const { id } = await created.json();
    const unsafe = withSlots.replace(
      '<mj-divider',
      '<mj-raw><script>alert(1)</script></mj-raw>\n<mj-divider',
    );
    await t.db.run('UPDATE mail_layouts SET mjml = ? WHERE name = ?', [unsafe, 'oud']);
    const preview = await t.app.request(`/api/campaigns/${id}/preview`, { headers: auth(t.coco) });
    expect(preview.status).toBe(400);
    expect((await preview.json()).error.message).toContain('<script> is niet toegestaan');
    const another = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ kind: 'netwerkmail', subject: 'Nieuw', layout: 'oud', content: { body: 'x' } }),
    });
    expect(another.status).toBe(400);
    expect((await another.json()).error.fields.layout).toContain('Upload hem opnieuw');
  });

  it('overrides a built-in, and deleting the override brings the built-in back', async () => {
    const t = await makeTestApp();
    expect((await put(t, 'standaard', withSlots)).status).toBe(200);
    let got = await (await t.app.request('/api/layouts/standaard', { headers: auth(t.coco) })).json();
    expect(got.origin).toBe('override');
    expect(got.mjml).toBe(withSlots);
    const del = await t.app.request('/api/layouts/standaard', { method: 'DELETE', headers: auth(t.coco) });
    expect(await del.json()).toEqual({ restored: true });
    got = await (await t.app.request('/api/layouts/standaard', { headers: auth(t.coco) })).json();
    expect(got.origin).toBe('builtin');
    const again = await t.app.request('/api/layouts/standaard', { method: 'DELETE', headers: auth(t.coco) });
    expect(again.status).toBe(409);
  });

  it('uses an uploaded layout for a campaign: content poured in escaped, footer with unsubscribe link', async () => {
    const t = await makeTestApp();
    await put(t, 'extern', withSlots);
    const created = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'netwerkmail',
        subject: 'Test <layout>',
        layout: 'extern',
        content: { body: 'Tekst met <script>alert(1)</script> erin' },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const html = await (
      await t.app.request(`/api/campaigns/${id}/preview`, { headers: auth(t.coco) })
    ).text();
    expect(html).toContain('Weekly update');
    expect(html).toContain('Beste Anna,');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toMatch(/href="https:\/\/stadsdorpen\.test\/afmelden\//);
  });

  it('refuses to delete an uploaded layout that an unsent campaign still uses', async () => {
    const t = await makeTestApp();
    await put(t, 'extern', withSlots);
    await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'netwerkmail',
        subject: 'Met layout',
        layout: 'extern',
        content: { body: 'x' },
      }),
    });
    const del = await t.app.request('/api/layouts/extern', { method: 'DELETE', headers: auth(t.coco) });
    expect(del.status).toBe(409);
    expect((await del.json()).error.message).toContain('Met layout');
    expect((await t.app.request('/api/layouts/extern', { headers: auth(t.coco) })).status).toBe(200);
  });

  it('refuses a campaign on a layout without a content slot', async () => {
    const t = await makeTestApp();
    await put(t, 'extern', external);
    const res = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({ kind: 'netwerkmail', subject: 'x', layout: 'extern', content: { body: 'x' } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.layout).toContain('{{content}}');
  });

  it('answers 401 without a token and 403 for a stadsdorp editor', async () => {
    const t = await makeTestApp();
    expect((await t.app.request('/api/layouts')).status).toBe(401);
    const editor = await editorToken(t.deps, await addStadsdorp(t.deps, { slug: 'west' }));
    expect((await put(t, 'x', external, 'text/plain', editor)).status).toBe(403);
    expect((await t.app.request('/api/layouts', { headers: auth(editor) })).status).toBe(403);
  });
});
