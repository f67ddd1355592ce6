// The shipped fonts, loaded once from the runtime's assets: fontkit shapes text (kerning from
// GPOS included) for fitting and for drawing, so a line is measured exactly as it is printed.
import { create, type Font } from 'fontkit';
import type { TextOp } from '../../../templates/print/_kit/draw.js';
import type { Assets } from '../../deps.js';
import { FONT_FILES, type FontFace, fontAsset } from './assets.js';
import { parseTrueType, type TrueTypeSource } from './truetype.js';

/** Shaped is a string as glyphs: ids, the kerning after each glyph, and the total advance, in font units. */
export interface Shaped {
  glyphs: Uint16Array;
  /** xAdvance minus the glyph's own advance: the kerning a PDF TJ array must apply after it. */
  kerning: Int16Array;
  width: number;
}

/** LoadedFace is one face: fontkit for shaping, the parsed tables for subsetting, and its metrics. */
export interface LoadedFace {
  face: FontFace;
  font: Font;
  source: TrueTypeSource;
  postscriptName: string;
  unitsPerEm: number;
  /** Ascent and descent as fractions of the font size (descent negative). */
  ascent: number;
  descent: number;
  /** Advance width of each glyph, in font units. */
  advances: Uint16Array;
  /** The text a glyph stands for, for the PDF's ToUnicode map. */
  unicode: Map<number, string>;
  shaped: Map<string, Shaped>;
}

/** FontSet is every shipped face, ready to measure and embed. */
export type FontSet = Record<FontFace, LoadedFace>;

const SHAPE_CACHE = 50_000;

function loadFace(face: FontFace, bytes: Uint8Array): LoadedFace {
  const font = create(bytes as Buffer) as Font;
  const source = parseTrueType(bytes);
  const hmtx = source.tables.get('hmtx')!;
  const hhea = source.tables.get('hhea')!;
  const metrics = new DataView(hhea.buffer, hhea.byteOffset, hhea.byteLength).getUint16(34);
  const hm = new DataView(hmtx.buffer, hmtx.byteOffset, hmtx.byteLength);
  const advances = new Uint16Array(source.numGlyphs);
  for (let g = 0; g < source.numGlyphs; g++) advances[g] = hm.getUint16(Math.min(g, metrics - 1) * 4);
  return {
    face,
    font,
    source,
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent / font.unitsPerEm,
    descent: font.descent / font.unitsPerEm,
    advances,
    unicode: new Map(),
    shaped: new Map(),
  };
}

const loaded = new WeakMap<Assets, Promise<FontSet>>();

async function readFace(assets: Assets, face: FontFace): Promise<Uint8Array> {
  const bytes = await assets.read(fontAsset(face));
  if (!bytes) throw new Error(`The print font ${fontAsset(face)} is missing from the runtime's assets`);
  return bytes;
}

/** loadFonts reads and parses the shipped faces once per assets source. */
export function loadFonts(assets: Assets): Promise<FontSet> {
  let set = loaded.get(assets);
  if (!set) {
    const faces = Object.keys(FONT_FILES) as FontFace[];
    set = Promise.all(faces.map(async (f) => loadFace(f, await readFace(assets, f)))).then(
      (list) => Object.fromEntries(list.map((l) => [l.face, l])) as FontSet,
    );
    set.catch(() => loaded.delete(assets));
    loaded.set(assets, set);
  }
  return set;
}

/** shape lays a string out in one face; results are kept, since posters repeat their words. */
export function shape(face: LoadedFace, text: string): Shaped {
  let s = face.shaped.get(text);
  if (s) return s;
  const run = face.font.layout(text);
  const n = run.glyphs.length;
  const glyphs = new Uint16Array(n);
  const kerning = new Int16Array(n);
  let width = 0;
  for (let i = 0; i < n; i++) {
    const g = run.glyphs[i]!;
    const advance = run.positions[i]!.xAdvance;
    glyphs[i] = g.id;
    kerning[i] = advance - face.advances[g.id]!;
    width += advance;
    if (!face.unicode.has(g.id)) face.unicode.set(g.id, String.fromCodePoint(...g.codePoints));
  }
  s = { glyphs, kerning, width };
  if (face.shaped.size < SHAPE_CACHE) face.shaped.set(text, s);
  return s;
}

/** widthEm is the advance width of a string in em (1 em = the font size), kerning included. */
export function widthEm(face: LoadedFace, text: string): number {
  return shape(face, text).width / face.unitsPerEm;
}

/** PlacedLine is one line of a text block: its runs shaped in their faces, its left x and its baseline. */
export interface PlacedLine {
  runs: { face: LoadedFace; text: string; shaped: Shaped }[];
  x: number;
  baseline: number;
}

/**
 * placeLines puts each line of a text block where the PDF and the SVG writer both draw it: the
 * shaped width (letter spacing included) for its alignment, the baseline centred in its line box
 * on the first run's face.
 */
export function placeLines(fonts: FontSet, op: TextOp): PlacedLine[] {
  const lh = op.size * op.lineHeight;
  const spacing = op.letterSpacing ?? 0;
  return op.lines.map((line, i) => {
    const parts = typeof line === 'string' ? [{ face: op.face, text: line }] : line;
    let width = 0;
    const runs = parts.map((r) => {
      const face = fonts[r.face];
      const shaped = shape(face, r.text);
      width += (shaped.width / face.unitsPerEm) * op.size + spacing * shaped.glyphs.length;
      return { face, text: r.text, shaped };
    });
    const first = runs[0]?.face ?? fonts[op.face];
    const top = op.y + i * lh;
    const baseline = top + (lh - (first.ascent - first.descent) * op.size) / 2 + first.ascent * op.size;
    const dx = op.align === 'left' ? 0 : op.align === 'center' ? (op.width - width) / 2 : op.width - width;
    return { runs, x: op.x + dx, baseline };
  });
}
