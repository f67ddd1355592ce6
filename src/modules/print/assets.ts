// The print renderer's fonts: which file each face is. They are assets of the runtime port
// (AppDeps.runtime.assets): read from templates/print/fonts on Node, bundled on Workers.

import type { FontFace } from '../../kernel/assets.js';

export type { FontFace };

/** FONTS_FOLDER is the asset folder of the print fonts, from the project root. */
export const FONTS_FOLDER = 'templates/print/fonts/';

/** FONT_FILES names the shipped file of each face, in templates/print/fonts (Atkinson Hyperlegible, OFL). */
export const FONT_FILES: Record<FontFace, string> = {
  regular: 'AtkinsonHyperlegible-Regular.ttf',
  bold: 'AtkinsonHyperlegible-Bold.ttf',
  italic: 'AtkinsonHyperlegible-Italic.ttf',
  boldItalic: 'AtkinsonHyperlegible-BoldItalic.ttf',
};

/** fontAsset is the asset path of one face, e.g. 'templates/print/fonts/AtkinsonHyperlegible-Bold.ttf'. */
export function fontAsset(face: FontFace): string {
  return `${FONTS_FOLDER}${FONT_FILES[face]}`;
}
