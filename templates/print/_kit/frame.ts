// The parts every print shares: the page with its bleed and crop marks, fitted text, the logo,
// the QR code and the Netwerk's footer. Everything is placed in A4 points times the page's
// scale, from the top left corner of the trim area.
import type { DrawnPage, Op, Run } from './draw.js';
import {
  BLEED,
  BULLET_INDENT_EM,
  CROP_MARK,
  INK,
  LOGO_BOX,
  logoPlacement,
  NETWERK,
  PAPER,
  scaleOf,
} from './theme.js';
import type { Brand, FittedText, FontFace, PaperSize, PictureSize, QrCode } from './types.js';

/** fittedHeight is the height a fitted text takes on the page, in points (scale applied). */
export function fittedHeight(t: FittedText | undefined, scale: number): number {
  if (!t) return 0;
  const size = t.fontSize * scale;
  const lines = t.paragraphs.reduce((n, p) => n + p.length, 0);
  return (lines * t.lineHeight + Math.max(0, t.paragraphs.length - 1) * t.paragraphGap) * size;
}

/**
 * Canvas collects what is drawn on one page. Coordinates are points from the top left of the
 * trim area; `s` is the scale of the design (1 on A4, 297/210 on A3).
 */
export class Canvas {
  readonly ops: Op[] = [];
  readonly s: number;
  readonly width: number;
  readonly height: number;
  /** How far a band that touches the paper edge reaches beyond it: the bleed, or nothing. */
  readonly b: number;

  constructor(
    readonly size: PaperSize,
    readonly bleed: boolean,
  ) {
    this.s = scaleOf(size);
    this.width = PAPER[size].width;
    this.height = PAPER[size].height;
    this.b = bleed ? BLEED : 0;
  }

  rect(x: number, y: number, w: number, h: number, fill: string, radius?: number) {
    this.ops.push({ op: 'rect', x, y, w, h, fill, ...(radius ? { radius } : {}) });
  }

  /** band fills the full width from y to y + h, into the bleed at the sides (and top or bottom when asked). */
  band(y: number, h: number, fill: string, edges: { top?: boolean; bottom?: boolean } = {}) {
    const top = edges.top ? this.b : 0;
    const bottom = edges.bottom ? this.b : 0;
    this.rect(-this.b, y - top, this.width + 2 * this.b, h + top + bottom, fill);
  }

  /** label draws one line of locked text at a fixed size (kickers, headings), in design units. */
  label(
    text: string,
    x: number,
    y: number,
    o: {
      face: FontFace;
      size: number;
      color: string;
      width?: number;
      align?: 'left' | 'right';
      letterSpacing?: number;
      lineHeight?: number;
    },
  ): number {
    const s = this.s;
    const lineHeight = o.lineHeight ?? 1.2;
    this.ops.push({
      op: 'text',
      x,
      y,
      width: o.width ?? this.width,
      face: o.face,
      size: o.size * s,
      lineHeight,
      color: o.color,
      align: o.align ?? 'left',
      ...(o.letterSpacing ? { letterSpacing: o.letterSpacing * s } : {}),
      lines: [text],
    });
    return o.size * s * lineHeight;
  }

  /** runs draws one line made of pieces in different faces. */
  runs(
    runs: Run[],
    x: number,
    y: number,
    o: { size: number; color: string; width: number; align?: 'left' | 'right' },
  ) {
    this.ops.push({
      op: 'text',
      x,
      y,
      width: o.width,
      face: runs[0]?.face ?? 'regular',
      size: o.size * this.s,
      lineHeight: 1.2,
      color: o.color,
      align: o.align ?? 'left',
      lines: [runs],
    });
  }

  /** fitted prints a field's lines exactly as fit.ts broke them; it returns the height used. */
  fitted(
    t: FittedText | undefined,
    x: number,
    y: number,
    o: { face: FontFace; color: string; align?: 'left' | 'center' | 'right'; bulletColor?: string },
  ): number {
    if (!t) return 0;
    const size = t.fontSize * this.s;
    const width = t.width * this.s;
    const lh = size * t.lineHeight;
    const indent = BULLET_INDENT_EM * size;
    let at = y;
    t.paragraphs.forEach((lines, i) => {
      if (i > 0) at += t.paragraphGap * size;
      if (t.bullets) {
        // The bullet is a drawn dot, centred on the first line of its item.
        const r = 0.16 * size;
        this.ops.push({
          op: 'circle',
          cx: x + 0.1 * size + r,
          cy: at + lh / 2,
          r,
          fill: o.bulletColor ?? o.color,
        });
      }
      this.ops.push({
        op: 'text',
        x: t.bullets ? x + indent : x,
        y: at,
        width: t.bullets ? width - indent : width,
        face: o.face,
        size,
        lineHeight: t.lineHeight,
        color: o.color,
        align: o.align ?? 'left',
        lines,
      });
      at += lines.length * lh;
    });
    return at - y;
  }

  image(image: 'logo' | 'photo', x: number, y: number, w: number, h: number) {
    this.ops.push({ op: 'image', image, x, y, w, h });
  }

  /** cover fills a box with a picture, cropped to the box and centred, as CSS object-fit: cover. */
  cover(image: 'logo' | 'photo', size: PictureSize, x: number, y: number, w: number, h: number) {
    const k = Math.max(w / size.width, h / size.height);
    const iw = size.width * k;
    const ih = size.height * k;
    this.ops.push({
      op: 'image',
      image,
      x: x + (w - iw) / 2,
      y: y + (h - ih) / 2,
      w: iw,
      h: ih,
      clip: { x, y, w, h },
    });
  }

  qr(qr: QrCode, x: number, y: number, size: number) {
    this.ops.push({ op: 'qr', qr, x, y, size });
  }

  /** page finishes the page: with bleed, the crop marks go in the slug outside the bleed. */
  page(): DrawnPage {
    if (this.bleed) this.cropMarks();
    return { size: this.size, bleed: this.bleed, ops: this.ops };
  }

  // Crop marks lie on the extensions of the trim lines: each starts at the edge of the bleed
  // and runs outward, so nothing of them is left after cutting, even a cut that strays into
  // the bleed. Hairlines in registration black on the white slug.
  private cropMarks() {
    const { width: w, height: h } = this;
    const stroke = 0.3;
    const near = -BLEED - CROP_MARK;
    const far = BLEED;
    for (const y of [0, h]) {
      this.rect(near, y - stroke / 2, CROP_MARK, stroke, '#000000');
      this.rect(w + far, y - stroke / 2, CROP_MARK, stroke, '#000000');
    }
    for (const x of [0, w]) {
      this.rect(x - stroke / 2, near, stroke, CROP_MARK, '#000000');
      this.rect(x - stroke / 2, h + far, stroke, CROP_MARK, '#000000');
    }
  }
}

/** drawLogo shows the stadsdorp's logo contained in the logo box, or its name as a word mark. */
export function drawLogo(
  c: Canvas,
  logo: PictureSize | null,
  name: FittedText | undefined,
  brand: Brand,
  x: number,
  y: number,
) {
  const boxH = LOGO_BOX.height * c.s;
  if (!logo) {
    const h = fittedHeight(name, c.s);
    c.fitted(name, x, y + (boxH - h) / 2, { face: 'bold', color: brand.accent });
    return;
  }
  const placed = logoPlacement(logo, c.s);
  c.image('logo', x, y + (boxH - placed.height) / 2, placed.width, placed.height);
}

/** FOOTER_HEIGHT is the height of the Netwerk's footer band, in A4 points. */
export const FOOTER_HEIGHT = 2 * 12 + 9.5 * 1.2;

/** drawFooter is the locked band with the Netwerk's name and motto; it runs to the bottom edge. */
export function drawFooter(c: Canvas, brand: Brand, margin: number) {
  const s = c.s;
  const h = FOOTER_HEIGHT * s;
  const y = c.height - h;
  c.band(y, h, brand.dark, { bottom: true });
  const m = margin * s;
  c.runs(
    [
      { face: 'bold', text: NETWERK.name },
      { face: 'regular', text: '  ·  ' },
      { face: 'italic', text: NETWERK.motto },
    ],
    m,
    y + 12 * s,
    { size: 9.5, color: brand.darkInk, width: c.width - 2 * m },
  );
  c.runs([{ face: 'bold', text: NETWERK.website }], m, y + 12 * s, {
    size: 9.5,
    color: brand.darkInk,
    width: c.width - 2 * m,
    align: 'right',
  });
}

export { INK };
