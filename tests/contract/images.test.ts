// The image codecs contract on Node, against both implementations: sharp (what Node uses) and
// the @jsquash WebAssembly codecs (what Workers use), the latter compiled here from the
// packages' .wasm files as wrangler bundles them for a Worker. Then what both make is compared
// pixel by pixel, read back with sharp.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sharpImages } from '../../src/entry/node-images.js';
import { checkLogo, printVersion } from '../../src/modules/print/logo.js';
import { jsquashImages } from '../../src/runtime/jsquash-images.js';
import { fixture } from '../fixtures/print/inspect.js';
import { jsquashModules } from '../support/jsquash.js';
import { type ImageFixtures, imagesContract } from './images-contract.js';

const fixtures: ImageFixtures = {
  logoPng: fixture('logo.png'),
  logoJpg: fixture('logo.jpg'),
  notAnImage: fixture('not-an-image.png'),
  truncatedPng: fixture('truncated.png'),
  bomb: fixture('bomb.png'),
  evilSvg: fixture('evil.svg'),
  cmykJpg: fixture('logo-cmyk.jpg'),
};

const node = sharpImages();
const workers = jsquashImages(await jsquashModules());

imagesContract('sharp (Node)', node, fixtures);
imagesContract('@jsquash WebAssembly (Workers), run on Node', workers, fixtures);

/** rgb reads a picture back with sharp as raw RGB pixels. */
async function rgb(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** meanDifference is the mean absolute difference of two pictures of one size, per channel (0-255). */
function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

describe('sharp and @jsquash make the same pictures', () => {
  it.each([
    ['logo.png', fixtures.logoPng],
    ['logo.jpg', fixtures.logoJpg],
  ])('%s: the stored logo and its print version look alike on both', async (_name, bytes) => {
    const [a, b] = await Promise.all([checkLogo(node, bytes), checkLogo(workers, bytes)]);
    expect(meanDifference((await rgb(a.bytes)).data, (await rgb(b.bytes)).data)).toBeLessThan(2);
    const [pa, pb] = await Promise.all([printVersion(node, a, 600), printVersion(workers, b, 600)]);
    const [ra, rb] = [await rgb(pa), await rgb(pb)];
    expect([rb.width, rb.height]).toEqual([ra.width, ra.height]);
    expect(meanDifference(ra.data, rb.data)).toBeLessThan(3);
  });

  it('flattens a transparent logo on white for print, as sharp does', async () => {
    // Left half transparent, right half half-transparent black.
    const raw = new Uint8Array(40 * 20 * 4);
    for (let p = 0; p < 40 * 20; p++) raw[p * 4 + 3] = p % 40 < 20 ? 0 : 128;
    const png = await sharp(raw, { raw: { width: 40, height: 20, channels: 4 } })
      .png()
      .toBuffer();
    for (const images of [node, workers]) {
      const print = await rgb(await printVersion(images, await checkLogo(images, png)));
      const at = (x: number, y: number) => print.data[(y * 40 + x) * 3] ?? 0;
      expect(at(5, 10)).toBeGreaterThan(250);
      expect(Math.abs(at(35, 10) - 127)).toBeLessThan(6);
    }
  });
});
