// The SVG writer: the second back-end for the pages a template drew, beside pdf.ts. It takes
// the very display list the PDF gets (same fitted lines, same positions), so a preview in the
// browser is the page that will be printed. Text lines are placed where the PDF writer places
// them (x from the same shaped widths, the same baseline); the browser draws them in the same
// font files, served by the app and named in @font-face. Plain string building, no Node API:
// it runs in a Worker like pdf.ts.
import type { DrawnPage, Op, TextOp } from '../../../templates/print/_kit/draw.js';
import { BLEED, PAPER, SLUG } from '../../../templates/print/_kit/theme.js';
import type { FontFace } from './assets.js';
import { type FontSet, placeLines } from './fonts.js';

/** SVG_FONT_FAMILY is the family name the SVG's text asks for; @font-face rules give it the print fonts. */
export const SVG_FONT_FAMILY = 'NAS Print';

/** PAGE_GAP is the space between two pages of one SVG, in points. */
const PAGE_GAP = 18;

/** SvgInput is everything one SVG needs. */
export interface SvgInput {
  pages: DrawnPage[];
  fonts: FontSet;
  /** Where the logo and the photo are loaded from: a data: URL or a URL of this app. */
  images: Partial<Record<'logo' | 'photo', string>>;
  /** URLs of the four faces: when given, the SVG carries its own @font-face rules (a document of its own). */
  fontUrls?: Record<FontFace, string>;
  /** Prefix for ids inside the SVG (clip paths), so that several SVGs can share one HTML page. */
  idPrefix?: string;
  /** The width attribute (e.g. '100%'); by default the page's size in points. */
  width?: string;
  /** Read out by screen readers; the SVG is aria-hidden without it. */
  title?: string;
  /** Draw only the first pages (a thumbnail shows one). */
  maxPages?: number;
}

const num = (x: number) => {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const weight = (f: FontFace) => (f === 'bold' || f === 'boldItalic' ? 700 : 400);
const style = (f: FontFace) => (f === 'italic' || f === 'boldItalic' ? 'italic' : 'normal');

/** fontFaceCss is the @font-face rules that give SVG_FONT_FAMILY the print fonts at these URLs. */
export function fontFaceCss(urls: Record<FontFace, string>): string {
  return (Object.keys(urls) as FontFace[])
    .map(
      (f) =>
        `@font-face{font-family:"${SVG_FONT_FAMILY}";font-weight:${weight(f)};font-style:${style(f)};src:url("${urls[f]}") format("truetype");font-display:block}`,
    )
    .join('');
}

/** pageBox is the area a page covers, from the top left of its trim area: the slug and bleed included. */
function pageBox(page: DrawnPage) {
  const trim = PAPER[page.size];
  const out = page.bleed ? BLEED + SLUG : 0;
  return { x: -out, y: -out, width: trim.width + 2 * out, height: trim.height + 2 * out };
}

class PageWriter {
  out: string[] = [];
  private clips = 0;
  constructor(
    private readonly fonts: FontSet,
    private readonly images: SvgInput['images'],
    private readonly prefix: string,
  ) {}

  draw(op: Op) {
    switch (op.op) {
      case 'rect':
        this.out.push(
          `<rect x="${num(op.x)}" y="${num(op.y)}" width="${num(op.w)}" height="${num(op.h)}"${op.radius ? ` rx="${num(op.radius)}"` : ''} fill="${op.fill}"/>`,
        );
        return;
      case 'circle':
        this.out.push(`<circle cx="${num(op.cx)}" cy="${num(op.cy)}" r="${num(op.r)}" fill="${op.fill}"/>`);
        return;
      case 'text':
        this.text(op);
        return;
      case 'image': {
        const href = this.images[op.image];
        if (!href) return;
        const img = `<image href="${esc(href)}" x="${num(op.x)}" y="${num(op.y)}" width="${num(op.w)}" height="${num(op.h)}" preserveAspectRatio="none"`;
        if (!op.clip) {
          this.out.push(`${img}/>`);
          return;
        }
        const id = `${this.prefix}clip${++this.clips}`;
        const c = op.clip;
        this.out.push(
          `<clipPath id="${id}"><rect x="${num(c.x)}" y="${num(c.y)}" width="${num(c.w)}" height="${num(c.h)}"/></clipPath>${img} clip-path="url(#${id})"/>`,
        );
        return;
      }
      case 'qr': {
        const unit = op.size / op.qr.modules;
        this.out.push(
          `<g transform="translate(${num(op.x)} ${num(op.y)}) scale(${num(unit)})"><rect width="${op.qr.modules}" height="${op.qr.modules}" fill="#FFFFFF"/><path d="${op.qr.path}" fill="#000000" shape-rendering="crispEdges"/></g>`,
        );
        return;
      }
    }
  }

  // Each line where pdf.ts puts it (placeLines: the same shaped width, the same baseline).
  private text(op: TextOp) {
    const spacing = op.letterSpacing ?? 0;
    const attrs = `font-size="${num(op.size)}" fill="${op.color}"${spacing ? ` letter-spacing="${num(spacing)}"` : ''}`;
    for (const line of placeLines(this.fonts, op)) {
      const body = line.runs
        .filter((r) => r.text !== '')
        .map(
          (r) =>
            `<tspan font-weight="${weight(r.face.face)}" font-style="${style(r.face.face)}">${esc(r.text)}</tspan>`,
        )
        .join('');
      if (!body) continue;
      this.out.push(
        `<text x="${num(line.x)}" y="${num(line.baseline)}" xml:space="preserve" ${attrs}>${body}</text>`,
      );
    }
  }
}

/**
 * renderSvg writes the drawn pages as one SVG document, the pages one under another, each
 * with its slug and bleed when it has them, in points (1 unit = 1 pt).
 */
export function renderSvg(input: SvgInput): string {
  const prefix = input.idPrefix ?? 'p';
  const pages = input.maxPages ? input.pages.slice(0, input.maxPages) : input.pages;
  const boxes = pages.map(pageBox);
  const width = Math.max(...boxes.map((b) => b.width));
  const height = boxes.reduce((h, b) => h + b.height, 0) + PAGE_GAP * Math.max(0, boxes.length - 1);
  const parts: string[] = [];
  let y = 0;
  pages.forEach((page, i) => {
    const box = boxes[i]!;
    const w = new PageWriter(input.fonts, input.images, `${prefix}${i}`);
    for (const op of page.ops) w.draw(op);
    parts.push(
      `<svg x="0" y="${num(y)}" width="${num(box.width)}" height="${num(box.height)}" viewBox="${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)}" overflow="hidden" data-page="${i + 1}">` +
        `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" fill="#FFFFFF"/>` +
        `${w.out.join('')}</svg>`,
    );
    y += box.height + PAGE_GAP;
  });
  const label = input.title
    ? ` role="img" aria-label="${esc(input.title)}"`
    : ' aria-hidden="true" focusable="false"';
  const css = input.fontUrls ? `<style>${fontFaceCss(input.fontUrls)}</style>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(width)} ${num(height)}" width="${input.width ?? num(width)}"${input.width ? '' : ` height="${num(height)}"`}${label} font-family="${SVG_FONT_FAMILY}" text-rendering="geometricPrecision" style="font-kerning:normal">` +
    `${css}${parts.join('')}</svg>`
  );
}
