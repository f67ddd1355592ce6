import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { checkLogo, logoWarning, sniffLogo } from '../../src/modules/print/logo.js';
import { fixture } from '../fixtures/print/inspect.js';

async function refusal(bytes: Uint8Array): Promise<AppError> {
  try {
    await checkLogo(bytes);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the logo was accepted');
}

describe('logo upload check', () => {
  it('accepts a PNG and keeps its size', async () => {
    const logo = await checkLogo(fixture('logo.png'));
    expect(logo).toMatchObject({ mime: 'image/png', width: 1200, height: 500, source: 'png' });
    expect(logo.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a JPEG and stores it as a JPEG', async () => {
    const logo = await checkLogo(fixture('logo.jpg'));
    expect(logo).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 500, source: 'jpeg' });
    expect((await sharp(logo.bytes).metadata()).format).toBe('jpeg');
  });

  it('tells the type by content, not by name: a text file called logo.png is refused', async () => {
    const err = await refusal(fixture('not-an-image.png'));
    expect(err.code).toBe('unsupported_media_type');
    expect(err.message).toContain('geen PNG-, JPEG- of SVG-afbeelding');
  });

  it('refuses a truncated PNG as damaged', async () => {
    const err = await refusal(fixture('truncated.png'));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('beschadigd of onvolledig');
  });

  it('refuses a decompression bomb from its header, before decoding a pixel', async () => {
    const bomb = fixture('bomb.png');
    expect(bomb.length).toBeLessThan(200);
    const err = await refusal(bomb);
    expect(err.code).toBe('validation');
    expect(err.message).toContain('100000 × 100000 pixels');
    expect(err.message).toContain('40 megapixel');
  });

  it('refuses a file over 5 MB', async () => {
    const err = await refusal(new Uint8Array(5 * 1024 * 1024 + 1));
    expect(err.code).toBe('payload_too_large');
  });

  it('refuses an empty file', async () => {
    expect((await refusal(new Uint8Array())).code).toBe('validation');
  });

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
      const logo = await checkLogo(Buffer.from(svg));
      expect(logo.mime).toBe('image/png');
      expect(logo.source).toBe('svg');
      expect(Math.max(logo.width, logo.height)).toBe(2400);
      expect((await sharp(logo.bytes).metadata()).format).toBe('png');
      const stored = logo.bytes.toString('latin1');
      for (const bad of ['<script', 'onload', 'onclick', 'href', host]) expect(stored).not.toContain(bad);
      await new Promise((r) => setTimeout(r, 200));
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('refuses an SVG that declares entities (billion laughs)', async () => {
    const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>`;
    expect((await refusal(Buffer.from(svg))).message).toContain('<!ENTITY>');
  });

  it('warns when a logo has too few pixels for the A3 poster at 300 dpi', async () => {
    const small = await checkLogo(fixture('logo-small.png'));
    expect(logoWarning(small)).toMatch(/240 × 100 pixels.*300 dpi/);
    expect(logoWarning(await checkLogo(fixture('logo.png')))).toBeNull();
  });
});
