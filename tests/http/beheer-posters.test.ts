import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { changeProfile, stadsdorpFor, uploadLogo } from '../../src/modules/print/service.js';
import { fixture, pageBoxes, text } from '../fixtures/print/inspect.js';
import { addStadsdorp, makeTestApp } from '../support/app.js';
import { addAccount, type Browser, EDDY, loggedIn } from '../support/beheer.js';

// The poster maker in beheer: an editor's own stadsdorp, the CoCo's any stadsdorp.

const coco = { tokenId: 1, name: 'CoCo', role: 'coco' as const, stadsdorpId: null };

async function setup() {
  const t = await makeTestApp();
  await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  await addStadsdorp(t.deps, { slug: 'zuidas', name: 'Stadsdorp Zuidas' });
  await addAccount(t.deps, { email: 'anna@coco.nl', name: 'Anna' });
  await addAccount(t.deps, EDDY);
  const s = await stadsdorpFor(t.deps, coco, 'jordaan');
  await changeProfile(t.deps, s, { brandColour: '#8C1B5A' });
  await uploadLogo(t.deps, s, fixture('logo.png'));
  return { ...t, anna: await loggedIn(t, 'anna@coco.nl'), eddy: await loggedIn(t, EDDY.email) };
}

const BASE = '/beheer/stadsdorpen/jordaan/posters';

/** makerForm is the maker's form as the page fills it for kennismaking, with changes. */
function makerForm(changes: Record<string, string> = {}): [string, string][] {
  const form: Record<string, string> = {
    template: 'kennismaking',
    naam: 'Kennismaking voor de markt',
    formaat: 'A3',
    'veld.titel': 'Kent u uw buren al?',
    ...changes,
  };
  return Object.entries(form);
}

/** multipart posts a file as a form field, from our own page. */
function multipart(b: Browser, path: string, field: string, bytes: Uint8Array, name: string) {
  const body = new FormData();
  body.set(field, new File([bytes as Uint8Array<ArrayBuffer>], name));
  return b.app.request(path, {
    method: 'POST',
    headers: {
      origin: b.origin,
      'sec-fetch-site': 'same-origin',
      cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body,
  });
}

const h1 = (html: string) =>
  /<h1[^>]*>([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'");
/** words is the text an SVG shows, its lines joined by spaces. */
const words = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join(' ');
const designId = (res: Response) => Number(/\/posters\/(\d+)\?/.exec(res.headers.get('location') ?? '')?.[1]);

describe('the poster maker pages', () => {
  it('shows an editor their templates as thumbnails in their own colour and logo, from the menu', async () => {
    const t = await setup();
    const start = await (await t.eddy.get('/beheer')).text();
    expect(start).toContain(`href="${BASE}">Posters en handouts</a>`);
    const res = await t.eddy.get(BASE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(h1(html)).toBe('Posters en handouts van Stadsdorp Jordaan');
    for (const title of [
      'Poster: kennismaking',
      'Handout: Bouw je stadsdorp',
      'Handout: Soorten activiteiten',
    ])
      expect(html).toContain(`<span class="kaart-titel">${title}`);
    // Five thumbnails, each one page, drawn in the stadsdorp's colour with its logo.
    expect(html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/g)).toHaveLength(5);
    expect(html.match(/data-page="2"/g)).toBeNull();
    expect(html).toContain('fill="#8C1B5A"');
    expect(html).toMatch(/href="\/beheer\/stadsdorpen\/jordaan\/posters\/beeld\/logo\?v=[0-9a-f]{16}"/);
    expect(html).toContain('@font-face{font-family:"NAS Print";font-weight:700');
  });

  it('opens a template with its texts, a counter per field, and the page itself beside the form', async () => {
    const t = await setup();
    const html = await (await t.eddy.get(`${BASE}/nieuw?template=kennismaking`)).text();
    expect(h1(html)).toBe('Poster: kennismaking');
    expect(html).toContain('value="Kent u uw buren al?"');
    expect(html).toMatch(/id="veld\.titel-teller">Nog \d+ tekens</);
    expect(html).toContain('name="formaat" value="A3" id="formaat" checked=""');
    expect(html).toMatch(/<svg xmlns[^>]*role="img" aria-label="Voorbeeld van Poster: kennismaking, A3"/);
    expect(html).toContain('>Kent u uw</tspan>');
    expect(html).toContain('<script src="/beheer/static/posters.js" defer=""></script>');
  });

  it('redraws the page as typed through the preview route, and names the field that is too long', async () => {
    const t = await setup();
    const ok = await t.eddy.post(
      `${BASE}/ontwerp/voorbeeld.svg`,
      makerForm({ 'veld.titel': 'Soep op zondag' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await ok.text();
    expect(words(svg)).toContain('Soep op zondag');
    expect(words(svg)).not.toContain('Kent u uw');

    const long = await t.eddy.post(
      `${BASE}/ontwerp/voorbeeld.svg`,
      makerForm({ 'veld.titel': 'x'.repeat(200) }),
    );
    expect(long.status).toBe(400);
    const body = await long.json();
    expect(body.error.fields['veld.titel']).toMatch(/'Titel' mag hoogstens \d+ tekens hebben/);

    const size = await t.eddy.post(`${BASE}/ontwerp/voorbeeld.svg`, makerForm({ formaat: 'A5' }));
    expect(size.status).toBe(400);
    expect((await size.json()).error.fields.formaat).toBe('Kies A4 of A3.');

    const handoutA3 = await t.eddy.post(
      `${BASE}/ontwerp/voorbeeld.svg`,
      makerForm({ template: 'bouw-je-stadsdorp', formaat: 'A3' }),
    );
    expect(handoutA3.status).toBe(400);
    expect((await handoutA3.json()).error.fields.formaat).toContain('alleen in A4');

    const unknown = await t.eddy.post(`${BASE}/ontwerp/voorbeeld.svg`, makerForm({ template: 'flyer' }));
    expect(unknown.status).toBe(404);
  });

  it('redraws the page without JavaScript, with the error at its field', async () => {
    const t = await setup();
    const ok = await t.eddy.post(`${BASE}/ontwerp/voorbeeld`, makerForm({ 'veld.titel': 'Soep op zondag' }));
    expect(ok.status).toBe(200);
    expect(words(await ok.text())).toContain('Soep op zondag');
    const bad = await t.eddy.post(`${BASE}/ontwerp/voorbeeld`, makerForm({ 'veld.titel': 'x'.repeat(200) }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('href="#veld.titel"');
    expect(html).toMatch(/id="veld\.titel-fout"/);
    expect(html).toMatch(/id="veld\.titel-teller">\d+ tekens te veel/);
    expect(html).toContain('Het voorbeeld is niet bijgewerkt');
  });

  it('downloads the PDF as typed, in A3 with bleed', async () => {
    const t = await setup();
    const res = await t.eddy.post(
      `${BASE}/ontwerp/pdf`,
      makerForm({ 'veld.titel': 'Soep op zondag', afloop: 'ja' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('jordaan-kennismaking-A3.pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const [boxes] = await pageBoxes(pdf);
    expect(Math.round((boxes!.trim.width / 72) * 25.4)).toBe(297);
    expect(boxes!.bleed.width).toBeGreaterThan(boxes!.trim.width);
    expect(text(pdf)).toContain('Soep op zondag');
  });

  it('saves, reopens, changes, copies and deletes a design', async () => {
    const t = await setup();
    const saved = await t.eddy.post(`${BASE}/ontwerp/opslaan`, makerForm({ 'veld.titel': 'Soep op zondag' }));
    expect(saved.status).toBe(303);
    const id = designId(saved);
    expect(saved.headers.get('location')).toBe(`${BASE}/${id}?melding=opgeslagen`);
    const reopened = await (await t.eddy.get(`${BASE}/${id}?melding=opgeslagen`)).text();
    expect(reopened).toContain('Het ontwerp is opgeslagen.');
    expect(reopened).toContain('value="Soep op zondag"');
    expect(reopened).toContain(`name="id" value="${id}"`);

    const changed = await t.eddy.post(
      `${BASE}/ontwerp/opslaan`,
      makerForm({ id: String(id), 'veld.titel': 'Soep op maandag', formaat: 'A4' }),
    );
    expect(designId(changed)).toBe(id);
    expect(await (await t.eddy.get(`${BASE}/${id}`)).text()).toContain('value="Soep op maandag"');

    // A second design of the same name is refused at the name field.
    const twice = await t.eddy.post(`${BASE}/ontwerp/opslaan`, makerForm());
    expect(twice.status).toBe(409);
    const twiceHtml = await twice.text();
    expect(twiceHtml).toContain('href="#naam"');
    expect(twiceHtml).toContain('Kies een andere naam');
    const nameless = await t.eddy.post(`${BASE}/ontwerp/opslaan`, makerForm({ naam: ' ' }));
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toContain('Geef het ontwerp een naam.');

    const copy = await t.eddy.post(`${BASE}/${id}/kopie`);
    expect(copy.status).toBe(303);
    const copyId = designId(copy);
    expect(copyId).not.toBe(id);
    const copyHtml = await (await t.eddy.get(`${BASE}/${copyId}`)).text();
    expect(copyHtml).toContain('value="Kennismaking voor de markt (kopie)"');
    expect(copyHtml).toContain('value="Soep op maandag"');

    const pdf = await t.eddy.get(`${BASE}/${copyId}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(text(new Uint8Array(await pdf.arrayBuffer()))).toContain('Soep op maandag');

    const confirm = await (await t.eddy.get(`${BASE}/${id}/verwijderen`)).text();
    expect(h1(confirm)).toBe("Ontwerp 'Kennismaking voor de markt' verwijderen?");
    const gone = await t.eddy.post(`${BASE}/${id}/verwijderen`);
    expect(gone.headers.get('location')).toBe(`${BASE}?melding=verwijderd`);
    expect((await t.eddy.get(`${BASE}/${id}`)).status).toBe(404);
    const list = await (await t.eddy.get(BASE)).text();
    expect(list).toContain('Kennismaking voor de markt (kopie)');
    expect(list).not.toContain('>Kennismaking voor de markt</a>');
  });

  it('keeps an editor out of another stadsdorp’s posters and designs, and lets the CoCo in', async () => {
    const t = await setup();
    const theirs = await t.anna.post('/beheer/stadsdorpen/zuidas/posters/ontwerp/opslaan', makerForm());
    const zuidasDesign = designId(theirs);
    const other = '/beheer/stadsdorpen/zuidas/posters';
    for (const path of [
      other,
      `${other}/nieuw?template=kennismaking`,
      `${other}/${zuidasDesign}`,
      `${other}/${zuidasDesign}/pdf`,
      `${other}/beeld/logo`,
    ]) {
      const res = await t.eddy.get(path);
      expect(res.status, path).toBe(403);
      expect(h1(await res.text()), path).toBe('Geen toegang');
    }
    for (const path of [
      `${other}/ontwerp/voorbeeld.svg`,
      `${other}/ontwerp/voorbeeld`,
      `${other}/ontwerp/pdf`,
      `${other}/ontwerp/opslaan`,
      `${other}/${zuidasDesign}/kopie`,
      `${other}/${zuidasDesign}/verwijderen`,
    ]) {
      expect((await t.eddy.post(path, makerForm())).status, path).toBe(403);
    }
    expect((await multipart(t.eddy, `${other}/foto`, 'foto', fixture('logo.jpg'), 'foto.jpg')).status).toBe(
      403,
    );
    // A design of another stadsdorp is not found under one's own.
    expect((await t.eddy.get(`${BASE}/${zuidasDesign}`)).status).toBe(404);
    expect(
      (await t.eddy.post(`${BASE}/ontwerp/opslaan`, makerForm({ id: String(zuidasDesign) }))).status,
    ).toBe(404);
    // The CoCo reaches both, from the stadsdorp's page.
    expect(await (await t.anna.get('/beheer/stadsdorpen/zuidas')).text()).toContain(`href="${other}"`);
    expect((await t.anna.get(`${other}/${zuidasDesign}`)).status).toBe(200);
    expect((await t.anna.get(BASE)).status).toBe(200);
  });

  it('places a poster photo of several megabytes, shows it on the posters, and refuses what is no picture', async () => {
    const t = await setup();
    // Noise compresses badly: a phone-sized photo well above the 256 kB other forms may send.
    const noise = Buffer.alloc(1600 * 1000 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const photo = await sharp(noise, { raw: { width: 1600, height: 1000, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(1024 * 1024);
    const up = await multipart(t.eddy, `${BASE}/foto`, 'foto', photo, 'foto.jpg');
    expect(up.status).toBe(303);
    expect(up.headers.get('location')).toBe(`${BASE}?melding=foto`);
    const list = await (await t.eddy.get(`${BASE}?melding=foto`)).text();
    expect(list).toContain('De foto is geplaatst.');
    const url = /src="(\/beheer\/stadsdorpen\/jordaan\/posters\/beeld\/foto\?v=[0-9a-f]+)"/.exec(list)?.[1];
    expect(url).toBeDefined();
    const served = await t.eddy.get(url!);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const maker = await (await t.eddy.get(`${BASE}/nieuw?template=kennismaking`)).text();
    expect(maker).toContain(`href="${url!.replace(/&/g, '&amp;')}"`);

    // Removed after a confirm step: the posters are drawn without it again.
    const confirm = await (await t.eddy.get(`${BASE}/foto/verwijderen`)).text();
    expect(h1(confirm)).toBe('De posterfoto verwijderen?');
    const removed = await t.eddy.post(`${BASE}/foto/verwijderen`);
    expect(removed.headers.get('location')).toBe(`${BASE}?melding=foto-weg`);
    expect(await (await t.eddy.get(`${BASE}/nieuw?template=kennismaking`)).text()).not.toContain(
      '/beeld/foto',
    );
    expect((await t.eddy.get(`${BASE}/foto/verwijderen`)).status).toBe(404);
    expect((await t.eddy.post('/beheer/stadsdorpen/zuidas/posters/foto/verwijderen')).status).toBe(403);

    const bad = await multipart(t.eddy, `${BASE}/foto`, 'foto', fixture('not-an-image.png'), 'x.png');
    expect(bad.status).toBe(415);
    const badHtml = await bad.text();
    expect(badHtml).toContain('href="#foto"');
    const empty = await multipart(t.eddy, `${BASE}/foto`, 'foto', new Uint8Array(), 'leeg.jpg');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Kies een bestand met een foto.');
  });

  it('takes a logo of a few megabytes on the profile page, for the posters', async () => {
    const t = await setup();
    const noise = randomBytes(900 * 600 * 3);
    const logo = await sharp(noise, { raw: { width: 900, height: 600, channels: 3 } })
      .png()
      .toBuffer();
    expect(logo.length).toBeGreaterThan(1024 * 1024);
    const res = await multipart(t.eddy, '/beheer/stadsdorpen/jordaan/logo', 'logo', logo, 'logo.png');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('900 × 600 pixels');
  });

  it('serves the print fonts and its script to beheer, which allows fonts from itself', async () => {
    const t = await setup();
    const font = await t.eddy.get('/beheer/static/drukletter/bold.ttf');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/ttf');
    expect(new Uint8Array(await font.arrayBuffer()).subarray(0, 4)).toEqual(new Uint8Array([0, 1, 0, 0]));
    expect((await t.eddy.get('/beheer/static/drukletter/comic.ttf')).status).toBe(404);
    const page = await t.eddy.get(BASE);
    expect(page.headers.get('content-security-policy')).toContain("font-src 'self'");
    const script = await t.eddy.get('/beheer/static/posters.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('setTimeout(refresh, 300)');
  });
});
