// The files the print renderer needs at run time (today: the fonts) come through this small
// interface, never from the file system: the Node entry reads them from templates/print/fonts,
// a Worker would serve them from its bundle, tests from memory. A later issue folds it into
// the runtime port in AppDeps.

/** FontFace names one of the shipped font files. */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** FONT_FILES names the shipped file of each face, in templates/print/fonts (Atkinson Hyperlegible, OFL). */
export const FONT_FILES: Record<FontFace, string> = {
  regular: 'AtkinsonHyperlegible-Regular.ttf',
  bold: 'AtkinsonHyperlegible-Bold.ttf',
  italic: 'AtkinsonHyperlegible-Italic.ttf',
  boldItalic: 'AtkinsonHyperlegible-BoldItalic.ttf',
};

/** BundledAssets hands out the files that ship with the project, as bytes. */
export interface BundledAssets {
  /** font returns the TrueType file of one face. */
  font(face: FontFace): Promise<Uint8Array>;
}

/** memoryAssets serves assets from bytes already in memory (tests, and a Worker's bundled modules). */
export function memoryAssets(fonts: Record<FontFace, Uint8Array>): BundledAssets {
  return { font: async (face) => fonts[face] };
}
