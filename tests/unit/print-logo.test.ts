// What only the Node codecs (sharp, librsvg) can show: an SVG drawn without fetching anything.
// The refusals every runtime shares are in tests/contract/images-contract.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sharpImages } from '../../src/entry/node-images.js';
import { checkLogo, imageHeader, logoWarning, sniffLogo } from '../../src/modules/print/logo.js';
import { fixture } from '../fixtures/print/inspect.js';

const images = sharpImages();

describe('logo upload check on Node', () => {
  it('rasterises an SVG: no script, handler or external reference survives, and nothing is fetched', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const svg = fixture('evil.svg').toString('utf8').replaceAll('EXTERNAL', host);
      expect(sniffLogo(Buffer.from(svg))).toBe('svg');
      const logo = await checkLogo(images, Buffer.from(svg));
      expect(logo.mime).toBe('image/png');
      expect(logo.source).toBe('svg');
      expect(Math.max(logo.width, logo.height)).toBe(2400);
      expect((await sharp(logo.bytes).metadata()).format).toBe('png');
      const stored = Buffer.from(logo.bytes).toString('latin1');
      for (const bad of ['<script', 'onload', 'onclick', 'href', host]) expect(stored).not.toContain(bad);
      await new Promise((r) => setTimeout(r, 200));
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('reads the size from the header as sharp does, for PNG and JPEG', async () => {
    for (const name of ['logo.png', 'logo.jpg', 'logo-small.png']) {
      const bytes = fixture(name);
      const meta = await sharp(bytes).metadata();
      expect(imageHeader(bytes, meta.format === 'png' ? 'png' : 'jpeg')).toMatchObject({
        width: meta.width,
        height: meta.height,
      });
    }
  });

  it('warns when a logo has too few pixels for the A3 poster at 300 dpi', async () => {
    const small = await checkLogo(images, fixture('logo-small.png'));
    expect(logoWarning(small)).toMatch(/240 × 100 pixels.*300 dpi/);
    expect(logoWarning(await checkLogo(images, fixture('logo.png')))).toBeNull();
  });
});
