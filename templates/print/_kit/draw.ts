// What a template draws: a list of shapes per page, in points, measured from the top left
// corner of the trim area (y grows downwards). The renderer (src/modules/print/pdf.ts) turns
// it into PDF; the benchmark turns the very same list into HTML for Chromium.
import type { FontFace } from '../../../src/kernel/assets.js';
import type { PaperSize, QrCode } from './types.js';

/** Run is a piece of a line in one face. */
export interface Run {
  face: FontFace;
  text: string;
}

/** TextOp is a block of lines, each line already broken; line boxes are size x lineHeight tall. */
export interface TextOp {
  op: 'text';
  x: number;
  /** Top of the first line box. */
  y: number;
  /** The width the lines are aligned in. */
  width: number;
  face: FontFace;
  size: number;
  lineHeight: number;
  color: string;
  align: 'left' | 'center' | 'right';
  letterSpacing?: number;
  /** Each line is a string in `face`, or runs in several faces. */
  lines: (string | Run[])[];
}

/** Op is one shape on a page. */
export type Op =
  | { op: 'rect'; x: number; y: number; w: number; h: number; fill: string; radius?: number }
  | { op: 'circle'; cx: number; cy: number; r: number; fill: string }
  | TextOp
  | {
      op: 'image';
      image: 'logo' | 'photo';
      x: number;
      y: number;
      w: number;
      h: number;
      /** Only this part of the image shows (an image cropped to cover its box). */
      clip?: { x: number; y: number; w: number; h: number };
    }
  | { op: 'qr'; qr: QrCode; x: number; y: number; size: number };

/** DrawnPage is one page of a print: its paper, whether it has bleed, and what is on it. */
export interface DrawnPage {
  size: PaperSize;
  bleed: boolean;
  ops: Op[];
}
