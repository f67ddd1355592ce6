// The files that ship with the project and that code needs at run time (today: the print
// fonts) come through this small interface, never from the file system: the Node entry reads
// them from templates/print/fonts, a Worker serves them from its bundle, tests from memory.

/** FontFace names one of the shipped font files. */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** BundledAssets hands out the files that ship with the project, as bytes. */
export interface BundledAssets {
  /** font returns the TrueType file of one face. */
  font(face: FontFace): Promise<Uint8Array>;
}
