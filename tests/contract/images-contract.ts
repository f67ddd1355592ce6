// The contract of the runtime port's image codecs (Images in src/deps.ts), run through the
// print module's checks: one suite that sharp (Node) and the @jsquash WebAssembly codecs
// (Workers) must both pass, so an upload refused on one runtime is refused on the other, with
// the same Dutch message, and nothing is stored unchecked. It reads no file: the fixtures come
// in as bytes, so it runs in workerd as well as on Node.

import { describe, expect, it } from 'vitest';
import type { Images } from '../../src/deps.js';
import { AppError } from '../../src/errors.js';
import {
  checkLogo,
  checkPhoto,
  imageHeader,
  LOGO_MAX_PIXELS,
  mailVersion,
  printVersion,
  sniffLogo,
} from '../../src/modules/print/logo.js';

/** ImageFixtures are tests/fixtures/print's pictures, as bytes. */
export interface ImageFixtures {
  /** logo.png: 1200 × 500, with transparency. */
  logoPng: Uint8Array;
  /** logo.jpg: 1200 × 500. */
  logoJpg: Uint8Array;
  /** not-an-image.png: text under an image's name. */
  notAnImage: Uint8Array;
  /** truncated.png: a PNG cut short. */
  truncatedPng: Uint8Array;
  /** bomb.png: a 74-byte header claiming 100000 × 100000 pixels. */
  bomb: Uint8Array;
  /** evil.svg: scripts, handlers and external references. */
  evilSvg: Uint8Array;
  /** logo-cmyk.jpg: 240 × 100, a JPEG in CMYK as print designers export logos. */
  cmykJpg: Uint8Array;
}

/** watched wraps codecs so a test can tell whether any of them was asked to decode. */
function watched(images: Images): { images: Images; decoded: () => number } {
  let calls = 0;
  const count =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) => {
      calls++;
      return fn(...a);
    };
  return {
    images: {
      maxPixels: images.maxPixels,
      cmyk: images.cmyk,
      reencode: count(images.reencode.bind(images)),
      printJpeg: count(images.printJpeg.bind(images)),
      mailJpeg: count(images.mailJpeg.bind(images)),
      svg: images.svg && { size: count(images.svg.size), rasterise: count(images.svg.rasterise) },
      heif: images.heif && { size: count(images.heif.size), toJpeg: count(images.heif.toJpeg) },
    },
    decoded: () => calls,
  };
}

async function refusal(images: Images, bytes: Uint8Array, photo = false): Promise<AppError> {
  try {
    await (photo ? checkPhoto(images, bytes) : checkLogo(images, bytes));
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the picture was accepted');
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/** imagesContract runs the upload checks against one implementation of the image codecs. */
export function imagesContract(name: string, images: Images, f: ImageFixtures): void {
  describe(`the image codecs contract: ${name}`, () => {
    it('accepts a PNG, keeps its size and stores a whole PNG', async () => {
      const logo = await checkLogo(images, f.logoPng);
      expect(logo).toMatchObject({ mime: 'image/png', width: 1200, height: 500, source: 'png' });
      expect(logo.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(sniffLogo(logo.bytes)).toBe('png');
      expect(imageHeader(logo.bytes, 'png')).toMatchObject({ width: 1200, height: 500 });
    });

    it('accepts a JPEG and stores it as a JPEG of the same size', async () => {
      const logo = await checkLogo(images, f.logoJpg);
      expect(logo).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 500, source: 'jpeg' });
      expect(sniffLogo(logo.bytes)).toBe('jpeg');
      expect(imageHeader(logo.bytes, 'jpeg')).toMatchObject({ width: 1200, height: 500 });
    });

    it('tells the type by content, not by name: a text file called logo.png is refused', async () => {
      const err = await refusal(images, f.notAnImage);
      expect(err.code).toBe('unsupported_media_type');
      expect(err.message).toContain('geen PNG-, JPEG- of SVG-afbeelding');
    });

    it('refuses a truncated PNG as damaged', async () => {
      const err = await refusal(images, f.truncatedPng);
      expect(err.code).toBe('validation');
      expect(err.message).toContain('beschadigd of onvolledig');
    });

    it('refuses a JPEG cut off halfway as damaged', async () => {
      const err = await refusal(images, f.logoJpg.subarray(0, Math.floor(f.logoJpg.length / 2)));
      expect(err.code).toBe('validation');
      expect(err.message).toContain('beschadigd of onvolledig');
    });

    it('refuses a JPEG whose header is junk after its first bytes', async () => {
      const junk = new Uint8Array(64).fill(0x41);
      junk.set([0xff, 0xd8, 0xff]);
      const err = await refusal(images, junk);
      expect(err.code).toBe('validation');
      expect(err.message).toContain('beschadigd of onvolledig');
    });

    it('refuses a decompression bomb from its header, without a codec decoding anything', async () => {
      expect(f.bomb.length).toBeLessThan(200);
      const w = watched(images);
      const err = await refusal(w.images, f.bomb);
      expect(err.code).toBe('validation');
      expect(err.message).toContain('100000 × 100000 pixels');
      // A logo may have 40 megapixels, or fewer where the runtime decodes fewer (Workers: 12).
      expect(err.message).toContain(
        `het maximum is ${Math.round(Math.min(images.maxPixels, LOGO_MAX_PIXELS) / 1e6)} megapixel`,
      );
      expect(w.decoded()).toBe(0);
    });

    it('refuses a file over 5 MB and an empty file, naming the photo for a photo', async () => {
      const big = await refusal(images, new Uint8Array(5 * 1024 * 1024 + 1), true);
      expect(big.code).toBe('payload_too_large');
      expect(big.message).toContain('De foto is groter dan 5 MB');
      expect((await refusal(images, new Uint8Array())).code).toBe('validation');
    });

    it('never stores an SVG as SVG: drawn without script or references, or refused asking for a PNG', async () => {
      let logo: Awaited<ReturnType<typeof checkLogo>> | undefined;
      try {
        logo = await checkLogo(images, f.evilSvg);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        expect(images.svg).toBeNull();
        expect(err.code).toBe('unsupported_media_type');
        expect(err.message).toContain('als PNG');
        return;
      }
      expect(images.svg).not.toBeNull();
      expect(logo).toMatchObject({ mime: 'image/png', source: 'svg' });
      expect(Math.max(logo.width, logo.height)).toBe(2400);
      expect(sniffLogo(logo.bytes)).toBe('png');
      for (const bad of ['<script', 'onload', 'onclick', 'href', 'EXTERNAL'])
        expect(latin1(logo.bytes)).not.toContain(bad);
    });

    it('takes a CMYK JPEG as RGB, or refuses it before decoding with a request for an RGB export', async () => {
      const w = watched(images);
      let logo: Awaited<ReturnType<typeof checkLogo>>;
      try {
        logo = await checkLogo(w.images, f.cmykJpg);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        expect(images.cmyk).toBe(false);
        expect(err.code).toBe('unsupported_media_type');
        expect(err.message).toContain('CMYK');
        expect(err.message).toContain('RGB-JPEG of als PNG');
        expect(w.decoded()).toBe(0);
        return;
      }
      expect(images.cmyk).toBe(true);
      expect(logo).toMatchObject({ mime: 'image/jpeg', width: 240, height: 100 });
      expect(imageHeader(logo.bytes, 'jpeg')?.components).toBe(3);
    });

    it('refuses an SVG that declares entities (billion laughs)', async () => {
      const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>`;
      expect((await refusal(images, new TextEncoder().encode(svg))).message).toContain('<!ENTITY>');
    });

    it('makes the print version a JPEG scaled down to fit, never up', async () => {
      const logo = await checkLogo(images, f.logoPng);
      const small = await printVersion(images, logo, 600);
      expect(sniffLogo(small)).toBe('jpeg');
      expect(imageHeader(small, 'jpeg')).toMatchObject({ width: 600, height: 250 });
      const same = await printVersion(images, logo);
      expect(imageHeader(same, 'jpeg')).toMatchObject({ width: 1200, height: 500 });
    });

    it('makes the mail version of a photo: a JPEG at most so wide, within its byte budget', async () => {
      const photo = await checkPhoto(images, f.logoPng);
      const mail = await mailVersion(images, photo, { maxWidth: 600, maxBytes: 60_000 });
      expect(sniffLogo(mail.bytes)).toBe('jpeg');
      expect(imageHeader(mail.bytes, 'jpeg')).toMatchObject({ width: 600, height: 250 });
      expect({ width: mail.width, height: mail.height }).toEqual({ width: 600, height: 250 });
      expect(mail.bytes.byteLength).toBeLessThanOrEqual(60_000);
      const unscaled = await mailVersion(images, photo, { maxWidth: 2000, maxBytes: 400_000 });
      expect(imageHeader(unscaled.bytes, 'jpeg')).toMatchObject({ width: 1200, height: 500 });
    });
  });
}
