import type { Brand, PaperSize } from './types.js';

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

/** logoPlacement is the printed size of a logo contained in the logo box, in points. */
export function logoPlacement(logo: { width: number; height: number }, scale: number) {
  const boxW = LOGO_BOX.width * scale;
  const boxH = LOGO_BOX.height * scale;
  const k = Math.min(boxW / logo.width, boxH / logo.height);
  return { width: logo.width * k, height: logo.height * k };
}

/** BULLET_INDENT_EM is the hanging indent of a bullet item, in em; fitting measures with the same value. */
export const BULLET_INDENT_EM = 1.1;

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
