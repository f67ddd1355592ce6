// The print fonts ship with the project and come through the runtime port's assets
// (AppDeps.runtime.assets, src/deps.ts), never from the file system. The faces are named here,
// below templates/print, since the templates choose a face for each text.

/** FontFace names one of the shipped font files. */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';
