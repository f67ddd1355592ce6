// A TrueType subsetter for PDF embedding that keeps glyph ids: every glyph the document does
// not use is emptied (zero length in loca), the outlines of the used ones are copied byte for
// byte. Glyph ids in the content streams are then the font's own, so nothing is renumbered,
// and a subset costs one copy of the used outlines (a few hundredths of a millisecond), where
// a general subsetter rebuilds every table. Only the tables PDF needs for a CIDFontType2 are
// written (ISO 32000-1, 9.9): head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm.

const KEPT = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'] as const;

/** TrueTypeSource is a parsed font, ready to be subset many times. */
export interface TrueTypeSource {
  tables: Map<string, Uint8Array>;
  /** Byte range of each glyph's outline in the glyf table. */
  glyphStart: Uint32Array;
  glyphEnd: Uint32Array;
  /** The glyphs a composite glyph is built from. */
  components: Map<number, number[]>;
  numGlyphs: number;
}

/** parseTrueType reads the table directory, loca and composite glyphs of a TrueType font. */
export function parseTrueType(source: Uint8Array): TrueTypeSource {
  // A plain Uint8Array over the same bytes: a Node Buffer's slice() shares memory instead of
  // copying, and its tables would then be written through when a subset patches its head.
  const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return new DataView(t.buffer, t.byteOffset, t.byteLength);
  };
  const head = table('head');
  const numGlyphs = table('maxp').getUint16(4);
  const longLoca = head.getInt16(50) === 1;
  const loca = table('loca');
  const glyphStart = new Uint32Array(numGlyphs);
  const glyphEnd = new Uint32Array(numGlyphs);
  const at = (i: number) => (longLoca ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2);
  for (let g = 0; g < numGlyphs; g++) {
    glyphStart[g] = at(g);
    glyphEnd[g] = at(g + 1);
  }
  const glyf = table('glyf');
  const components = new Map<number, number[]>();
  for (let g = 0; g < numGlyphs; g++) {
    if (glyphEnd[g]! <= glyphStart[g]!) continue;
    let p = glyphStart[g]!;
    if (glyf.getInt16(p) >= 0) continue;
    p += 10;
    const parts: number[] = [];
    for (;;) {
      const flags = glyf.getUint16(p);
      parts.push(glyf.getUint16(p + 2));
      p += 4 + (flags & 0x1 ? 4 : 2);
      if (flags & 0x8) p += 2;
      else if (flags & 0x40) p += 4;
      else if (flags & 0x80) p += 8;
      if (!(flags & 0x20)) break;
    }
    components.set(g, parts);
  }
  return { tables, glyphStart, glyphEnd, components, numGlyphs };
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const padded = data.length % 4 ? 4 - (data.length % 4) : 0;
  const n = data.length + padded;
  for (let i = 0; i < n; i += 4) {
    const word =
      ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/** subsetTrueType writes a font with only the outlines of `used` (and glyph 0 and composite parts). */
export function subsetTrueType(src: TrueTypeSource, used: Iterable<number>): Uint8Array {
  const keep = new Set<number>([0]);
  const add = (g: number) => {
    if (g >= src.numGlyphs || keep.has(g)) return;
    keep.add(g);
    for (const c of src.components.get(g) ?? []) add(c);
  };
  for (const g of used) add(g);
  for (const g of keep) for (const c of src.components.get(g) ?? []) add(c);

  const glyfSrc = src.tables.get('glyf')!;
  let size = 0;
  for (const g of keep) size += (src.glyphEnd[g]! - src.glyphStart[g]! + 3) & ~3;
  const glyf = new Uint8Array(size);
  const loca = new Uint8Array((src.numGlyphs + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let offset = 0;
  for (let g = 0; g < src.numGlyphs; g++) {
    locaView.setUint32(g * 4, offset);
    if (!keep.has(g)) continue;
    const start = src.glyphStart[g]!;
    const end = src.glyphEnd[g]!;
    glyf.set(glyfSrc.subarray(start, end), offset);
    offset += (end - start + 3) & ~3;
  }
  locaView.setUint32(src.numGlyphs * 4, offset);

  const head = new Uint8Array(src.tables.get('head')!); // a copy: the source font stays as it is
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // long loca offsets

  const out = new Map<string, Uint8Array>();
  for (const tag of KEPT) {
    const t = tag === 'glyf' ? glyf : tag === 'loca' ? loca : tag === 'head' ? head : src.tables.get(tag);
    if (t) out.set(tag, t);
  }
  const tags = [...out.keys()].sort();
  const dirSize = 12 + tags.length * 16;
  let total = dirSize;
  for (const tag of tags) total += (out.get(tag)!.length + 3) & ~3;
  const font = new Uint8Array(total);
  const view = new DataView(font.buffer);
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= tags.length) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, tags.length * 16 - searchRange);
  let at = dirSize;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = out.get(tag)!;
    const entry = 12 + i * 16;
    for (let k = 0; k < 4; k++) font[entry + k] = tag.charCodeAt(k);
    view.setUint32(entry + 4, checksum(data));
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, data.length);
    font.set(data, at);
    if (tag === 'head') headAt = at;
    at += (data.length + 3) & ~3;
  });
  view.setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}
