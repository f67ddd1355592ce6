import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn } from '../support/beheer.js';

// The CoCo's layouts in beheer: the list, an upload (file or pasted) with its errors by line,
// the preview at two widths in a sandboxed frame, and delete where the service allows.

const external = readFileSync(new URL('../fixtures/mjml/newsletter-external.mjml', import.meta.url), 'utf8');
const withSlots = external
  .replace('Hello there,', '{{greeting}}')
  .replace(/<mj-text color="#637381" font-size="16px">[\s\S]*?<\/mj-text>/, '<mj-text>{{content}}</mj-text>')
  .replace('You are receiving this email because you subscribed.', '{{footer}}');
const broken =
  '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-txt>Hoi</mj-txt>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>';

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  return { ...t, anna: await loggedIn(t, 'anna@coco.nl') };
}

const text = async (res: Response) =>
  (await res.text())
    .replace(/\s+/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** upload posts the upload form as multipart, with a file or pasted MJML. */
function upload(b: Browser, fields: { name: string; mjml?: string; file?: string }) {
  const form = new FormData();
  form.set('name', fields.name);
  form.set('mjml', fields.mjml ?? '');
  if (fields.file !== undefined)
    form.set('file', new File([fields.file], 'layout.mjml', { type: 'text/plain' }));
  return b.app.request('/beheer/layouts', {
    method: 'POST',
    headers: {
      origin: b.origin,
      'sec-fetch-site': 'same-origin',
      cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: form,
  });
}

describe('/beheer/layouts', () => {
  it('is for the CoCo only; an editor gets the Dutch 403 page and uploads nothing', async () => {
    const t = await setup();
    const eddy = await loggedIn(t, EDDY.email);
    const res = await eddy.get('/beheer/layouts');
    expect(res.status).toBe(403);
    expect(await text(res)).toContain('Deze pagina is alleen voor de CoCo.');
    expect((await eddy.get('/beheer/layouts/standaard/voorbeeld')).status).toBe(403);
    expect((await upload(eddy, { name: 'x', mjml: withSlots })).status).toBe(403);
    expect(await t.db.get('SELECT 1 FROM mail_layouts')).toBeUndefined();
    expect(await text(await t.anna.get('/beheer'))).toContain('href="/beheer/layouts">Layouts</a>');
    expect(await text(await eddy.get('/beheer'))).not.toContain('/beheer/layouts');
  });

  it('lists the built-in layouts', async () => {
    const t = await setup();
    const html = await text(await t.anna.get('/beheer/layouts'));
    expect(html).toContain('<a href="/beheer/layouts/standaard">standaard</a>');
    expect(html).toContain('<a href="/beheer/layouts/eenvoudig">eenvoudig</a>');
    expect(html).toContain('Ingebouwd');
  });

  it('shows the errors of pasted MJML by line, keeps the text, and stores nothing', async () => {
    const t = await setup();
    const res = await upload(t.anna, { name: 'kapot', mjml: broken });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain('De layout is niet opgeslagen.');
    expect(html).toContain('Regel 5 (mj-txt): <mj-txt> bestaat niet in MJML');
    expect(html).toContain('<a href="#mjml">MJML: De MJML heeft een fout; zie hieronder.</a>');
    expect(html).toContain('<mj-txt>Hoi</mj-txt>');
    expect((await t.anna.get('/beheer/layouts/kapot')).status).toBe(404);
  });

  it('asks for a name and for MJML', async () => {
    const t = await setup();
    const res = await upload(t.anna, { name: 'Met Spaties' });
    expect(res.status).toBe(400);
    const html = await text(res);
    expect(html).toContain('Vul een naam in van kleine letters, cijfers en streepjes');
    expect(html).toContain('Kies een MJML-bestand of plak de MJML.');
  });

  it('takes a file, shows the layout with its preview at desktop width and at 375 px, and deletes it', async () => {
    const t = await setup();
    const res = await upload(t.anna, { name: 'kerst-2026', file: withSlots });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/beheer/layouts/kerst-2026?melding=opgeslagen');
    const html = await text(await t.anna.get('/beheer/layouts/kerst-2026?melding=opgeslagen'));
    expect(html).toContain('De layout is gecontroleerd en opgeslagen.');
    expect(html).toContain('Eigen upload');
    expect(html).toContain('{{greeting}} {{content}} {{footer}}');
    const frames = [...html.matchAll(/<iframe src="([^"]+)" sandbox="" title="([^"]+)" style="([^"]+)"/g)];
    expect(frames.map((f) => [f[1], f[3]])).toEqual([
      ['/beheer/layouts/kerst-2026/voorbeeld', 'width:36rem'],
      ['/beheer/layouts/kerst-2026/voorbeeld', 'width:375px'],
    ]);

    const preview = await t.anna.get('/beheer/layouts/kerst-2026/voorbeeld');
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(preview.headers.get('content-security-policy')).not.toContain('script-src');
    const doc = await preview.text();
    expect(doc).toContain('Terugblik op de Netwerkbijeenkomst');
    expect(doc).toContain('Beste Anna,');
    expect(doc).not.toContain('{{content}}');

    const ask = await text(await t.anna.get('/beheer/layouts/kerst-2026/verwijderen'));
    expect(ask).toContain('Layout kerst-2026 verwijderen?');
    const gone = await t.anna.post('/beheer/layouts/kerst-2026/verwijderen');
    expect(gone.headers.get('location')).toBe('/beheer/layouts?melding=verwijderd');
    expect((await t.anna.get('/beheer/layouts/kerst-2026')).status).toBe(404);
  });

  it('offers no delete for a built-in, and refuses to delete a layout a draft still uses', async () => {
    const t = await setup();
    const builtin = await text(await t.anna.get('/beheer/layouts/standaard'));
    expect(builtin).not.toContain('/beheer/layouts/standaard/verwijderen');
    expect((await t.anna.get('/beheer/layouts/standaard/verwijderen')).status).toBe(409);

    await upload(t.anna, { name: 'eigen', mjml: withSlots });
    const created = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'netwerkmail',
        subject: 'Met layout',
        layout: 'eigen',
        content: { body: 'Hoi' },
      }),
    });
    expect(created.status).toBe(201);
    const refused = await t.anna.post('/beheer/layouts/eigen/verwijderen');
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain('wordt nog gebruikt door campagne');
    expect((await t.anna.get('/beheer/layouts/eigen')).status).toBe(200);
  });
});
