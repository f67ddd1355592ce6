import { z } from 'zod';
import type { FontFace } from '../../../src/kernel/assets.js';
import type { DrawnPage } from './draw.js';

export type { FontFace };

/** PaperSize is an ISO A size a template can be printed in. */
export const PaperSize = z.enum(['A4', 'A3']);
export type PaperSize = z.infer<typeof PaperSize>;

/** TemplateKind: posters hang in the neighbourhood, handouts are used inside a stadsdorp. */
export const TemplateKind = z.enum(['poster', 'handout']);
export type TemplateKind = z.infer<typeof TemplateKind>;

/**
 * TextBox is the locked area one field is printed in, in points on A4 (A3 scales every
 * number by the same factor, so a text breaks into the same lines on both sizes).
 */
export interface TextBox {
  width: number;
  height: number;
  face: FontFace;
  /** Font size used when the text fits; the text shrinks from here ... */
  maxSize: number;
  /** ... down to here and no further. */
  minSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Every line of the field is one bullet item, indented behind a bullet. */
  bullets?: boolean;
  /** Space between paragraphs (blank-line separated), as a multiple of the font size. */
  paragraphGap?: number;
  /** Even out line lengths (for titles): no single word left alone on the last line. */
  balance?: boolean;
}

/** FittedText is a field after fitting: its lines per paragraph and the size they fit at. */
export interface FittedText {
  paragraphs: string[][];
  fontSize: number;
  lineHeight: number;
  bullets: boolean;
  paragraphGap: number;
  /** The box width on A4 (points); text is laid out at exactly this width times the scale. */
  width: number;
}

/** Brand is the stadsdorp's colour with the colours derived from it for contrast. */
export interface Brand {
  colour: string;
  /** Text colour readable on the brand colour (white or near-black). */
  ink: string;
  /** A light tint of the brand colour for panels. */
  tint: string;
  /** A darker shade for the footer band. */
  dark: string;
  /** Text colour readable on the dark shade. */
  darkInk: string;
  /** The brand colour where it reads on white and on the tint, else a darker shade of it. */
  accent: string;
}

/** PictureSize is the pixel size of a logo or photo; the renderer embeds the bytes. */
export interface PictureSize {
  width: number;
  height: number;
}

/** QrCode is a QR symbol over a square of `modules` units (quiet zone included), as vector shapes. */
export interface QrCode {
  /** The dark modules as rectangles [x, y, width, height], runs merged across rows. */
  rects: [number, number, number, number][];
  /** The same shapes as one SVG path, for HTML. */
  path: string;
  modules: number;
  url: string;
  /** What a person types: the address without scheme and tracking source. */
  shortUrl: string;
}

/** TemplateProps is everything a template draws; templates never read the database or the environment. */
export interface TemplateProps {
  size: PaperSize;
  bleed: boolean;
  stadsdorp: { slug: string; name: string };
  texts: Record<string, FittedText>;
  brand: Brand;
  logo: PictureSize | null;
  /** The poster photo, when the stadsdorp uploaded one. */
  photo: PictureSize | null;
  website: string | null;
  contact: string | null;
  qr: QrCode | null;
}

/** PrintTemplate is one locked design with named editable fields. */
export interface PrintTemplate {
  slug: string;
  title: string;
  kind: TemplateKind;
  description: string;
  sizes: PaperSize[];
  /** The editable fields: each a zod string carrying its FieldMeta. */
  fields: z.ZodObject<Record<string, z.ZodString>>;
  /** Where each field is printed; every field has a box. */
  boxes: Record<string, TextBox>;
  /** Boxes of texts that are not fields (the stadsdorp name), fitted the same way. */
  fixedBoxes?: Record<string, TextBox>;
  /**
   * Boxes that grow with the room the other texts leave (a poster's title fills its band):
   * given the texts fitted in `boxes`, the box a field gets instead. Never smaller than its
   * box in `boxes`, so a text within its field's limit always fits.
   */
  grow?: (p: Omit<TemplateProps, 'texts'>, texts: Record<string, FittedText>) => Record<string, TextBox>;
  /** Whether the template carries the signup QR code. */
  hasQr: boolean;
  /** The letter of the template in a short address (stadsdorpen.nl/s/12k3); posters only. */
  shortCode?: string;
  /** draw lays the pages out; it only places what it is given, nothing is measured here. */
  draw: (props: TemplateProps) => DrawnPage[];
}
