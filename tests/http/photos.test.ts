import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { HEIC_REFUSED, isHeif, storePhoto } from '../../src/modules/photos/service.js';
import { auth, makeTestApp } from '../support/app.js';

// Photos of the Nieuwsbrief: checked by content like the logos, a phone's HEIC converted or
// refused with what to do, scaled for mail, stored through the runtime's file store and
// served by the service itself. Real image bytes throughout, made by sharp; the HEIC file is
// a real HEVC-coded one (tests/fixtures/photos/make-heic.py).

const heic = readFileSync(new URL('../fixtures/photos/phone.heic', import.meta.url));

/** photo is a camera-sized JPEG with some texture and a location in its EXIF, as a phone writes it. */
async function phonePhoto(width = 4032, height = 3024): Promise<Buffer> {
  const texture = await sharp({
    create: {
      width: Math.floor(width / 2),
      height: Math.floor(height / 2),
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 25 },
    },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#3a7755' } })
    .composite([{ input: texture, top: Math.floor(height / 4), left: Math.floor(width / 4) }])
    .withExif({
      IFD0: { Copyright: 'Telefoon van Eddy' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1' },
    })
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('a photo for the Nieuwsbrief', () => {
  it('is scaled to 1200 px wide, a JPEG of a few hundred KB without the phone’s metadata, at a stable public address', async () => {
    const t = await makeTestApp();
    const original = await phonePhoto();
    const stored = await storePhoto(t.deps, original, '  Bewoners bij de opening  ', 'Eddy');
    expect(stored).toMatchObject({ width: 1200, height: 900, alt: 'Bewoners bij de opening' });
    expect(stored.url).toMatch(/^https:\/\/stadsdorpen\.test\/fotos\/[0-9]+-[0-9a-f]{32}\.jpg$/);
    expect(stored.bytes).toBeLessThanOrEqual(400 * 1024);

    const res = await t.app.request(new URL(stored.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.byteLength).toBe(stored.bytes);
    const meta = await sharp(served).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 900 });
    expect(meta.exif).toBeUndefined();
    // The same address gives the same bytes again: a mail can keep pointing at it.
    expect(Buffer.from(await (await t.app.request(new URL(stored.url).pathname)).arrayBuffer())).toEqual(
      served,
    );
  });

  it('keeps a small photo at its size, and its bytes come from the runtime port’s file store', async () => {
    const t = await makeTestApp();
    const small = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e0a030' } })
      .png()
      .toBuffer();
    const stored = await storePhoto(t.deps, small, 'Een oranje vlak', 'Anna');
    expect(stored).toMatchObject({ width: 640, height: 480 });
    const key = (await t.db.get<{ file_key: string }>('SELECT file_key FROM photos WHERE id = ?', [
      stored.id,
    ]))!.file_key;
    expect(await t.deps.runtime.files.has(key)).toBe(true);
  });

  it('answers 404 for an address whose token does not match, or that is no photo address', async () => {
    const t = await makeTestApp();
    const stored = await storePhoto(t.deps, await phonePhoto(800, 600), 'Een foto', 'Anna');
    const path = new URL(stored.url).pathname;
    const wrongToken = path.replace(/-[0-9a-f]{32}/, `-${'0'.repeat(32)}`);
    for (const p of [wrongToken, `/fotos/${stored.id}.jpg`, '/fotos/1-abc.jpg', `${path}x`]) {
      expect((await t.app.request(p)).status, p).toBe(404);
    }
  });

  it('needs an alt text', async () => {
    const t = await makeTestApp();
    const err = await refusal(storePhoto(t.deps, await phonePhoto(800, 600), '   ', 'Anna'));
    expect(err.code).toBe('validation');
    expect(err.fields?.alt).toMatch(/Beschrijf de foto/);
  });

  it('refuses a phone’s HEIC photo that cannot be converted here, saying how to send it as JPEG', async () => {
    const t = await makeTestApp();
    expect(isHeif(heic)).toBe(true);
    const err = await refusal(storePhoto(t.deps, heic, 'Een foto', 'Anna'));
    expect(err.code).toBe('unsupported_media_type');
    expect(err.message).toBe(HEIC_REFUSED);
    expect(err.message).toMatch(/Meest compatibel/);
    expect(err.message).toMatch(/JPEG/);
    expect(await t.db.get('SELECT count(*) AS n FROM photos')).toEqual({ n: 0 });
  });

  it('converts a HEIF photo the image library here can decode (AVIF)', async () => {
    const t = await makeTestApp();
    // Small: encoding AV1 is slow, and decoding is what is tested.
    const avif = await sharp(await phonePhoto(400, 300))
      .avif({ quality: 50, effort: 0 })
      .toBuffer();
    expect(isHeif(avif)).toBe(true);
    const stored = await storePhoto(t.deps, avif, 'Een foto', 'Anna');
    expect(stored).toMatchObject({ width: 400, height: 300 });
  });

  it('refuses an SVG, a file that is no picture, a cut-off JPEG and a pixel bomb, in Dutch', async () => {
    const t = await makeTestApp();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const jpeg = await phonePhoto(1600, 1200);
    const bomb = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const cases: [string, Uint8Array, RegExp][] = [
      ['svg', svg, /geen JPEG- of PNG-afbeelding/],
      ['text', Buffer.from('Dit is geen foto'), /geen JPEG- of PNG-afbeelding/],
      ['cut off', jpeg.subarray(0, Math.floor(jpeg.length / 2)), /beschadigd of onvolledig/],
      ['bomb', bomb, /60 megapixel.*maximum is 50 megapixel/],
    ];
    for (const [name, bytes, message] of cases) {
      const err = await refusal(storePhoto(t.deps, bytes, 'Een foto', 'Anna'));
      expect(err.message, name).toMatch(message);
      expect(err.fields?.foto, name).toBeDefined();
    }
    expect(await t.db.get('SELECT count(*) AS n FROM photos')).toEqual({ n: 0 });
  });
});

describe('a photo address in a Nieuwsbrief', () => {
  const withImage = (imageUrl: string) => ({
    kind: 'nieuwsbrief',
    subject: 'Nieuwsbrief december',
    content: {
      intro: 'Welkom.',
      articles: [{ title: 'Opening', body: 'Tekst.', imageUrl, imageAlt: 'Bewoners bij de opening' }],
    },
  });

  it('may be http when it is a photo of this service under an http PUBLIC_URL, and no other http address', async () => {
    const t = await makeTestApp({}, { PUBLIC_URL: 'http://localhost:3000' });
    const stored = await storePhoto(t.deps, await phonePhoto(800, 600), 'Bewoners bij de opening', 'Anna');
    expect(stored.url).toMatch(/^http:\/\/localhost:3000\/fotos\//);
    const create = (body: unknown) =>
      t.app.request('/api/campaigns', {
        method: 'POST',
        headers: auth(t.coco, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
    expect((await create(withImage(stored.url))).status).toBe(201);
    for (const other of [
      'http://elders.nl/foto.jpg',
      'http://localhost:3000/elders/foto.jpg',
      'http://localhost:3000/fotos/1-abc.jpg',
    ]) {
      const res = await create(withImage(other));
      expect(res.status, other).toBe(400);
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(body.error.fields['content.articles.0.imageUrl']).toMatch(/https-link/);
    }
    expect((await create(withImage('https://stadsdorpen.nl/foto.jpg'))).status).toBe(201);
  });
});
