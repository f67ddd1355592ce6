import { readFileSync } from 'node:fs';
import { FONT_FILES, type FontFace, memoryAssets } from '../../src/modules/print/assets.js';

/** testAssets serves the shipped fonts from memory, read once, as a Worker serves its bundled files. */
export const testAssets = memoryAssets(
  Object.fromEntries(
    (Object.keys(FONT_FILES) as FontFace[]).map((face) => [
      face,
      new Uint8Array(
        readFileSync(new URL(`../../templates/print/fonts/${FONT_FILES[face]}`, import.meta.url)),
      ),
    ]),
  ) as Record<FontFace, Uint8Array>,
);
