import { fileURLToPath } from 'node:url';
import type { Brand, FontFace, PaperSize } from './types.js';

/** MM is one millimetre in PDF points. */
export const MM = 72 / 25.4;

/** BLEED is the print shop's 3 mm bleed on each side, in points. */
export const BLEED = 3 * MM;

/**
 * SLUG is the white margin outside the bleed that holds the crop marks, in points: a mark
 * starts at the bleed's edge and runs CROP_MARK long, so a cut that strays into the bleed
 * (what the bleed is for) never catches a mark.
 */
export const SLUG = 6 * MM;
/** CROP_MARK is the length of a crop mark, in points. */
export const CROP_MARK = 5 * MM;

/** PAPER gives the trim size of each A size in points (portrait). */
export const PAPER: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210 * MM, height: 297 * MM },
  A3: { width: 297 * MM, height: 420 * MM },
};

/** scaleOf is how much a design drawn on A4 grows on this size. */
export function scaleOf(size: PaperSize): number {
  return PAPER[size].width / PAPER.A4.width;
}

/** FONT_FAMILY is the one family the print templates use (Atkinson Hyperlegible, OFL; made for low-vision readers). */
export const FONT_FAMILY = 'Atkinson Hyperlegible';

/** FONT_FILES maps each face to its TTF shipped in templates/print/fonts. */
export const FONT_FILES: Record<FontFace, string> = {
  regular: fileURLToPath(new URL('../fonts/AtkinsonHyperlegible-Regular.ttf', import.meta.url)),
  bold: fileURLToPath(new URL('../fonts/AtkinsonHyperlegible-Bold.ttf', import.meta.url)),
  italic: fileURLToPath(new URL('../fonts/AtkinsonHyperlegible-Italic.ttf', import.meta.url)),
  boldItalic: fileURLToPath(new URL('../fonts/AtkinsonHyperlegible-BoldItalic.ttf', import.meta.url)),
};

/** faceStyle is the react-pdf style that selects a face. */
export function faceStyle(face: FontFace): {
  fontFamily: string;
  fontWeight: number;
  fontStyle: 'normal' | 'italic';
} {
  return {
    fontFamily: FONT_FAMILY,
    fontWeight: face === 'bold' || face === 'boldItalic' ? 700 : 400,
    fontStyle: face === 'italic' || face === 'boldItalic' ? 'italic' : 'normal',
  };
}

/** NETWERK is the locked identity every print carries. */
export const NETWERK = {
  name: 'Netwerk Amsterdamse Stadsdorpen',
  motto: 'samen werken aan nabuurschap in de stad',
  website: 'stadsdorpen.nl',
} as const;

/** DEFAULT_BRAND_COLOUR is used until a stadsdorp sets its own. */
export const DEFAULT_BRAND_COLOUR = '#1B6B5A';

/** INK is the dark text colour on white paper. */
export const INK = '#1D2326';

/** LOGO_BOX is the area the logo is fitted into on a poster, in A4 points (A3 scales it). */
export const LOGO_BOX = { width: 170, height: 70 } as const;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: number[]): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`.toUpperCase();
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** contrast is the WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** brandOf derives text and panel colours from a brand colour, so a light brand colour still gets readable text. */
export function brandOf(colour: string): Brand {
  const ink = contrast(colour, '#FFFFFF') >= contrast(colour, INK) ? '#FFFFFF' : INK;
  const rgb = channels(colour);
  const dark = toHex(rgb.map((c) => c * 0.55));
  const tint = toHex(rgb.map((c) => c + (255 - c) * 0.88));
  const accent = [colour.toUpperCase(), toHex(rgb.map((c) => c * 0.75)), dark, INK].find(
    (c) => contrast(c, tint) >= 4.5,
  ) as string;
  return {
    colour: colour.toUpperCase(),
    ink,
    tint,
    dark,
    accent,
    darkInk: contrast(dark, '#FFFFFF') >= contrast(dark, INK) ? '#FFFFFF' : INK,
  };
}
