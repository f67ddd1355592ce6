import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import pako from 'pako';
const bytes = readFileSync('templates/print/fonts/AtkinsonHyperlegible-Regular.ttf');
const font = fontkit.create(bytes) as fontkit.Font;
const text = 'Een stadsdorp is een netwerk van buren die elkaar kennen en een handje helpen. Samen organiseren we activiteiten, zodat iedereen prettig 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const run = font.layout(text);
const N = 200;
const time = async (name: string, fn: () => unknown) => {
  for (let i = 0; i < 50; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < N; i++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(name, 'median', xs[N / 2]!.toFixed(3), 'min', xs[0]!.toFixed(3));
};
let out!: Uint8Array;
await time('layout', () => font.layout(text));
await time('subset', () => { const sub = font.createSubset(); for (const g of run.glyphs) sub.includeGlyph(g); out = sub.encode(); });
await time('cstream', async () => new Uint8Array(await new Response(new Blob([out]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer()));
await time('pako', () => pako.deflate(out));
const big = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
await time('cstream big', async () => new Uint8Array(await new Response(new Blob([big]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer()));
await time('pako big', () => pako.deflate(big));
