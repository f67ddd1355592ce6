import { readFile } from 'node:fs/promises';
import { type BundledAssets, FONT_FILES } from '../modules/print/assets.js';

const FONTS_DIR = new URL('../../templates/print/fonts/', import.meta.url);

/** nodeAssets reads the bundled assets from the project's folders: the print fonts from templates/print/fonts. */
export function nodeAssets(): BundledAssets {
  return {
    font: async (face) => new Uint8Array(await readFile(new URL(FONT_FILES[face], FONTS_DIR))),
  };
}
