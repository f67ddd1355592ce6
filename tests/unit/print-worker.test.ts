// The print path loaded the way the Worker will load it: bundled by esbuild with the
// conditions wrangler uses (workerd, worker, browser) and no Node built-ins to resolve, then
// run in a fresh V8 context that has only the web platform's globals: no require, no process,
// no Buffer, no fs. Fonts come through the runtime port's assets from memory, the logo's print
// version through its file store, the database through the Db port (as D1 would be handed in).
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { Assets } from '../../src/deps.js';
import { FONT_FILES, type FontFace, fontAsset } from '../../src/modules/print/assets.js';
import { changeProfile, stadsdorpFor, uploadLogo } from '../../src/modules/print/service.js';
import { mapAssets } from '../../src/runtime/assets.js';
import { decodeQr, fixture, fonts, images, pageBoxes, text } from '../fixtures/print/inspect.js';
import { addStadsdorp, makeDeps } from '../support/app.js';

const coco = { tokenId: 1, name: 'CoCo', role: 'coco' as const, stadsdorpId: null };

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [new URL('../../src/modules/print/printing.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'printing',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

describe('the print module in a Worker', () => {
  it('bundles without a single Node built-in and prints a poster with only web globals', async () => {
    const code = await bundle();
    expect(code).not.toMatch(/require\(["'](node:)?(fs|path|url|crypto|zlib)["']\)/);

    const { deps } = await makeDeps();
    await addStadsdorp(deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
    const s = await stadsdorpFor(deps, coco, 'jordaan');
    await changeProfile(deps, s, { brandColour: '#C8102E', website: 'www.stadsdorpjordaan.nl' });
    await uploadLogo(deps, s, fixture('logo.png'));

    // The Worker's bundled assets: the font files as bytes in memory, handed out through the port.
    const faces = Object.keys(FONT_FILES) as FontFace[];
    const bundled = mapAssets(
      Object.fromEntries(
        await Promise.all(
          faces.map(async (f) => [fontAsset(f), (await deps.runtime.assets.read(fontAsset(f)))!]),
        ),
      ),
    );
    const served: string[] = [];
    const assets: Assets = {
      read: async (path) => {
        served.push(path);
        return bundled.read(path);
      },
      list: (folder) => bundled.list(folder),
    };

    const globals = {
      TextEncoder,
      TextDecoder,
      CompressionStream,
      Blob,
      Response,
      URL,
      URLSearchParams,
      DataView,
      console,
      structuredClone,
    };
    const sandbox = runInNewContext(
      `${code}; printing`,
      globals,
    ) as typeof import('../../src/modules/print/printing.js');
    expect(runInNewContext('typeof require + typeof process + typeof Buffer', globals)).toBe(
      'undefinedundefinedundefined',
    );

    const { pdf } = await sandbox.printPdf(
      { db: deps.db, config: deps.config, runtime: { assets, files: deps.runtime.files } },
      s,
      'kennismaking',
      {
        fields: { titel: 'Welkom in de Jordaan' },
        size: 'A3',
        bleed: true,
      },
    );
    const doc = new Uint8Array(pdf);
    expect(served.sort()).toEqual(faces.map(fontAsset).sort());
    expect(text(doc)).toContain('Welkom in de Jordaan');
    for (const f of fonts(doc))
      expect(f).toMatchObject({ embedded: true, name: expect.stringMatching(/^[A-Z]{6}\+Atkinson/) });
    expect(images(doc)).toHaveLength(1);
    const [page] = await pageBoxes(doc);
    expect(page!.trim.width).toBeCloseTo(841.89, 1);
    expect(decodeQr(doc)).toBe(
      'https://stadsdorpen.test/aanmelden?stadsdorp=jordaan&bron=poster-kennismaking-A3',
    );

    // The poster maker's preview, the same poster as SVG, from the same bundle.
    const svg = await sandbox.printSvg(
      { db: deps.db, config: deps.config, runtime: { assets, files: deps.runtime.files } },
      s,
      'kennismaking',
      { fields: { titel: 'Welkom in de Jordaan' }, size: 'A3', bleed: true },
      { imageUrl: (picture, sha256) => `/${picture}?v=${sha256}` },
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const lines = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' ');
    expect(lines).toContain('Welkom in de Jordaan');
    expect(svg).toMatch(/<image href="\/logo\?v=[0-9a-f]{64}"/);
  });
});
