// The print renderer's fonts: which file each face is, and assets served from memory. The
// interface itself (BundledAssets) lives in src/kernel/assets.ts, since AppDeps hands it in.

import type { BundledAssets, FontFace } from '../../kernel/assets.js';

export type { BundledAssets, FontFace };

/** FONT_FILES names the shipped file of each face, in templates/print/fonts (Atkinson Hyperlegible, OFL). */
export const FONT_FILES: Record<FontFace, string> = {
  regular: 'AtkinsonHyperlegible-Regular.ttf',
  bold: 'AtkinsonHyperlegible-Bold.ttf',
  italic: 'AtkinsonHyperlegible-Italic.ttf',
  boldItalic: 'AtkinsonHyperlegible-BoldItalic.ttf',
};

/** memoryAssets serves assets from bytes already in memory (tests, and a Worker's bundled modules). */
export function memoryAssets(fonts: Record<FontFace, Uint8Array>): BundledAssets {
  return { font: async (face) => fonts[face] };
}
