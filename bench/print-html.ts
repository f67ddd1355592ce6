// The benchmark's baseline: the very pages a template drew (the same display list the PDF
// writer gets), as HTML for Chromium's print-to-PDF. Same positions, the same fitted lines,
// the same fonts, colours, logo bytes and QR shapes, so both renderers print one design.

import { FONT_FILES, type FontFace } from '../src/modules/print/assets.js';
import type { DrawnPage, Op } from '../templates/print/_kit/draw.js';
import { BLEED, PAPER, SLUG } from '../templates/print/_kit/theme.js';

const weight = (f: FontFace) => (f === 'bold' || f === 'boldItalic' ? 700 : 400);
const style = (f: FontFace) => (f === 'italic' || f === 'boldItalic' ? 'italic' : 'normal');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const pt = (n: number) => `${Math.round(n * 100) / 100}pt`;

function op(o: Op, images: Record<string, string>): string {
  switch (o.op) {
    case 'rect':
      return `<div style="left:${pt(o.x)};top:${pt(o.y)};width:${pt(o.w)};height:${pt(o.h)};background:${o.fill}${o.radius ? `;border-radius:${pt(o.radius)}` : ''}"></div>`;
    case 'circle':
      return `<div style="left:${pt(o.cx - o.r)};top:${pt(o.cy - o.r)};width:${pt(2 * o.r)};height:${pt(2 * o.r)};background:${o.fill};border-radius:50%"></div>`;
    case 'text':
      return o.lines
        .map((line, i) => {
          const inner =
            typeof line === 'string'
              ? esc(line)
              : line
                  .map(
                    (r) =>
                      `<span style="font-weight:${weight(r.face)};font-style:${style(r.face)}">${esc(r.text)}</span>`,
                  )
                  .join('');
          return `<div style="left:${pt(o.x)};top:${pt(o.y + i * o.size * o.lineHeight)};width:${pt(o.width)};font-size:${pt(o.size)};line-height:${o.lineHeight};color:${o.color};text-align:${o.align};font-weight:${weight(o.face)};font-style:${style(o.face)}${o.letterSpacing ? `;letter-spacing:${pt(o.letterSpacing)}` : ''}">${inner}</div>`;
        })
        .join('');
    case 'image': {
      const img = `<img src="${images[o.image]}" style="left:${pt(o.x - (o.clip?.x ?? 0))};top:${pt(o.y - (o.clip?.y ?? 0))};width:${pt(o.w)};height:${pt(o.h)}">`;
      if (!o.clip) return img;
      return `<div style="left:${pt(o.clip.x)};top:${pt(o.clip.y)};width:${pt(o.clip.w)};height:${pt(o.clip.h)};overflow:hidden">${img}</div>`;
    }
    case 'qr':
      return `<svg style="left:${pt(o.x)};top:${pt(o.y)};width:${pt(o.size)};height:${pt(o.size)};background:#fff" viewBox="0 0 ${o.qr.modules} ${o.qr.modules}"><path d="${o.qr.path}"/></svg>`;
  }
}

/** pagesToHtml writes drawn pages as one HTML document, fonts and images inline. */
export function pagesToHtml(
  pages: DrawnPage[],
  fonts: Record<FontFace, Uint8Array>,
  images: Partial<Record<'logo' | 'photo', Uint8Array>>,
): { html: string; width: string; height: string } {
  const first = pages[0]!;
  const out = first.bleed ? BLEED + SLUG : 0;
  const width = PAPER[first.size].width + 2 * out;
  const height = PAPER[first.size].height + 2 * out;
  const uri = Object.fromEntries(
    Object.entries(images).map(([k, v]) => [
      k,
      `data:image/jpeg;base64,${Buffer.from(v).toString('base64')}`,
    ]),
  );
  const faces = (Object.keys(FONT_FILES) as FontFace[])
    .map(
      (f) =>
        `@font-face { font-family: AH; font-weight: ${weight(f)}; font-style: ${style(f)}; src: url(data:font/ttf;base64,${Buffer.from(fonts[f]).toString('base64')}); }`,
    )
    .join('\n');
  const body = pages
    .map((p) => `<section><div class="trim">${p.ops.map((o) => op(o, uri)).join('')}</div></section>`)
    .join('');
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
${faces}
@page { size: ${pt(width)} ${pt(height)}; margin: 0; }
* { margin: 0; box-sizing: border-box; }
body { font-family: AH; }
section { position: relative; width: ${pt(width)}; height: ${pt(height)}; overflow: hidden; break-after: page; }
.trim { position: absolute; left: ${pt(out)}; top: ${pt(out)}; }
.trim div, .trim svg, .trim img { position: absolute; white-space: pre; }
</style></head><body>${body}</body></html>`;
  const mm = (n: number) => `${Math.round((n / 72) * 25.4 * 1000) / 1000}mm`;
  return { html, width: mm(width), height: mm(height) };
}
