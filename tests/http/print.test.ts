import { describe, expect, it } from 'vitest';
import { decodeQr, fixture, images, pageBoxes, pixelAt, rasterise, text } from '../fixtures/print/inspect.js';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

async function setup() {
  const t = await makeTestApp();
  const jordaan = await addStadsdorp(t.deps, {
    slug: 'jordaan',
    name: 'Stadsdorp Jordaan',
    website: 'https://stadsdorpjordaan.example',
  });
  const zuid = await addStadsdorp(t.deps, { slug: 'zuid', name: 'Stadsdorp Zuid' });
  const editor = await editorToken(t.deps, jordaan);
  const other = await editorToken(t.deps, zuid, 'Redacteur Zuid');
  const call = (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    type = 'application/json',
  ) =>
    t.app.request(path, {
      method,
      headers: { ...(token ? auth(token) : {}), ...(body !== undefined ? { 'content-type': type } : {}) },
      body: (body === undefined
        ? undefined
        : body instanceof Uint8Array
          ? body
          : JSON.stringify(body)) as BodyInit,
    });
  return { ...t, editor, other, call };
}

const pdfOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('GET /api/print/templates', () => {
  it('lists the posterserie and the handouts with their fields for any logged-in user', async () => {
    const { call, editor } = await setup();
    const res = await call('GET', '/api/print/templates', editor);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.map((t: { slug: string }) => t.slug)).toEqual([
      'kennismaking',
      'activiteit',
      'vrijwilligers',
      'soorten-activiteiten',
      'bouw-je-stadsdorp',
    ]);
    const activiteit = items.find((t: { slug: string }) => t.slug === 'activiteit');
    expect(activiteit).toMatchObject({ kind: 'poster', sizes: ['A3', 'A4'] });
    expect(activiteit.fields.find((f: { name: string }) => f.name === 'datum')).toMatchObject({
      label: 'Datum',
      maxLength: 50,
      required: true,
      multiline: false,
    });
    expect(items.find((t: { slug: string }) => t.slug === 'bouw-je-stadsdorp')).toMatchObject({
      kind: 'handout',
      sizes: ['A4'],
    });
  });

  it('refuses a request without a token or with an unknown one (401)', async () => {
    const { call } = await setup();
    expect((await call('GET', '/api/print/templates', null)).status).toBe(401);
    expect((await call('GET', '/api/print/templates', 'nas_onbekend')).status).toBe(401);
  });
});

describe('print profile', () => {
  it('starts from the Netwerk defaults and the stadsdorp’s website, and saves changes', async () => {
    const { call, editor } = await setup();
    const before = await (await call('GET', '/api/stadsdorpen/jordaan/profile', editor)).json();
    expect(before).toMatchObject({
      brandColour: '#1B6B5A',
      website: 'https://stadsdorpjordaan.example',
      logo: null,
    });
    const res = await call('PATCH', '/api/stadsdorpen/jordaan/profile', editor, {
      brandColour: '#c8102e',
      contact: 'info@stadsdorpjordaan.example',
      defaultTexts: { qrTekst: 'Scan en doe mee met de Jordaan!' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      brandColour: '#C8102E',
      contact: 'info@stadsdorpjordaan.example',
      defaultTexts: { qrTekst: 'Scan en doe mee met de Jordaan!' },
    });
  });

  it('refuses a colour that is not #RRGGBB and a default for a field no template has', async () => {
    const { call, editor } = await setup();
    const colour = await call('PATCH', '/api/stadsdorpen/jordaan/profile', editor, { brandColour: 'rood' });
    expect(colour.status).toBe(400);
    expect((await colour.json()).error.fields.brandColour).toContain('#RRGGBB');
    const field = await call('PATCH', '/api/stadsdorpen/jordaan/profile', editor, {
      defaultTexts: { kop: 'x' },
    });
    expect(field.status).toBe(400);
    expect((await field.json()).error.fields['defaultTexts.kop']).toContain("'kop'");
  });

  it('keeps an editor out of another stadsdorp’s profile (403) and everyone out without a token (401)', async () => {
    const { call, other, coco } = await setup();
    expect((await call('GET', '/api/stadsdorpen/jordaan/profile', other)).status).toBe(403);
    expect(
      (await call('PATCH', '/api/stadsdorpen/jordaan/profile', other, { brandColour: '#000000' })).status,
    ).toBe(403);
    expect((await call('GET', '/api/stadsdorpen/jordaan/profile', null)).status).toBe(401);
    expect((await call('GET', '/api/stadsdorpen/jordaan/profile', coco)).status).toBe(200);
    expect((await call('GET', '/api/stadsdorpen/bestaat-niet/profile', coco)).status).toBe(404);
  });
});

describe('logo', () => {
  it('stores an uploaded PNG and serves it back with its content type', async () => {
    const { call, editor } = await setup();
    expect((await call('GET', '/api/stadsdorpen/jordaan/logo', editor)).status).toBe(404);
    const up = await call('POST', '/api/stadsdorpen/jordaan/logo', editor, fixture('logo.png'), 'image/png');
    expect(up.status).toBe(201);
    expect(await up.json()).toMatchObject({
      logo: { mime: 'image/png', width: 1200, height: 500 },
      warnings: [],
    });
    const res = await call('GET', '/api/stadsdorpen/jordaan/logo', editor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer()).subarray(0, 4)).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    );
  });

  it('warns when the logo is too small for a sharp A3 poster', async () => {
    const { call, editor } = await setup();
    const up = await call(
      'POST',
      '/api/stadsdorpen/jordaan/logo',
      editor,
      fixture('logo-small.png'),
      'image/png',
    );
    expect(up.status).toBe(201);
    expect((await up.json()).warnings[0]).toContain('300 dpi');
  });

  it('serves an uploaded SVG only as a rasterised PNG', async () => {
    const { call, editor } = await setup();
    const svg = fixture('evil.svg');
    const up = await call('POST', '/api/stadsdorpen/jordaan/logo', editor, svg, 'image/svg+xml');
    expect(up.status).toBe(201);
    const res = await call('GET', '/api/stadsdorpen/jordaan/logo', editor);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).not.toContain('<script');
  });

  it.each([
    ['not-an-image.png', 'image/png', 415, 'geen PNG-, JPEG- of SVG-afbeelding'],
    ['truncated.png', 'image/png', 400, 'beschadigd of onvolledig'],
    ['bomb.png', 'image/png', 400, '40 megapixel'],
    ['logo.png', 'text/plain', 201, ''],
  ])('answers %s sent as %s with %i', async (file, type, status, message) => {
    const { call, editor } = await setup();
    const res = await call('POST', '/api/stadsdorpen/jordaan/logo', editor, fixture(file), type);
    expect(res.status).toBe(status);
    if (message) expect((await res.json()).error.message).toContain(message);
  });

  it('refuses a body over 5 MB with 413', async () => {
    const { call, editor } = await setup();
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    const res = await call('POST', '/api/stadsdorpen/jordaan/logo', editor, big, 'image/png');
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toContain('5 MB');
  });

  it('removes the logo on request, after which a poster carries the name instead', async () => {
    const { call, editor } = await setup();
    await call('POST', '/api/stadsdorpen/jordaan/logo', editor, fixture('logo.png'), 'image/png');
    expect((await call('DELETE', '/api/stadsdorpen/jordaan/logo', editor)).status).toBe(204);
    expect((await call('GET', '/api/stadsdorpen/jordaan/logo', editor)).status).toBe(404);
    expect((await (await call('GET', '/api/stadsdorpen/jordaan/profile', editor)).json()).logo).toBeNull();
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', editor, {
      size: 'A4',
      bleed: false,
    });
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(images(pdf)).toHaveLength(0);
    expect(text(pdf)).toContain('Stadsdorp Jordaan');
    // Removing it again: there is nothing to remove.
    const again = await call('DELETE', '/api/stadsdorpen/jordaan/logo', editor);
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toContain('logo');
  });

  it('keeps an editor away from another stadsdorp’s logo', async () => {
    const { call, other, editor } = await setup();
    await call('POST', '/api/stadsdorpen/jordaan/logo', editor, fixture('logo.png'), 'image/png');
    expect((await call('DELETE', '/api/stadsdorpen/jordaan/logo', other)).status).toBe(403);
    expect((await call('DELETE', '/api/stadsdorpen/jordaan/logo', null)).status).toBe(401);
    expect((await call('GET', '/api/stadsdorpen/jordaan/logo', editor)).status).toBe(200);
    expect((await call('GET', '/api/stadsdorpen/jordaan/logo', other)).status).toBe(403);
    expect(
      (await call('POST', '/api/stadsdorpen/jordaan/logo', other, fixture('logo.png'), 'image/png')).status,
    ).toBe(403);
    expect(
      (await call('POST', '/api/stadsdorpen/jordaan/logo', null, fixture('logo.png'), 'image/png')).status,
    ).toBe(401);
  });
});

describe('POST /api/stadsdorpen/:slug/print/:template', () => {
  it('answers a poster as a PDF download that carries the logo, the brand colour and a working QR code', async () => {
    const { call, editor } = await setup();
    await call('PATCH', '/api/stadsdorpen/jordaan/profile', editor, { brandColour: '#C8102E' });
    await call('POST', '/api/stadsdorpen/jordaan/logo', editor, fixture('logo.png'), 'image/png');
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', editor, {
      size: 'A3',
      bleed: false,
      fields: { titel: 'Welkom in de Jordaan' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="jordaan-kennismaking-A3.pdf"');
    const pdf = await pdfOf(res);
    const words = text(pdf);
    expect(words).toContain('Welkom in de Jordaan');
    expect(words).toContain('samen werken aan nabuurschap in de stad');
    // The address under the code is short enough to type, and leads where the code leads.
    const typed = /stadsdorpen\.test\/s\/[0-9a-z]+/.exec(words)?.[0];
    expect(typed).toBeDefined();
    expect(typed!.length).toBeLessThanOrEqual(30);
    expect(images(pdf)).toHaveLength(1);
    expect(decodeQr(pdf)).toBe(
      'https://stadsdorpen.test/aanmelden?stadsdorp=jordaan&bron=poster-kennismaking-A3',
    );
    // The title band, a third of the way down the poster, is printed in the brand colour.
    expect(pixelAt(rasterise(pdf, 40), 40, 10, 140)).toBe('#C8102E');
  });

  it('prints with 3 mm bleed for the print shop: TrimBox the A size, BleedBox 3 mm larger, crop marks outside it', async () => {
    const { call, editor } = await setup();
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/activiteit', editor, {
      size: 'A4',
      bleed: true,
    });
    const pdf = await pdfOf(res);
    const [page] = await pageBoxes(pdf);
    // A 6 mm slug around the 3 mm bleed holds the crop marks.
    expect(page!.trim.x).toBeCloseTo(8.504 + 17.008, 2);
    expect(page!.trim.width).toBeCloseTo(595.28, 1);
    expect(page!.bleed.x).toBeCloseTo(17.008, 2);
    expect(page!.bleed.width).toBeCloseTo(595.28 + 2 * 8.504, 1);
    expect(page!.media.height).toBeCloseTo(841.89 + 2 * (8.504 + 17.008), 1);
    // On the extension of the top trim line (9 mm down): a mark in the slug, none in the bleed,
    // so a cut that strays into the bleed never shows a mark.
    const png = rasterise(pdf, 300);
    const dark = (hex: string) =>
      [1, 3, 5].reduce((sum, i) => sum + Number.parseInt(hex.slice(i, i + 2), 16), 0) / 3 < 128;
    expect(dark(pixelAt(png, 300, 3.5, 9))).toBe(true);
    expect(dark(pixelAt(png, 300, 7.5, 9))).toBe(false);
    expect(dark(pixelAt(png, 300, 3.5, 20))).toBe(false);
    expect(
      decodeQr(
        await pdfOf(
          await call('POST', '/api/stadsdorpen/jordaan/print/activiteit', editor, {
            size: 'A4',
            bleed: true,
          }),
        ),
      ),
    ).toBe('https://stadsdorpen.test/aanmelden?stadsdorp=jordaan&bron=poster-activiteit-A4');
  });

  it('fills fields left out from the stadsdorp’s default texts, then the template’s', async () => {
    const { call, editor } = await setup();
    await call('PATCH', '/api/stadsdorpen/jordaan/profile', editor, {
      defaultTexts: { qrTekst: 'Scan en doe mee met de Jordaan!' },
    });
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/vrijwilligers', editor, { size: 'A4' });
    const words = text(await pdfOf(res));
    expect(words).toContain('Scan en doe mee met de Jordaan!');
    expect(words).toContain('Heeft u een uurtje over?');
    expect(words).toContain('Stadsdorp Jordaan zoekt buren');
  });

  it('fails naming the field and how much to cut when a text cannot fit even at the smallest size', async () => {
    const { call, editor } = await setup();
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', editor, {
      size: 'A3',
      fields: {
        activiteiten: Array.from({ length: 40 }, (_, i) => `Activiteit ${i + 1}`)
          .join('\n')
          .slice(0, 240),
      },
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(
      /^Verkort 'Wat we doen \(één activiteit per regel\)' met ongeveer \d+ tekens/,
    );
    expect(error.fields).toHaveProperty('fields.activiteiten');
  });

  it('refuses a handout in A3, an unknown template and an unknown size', async () => {
    const { call, editor } = await setup();
    const a3 = await call('POST', '/api/stadsdorpen/jordaan/print/soorten-activiteiten', editor, {
      size: 'A3',
    });
    expect(a3.status).toBe(400);
    expect((await a3.json()).error.message).toContain('alleen in A4');
    expect((await call('POST', '/api/stadsdorpen/jordaan/print/flyer', editor, {})).status).toBe(404);
    expect(
      (await call('POST', '/api/stadsdorpen/jordaan/print/activiteit', editor, { size: 'A5' })).status,
    ).toBe(400);
  });

  it('lets an editor print only for their own stadsdorp', async () => {
    const { call, other, coco } = await setup();
    expect((await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', other, {})).status).toBe(403);
    // Access is decided before the body is looked at: no hints about what it should hold.
    expect(
      (await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', other, { size: 'A5' })).status,
    ).toBe(403);
    expect((await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', null, {})).status).toBe(401);
    expect((await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', coco, {})).status).toBe(200);
  });
});

describe('poster photo', () => {
  it('is checked and stored like the logo, printed on the posters, and removed on request', async () => {
    const { call, editor, other } = await setup();
    const bad = await call(
      'POST',
      '/api/stadsdorpen/jordaan/photo',
      editor,
      fixture('not-an-image.png'),
      'image/png',
    );
    expect(bad.status).toBe(415);
    expect((await bad.json()).error.fields).toHaveProperty('foto');
    const bomb = await call(
      'POST',
      '/api/stadsdorpen/jordaan/photo',
      editor,
      fixture('bomb.png'),
      'image/png',
    );
    expect((await bomb.json()).error.message).toContain('De foto is 100000 × 100000 pixels');
    expect(
      (await call('POST', '/api/stadsdorpen/jordaan/photo', other, fixture('logo.jpg'), 'image/jpeg')).status,
    ).toBe(403);

    const up = await call(
      'POST',
      '/api/stadsdorpen/jordaan/photo',
      editor,
      fixture('logo.jpg'),
      'image/jpeg',
    );
    expect(up.status).toBe(201);
    expect((await up.json()).photo).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 500 });
    expect(
      (await (await call('GET', '/api/stadsdorpen/jordaan/profile', editor)).json()).photo,
    ).not.toBeNull();
    expect((await call('GET', '/api/stadsdorpen/jordaan/photo', editor)).headers.get('content-type')).toBe(
      'image/jpeg',
    );

    const res = await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', editor, { size: 'A3' });
    expect(res.status).toBe(200);
    const pdf = await pdfOf(res);
    expect(images(pdf)).toHaveLength(1 + 0); // no logo uploaded here: the one image is the photo
    expect(text(pdf)).toContain('Kent u uw');
    // Handouts carry no photo.
    const handout = await call('POST', '/api/stadsdorpen/jordaan/print/bouw-je-stadsdorp', editor, {});
    expect(images(await pdfOf(handout))).toHaveLength(0);

    expect((await call('DELETE', '/api/stadsdorpen/jordaan/photo', editor)).status).toBe(204);
    const after = await call('POST', '/api/stadsdorpen/jordaan/print/kennismaking', editor, { size: 'A3' });
    expect(images(await pdfOf(after))).toHaveLength(0);
  });

  it('prints with the longest allowed texts too: the photo takes no room from them', async () => {
    const { call, editor } = await setup();
    await call('POST', '/api/stadsdorpen/jordaan/photo', editor, fixture('logo.jpg'), 'image/jpeg');
    const res = await call('POST', '/api/stadsdorpen/jordaan/print/activiteit', editor, {
      size: 'A4',
      fields: { titel: 'Buurtbewoners ontmoeten elkaar bij de koffieochtend, samen' },
    });
    expect(res.status).toBe(200);
  });
});

describe('the short address under the QR code', () => {
  it('is at most 30 characters and leads to the signup page with the stadsdorp and the source filled in, as the QR code does', async () => {
    const { call, editor, app } = await setup();
    for (const [template, size] of [
      ['kennismaking', 'A3'],
      ['vrijwilligers', 'A4'],
    ] as const) {
      const pdf = await pdfOf(
        await call('POST', `/api/stadsdorpen/jordaan/print/${template}`, editor, { size }),
      );
      const typed = /stadsdorpen\.test\/s\/[0-9a-z]+/.exec(text(pdf))![0];
      expect(typed.length).toBeLessThanOrEqual(30);
      const res = await app.request(`/${typed.split('/').slice(1).join('/')}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(decodeQr(pdf));
      const form = await (
        await app.request(
          new URL(res.headers.get('location')!).pathname + new URL(res.headers.get('location')!).search,
        )
      ).text();
      expect(form).toContain(`value="poster-${template}-${size}"`);
    }
  });

  it('leads a mistyped address to the plain signup page', async () => {
    const { app } = await setup();
    for (const code of ['99k3', 'x', '1z3', '1k5']) {
      const res = await app.request(`/s/${code}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://stadsdorpen.test/aanmelden');
    }
  });
});

describe('saved designs', () => {
  it('saves a design, lists it, prints it again and deletes it', async () => {
    const { call, editor } = await setup();
    const design = {
      template: 'activiteit',
      name: 'Buurtmaaltijd 2026',
      size: 'A3',
      bleed: true,
      fields: { titel: 'Buurtmaaltijd', datum: 'Donderdag 12 maart 2026' },
    };
    const created = await call('POST', '/api/stadsdorpen/jordaan/designs', editor, design);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const list = await (await call('GET', '/api/stadsdorpen/jordaan/designs', editor)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ ...design, id });

    const again = await call('POST', `/api/stadsdorpen/jordaan/designs/${id}/pdf`, editor);
    expect(again.status).toBe(200);
    expect(again.headers.get('content-disposition')).toContain('jordaan-activiteit-A3.pdf');
    expect(text(await pdfOf(again))).toContain('Donderdag 12 maart 2026');

    const put = await call('PUT', `/api/stadsdorpen/jordaan/designs/${id}`, editor, {
      ...design,
      size: 'A4',
    });
    expect((await put.json()).size).toBe('A4');
    expect((await call('POST', '/api/stadsdorpen/jordaan/designs', editor, design)).status).toBe(409);
    expect((await call('DELETE', `/api/stadsdorpen/jordaan/designs/${id}`, editor)).status).toBe(204);
    expect((await call('GET', `/api/stadsdorpen/jordaan/designs/${id}`, editor)).status).toBe(404);
  });

  it('refuses to save a design that would not print', async () => {
    const { call, editor } = await setup();
    const res = await call('POST', '/api/stadsdorpen/jordaan/designs', editor, {
      template: 'activiteit',
      name: 'Zonder titel',
      fields: { titel: '' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('fields.titel');
  });

  it('keeps designs to their own stadsdorp', async () => {
    const { call, editor, other, coco } = await setup();
    const { id } = await (
      await call('POST', '/api/stadsdorpen/jordaan/designs', editor, {
        template: 'kennismaking',
        name: 'Voorjaar',
      })
    ).json();
    expect((await call('GET', '/api/stadsdorpen/jordaan/designs', other)).status).toBe(403);
    expect((await call('GET', `/api/stadsdorpen/jordaan/designs/${id}`, other)).status).toBe(403);
    expect(
      (
        await call('PUT', `/api/stadsdorpen/jordaan/designs/${id}`, other, {
          template: 'kennismaking',
          name: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await call('DELETE', `/api/stadsdorpen/jordaan/designs/${id}`, other)).status).toBe(403);
    expect((await call('POST', `/api/stadsdorpen/jordaan/designs/${id}/pdf`, other)).status).toBe(403);
    expect((await call('GET', '/api/stadsdorpen/jordaan/designs', null)).status).toBe(401);
    // A design id of Jordaan does not exist under Zuid, even for the CoCo.
    expect((await call('GET', `/api/stadsdorpen/zuid/designs/${id}`, coco)).status).toBe(404);
  });
});

describe('mounted beside the stadsdorpen CRUD', () => {
  it('leaves GET /api/stadsdorpen/:slug to the stadsdorpen module', async () => {
    const { call, editor } = await setup();
    const res = await call('GET', '/api/stadsdorpen/jordaan', editor);
    expect(res.status).toBe(200);
    expect((await res.json()).slug).toBe('jordaan');
  });
});
