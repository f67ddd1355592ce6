// The image codecs contract (tests/contract/images-contract.ts) inside workerd, on the @jsquash
// codecs as the Worker loads them: the `.wasm` imports of src/entry/worker-images.ts, compiled
// by workerd before the code runs, no WebAssembly compiled at run time.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { workerImages } from '../../src/entry/worker-images.js';
import { type ImageFixtures, imagesContract } from '../contract/images-contract.js';

/** fixture is one picture of tests/fixtures/print, handed in by vitest.workers.config.ts. */
function fixture(name: string): Uint8Array {
  const base64 = env.TEST_IMAGE_FIXTURES[name];
  if (base64 === undefined) throw new Error(`no fixture ${name}`);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

const fixtures: ImageFixtures = {
  logoPng: fixture('logo.png'),
  logoJpg: fixture('logo.jpg'),
  notAnImage: fixture('not-an-image.png'),
  truncatedPng: fixture('truncated.png'),
  bomb: fixture('bomb.png'),
  evilSvg: fixture('evil.svg'),
  cmykJpg: fixture('logo-cmyk.jpg'),
};

const images = workerImages();

imagesContract('@jsquash WebAssembly in workerd', images, fixtures);

describe('WebAssembly in workerd', () => {
  it('refuses to compile WebAssembly from bytes, which is why the codecs come as imported modules', async () => {
    // The smallest valid module: the magic number and version 1.
    const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    await expect(WebAssembly.compile(empty)).rejects.toThrow();
  });
});
