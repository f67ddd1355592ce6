// The PDF writer: turns the pages a template drew into a print-ready PDF. Plain JavaScript and
// web APIs only (CompressionStream), so it runs unchanged on Node and in workerd. Text is
// vector text in embedded TrueType subsets (Type0/CIDFontType2, Identity-H, with a ToUnicode
// map so the text can be searched and copied); the logo and photo are JPEGs copied byte for
// byte; the QR code is filled rectangles. Page boxes are written directly: TrimBox the A size,
// BleedBox 3 mm larger, MediaBox with the slug that holds the crop marks.
import type { DrawnPage, Op, TextOp } from '../../../templates/print/_kit/draw.js';
import { BLEED, PAPER, SLUG } from '../../../templates/print/_kit/theme.js';
import type { FontFace } from './assets.js';
import { type FontSet, type LoadedFace, placeLines } from './fonts.js';
import { subsetTrueType } from './truetype.js';

/** PdfImage is an image ready to embed: a JPEG as its own bytes. */
export interface PdfImage {
  bytes: Uint8Array;
  width: number;
  height: number;
  components: 1 | 3 | 4;
}

/** PdfInput is everything one document needs. */
export interface PdfInput {
  pages: DrawnPage[];
  fonts: FontSet;
  images: Partial<Record<'logo' | 'photo', PdfImage>>;
  info: { title: string; author: string; creator: string; language: string };
}

const encoder = new TextEncoder();

function num(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

const colours = new Map<string, string>();
function rgb(hex: string): string {
  let c = colours.get(hex);
  if (!c) {
    const v = Number.parseInt(hex.slice(1), 16);
    c = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((x) => num(x / 255)).join(' ');
    colours.set(hex, c);
  }
  return c;
}

function utf16Hex(s: string): string {
  let out = '<FEFF';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${out}>`;
}

const hex4 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));

/** deflate compresses with zlib (FlateDecode) through the web's CompressionStream. */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const KAPPA = 0.5523;

class PageWriter {
  out: string[] = [];
  readonly ox: number;
  readonly height: number;
  constructor(
    page: DrawnPage,
    private readonly fonts: FontSet,
    private readonly used: Map<FontFace, Set<number>>,
  ) {
    const trim = PAPER[page.size];
    this.ox = page.bleed ? BLEED + SLUG : 0;
    this.height = trim.height + 2 * this.ox;
  }

  private x(v: number) {
    return num(this.ox + v);
  }
  private y(v: number) {
    return num(this.height - this.ox - v);
  }

  draw(op: Op) {
    switch (op.op) {
      case 'rect':
        this.out.push(`${rgb(op.fill)} rg\n`);
        if (op.radius) this.roundedRect(op.x, op.y, op.w, op.h, op.radius);
        else this.out.push(`${this.x(op.x)} ${this.y(op.y + op.h)} ${num(op.w)} ${num(op.h)} re\n`);
        this.out.push('f\n');
        return;
      case 'circle': {
        const { cx, cy, r } = op;
        const k = r * KAPPA;
        this.out.push(
          `${rgb(op.fill)} rg\n${this.x(cx + r)} ${this.y(cy)} m\n` +
            `${this.x(cx + r)} ${this.y(cy + k)} ${this.x(cx + k)} ${this.y(cy + r)} ${this.x(cx)} ${this.y(cy + r)} c\n` +
            `${this.x(cx - k)} ${this.y(cy + r)} ${this.x(cx - r)} ${this.y(cy + k)} ${this.x(cx - r)} ${this.y(cy)} c\n` +
            `${this.x(cx - r)} ${this.y(cy - k)} ${this.x(cx - k)} ${this.y(cy - r)} ${this.x(cx)} ${this.y(cy - r)} c\n` +
            `${this.x(cx + k)} ${this.y(cy - r)} ${this.x(cx + r)} ${this.y(cy - k)} ${this.x(cx + r)} ${this.y(cy)} c\nf\n`,
        );
        return;
      }
      case 'text':
        this.text(op);
        return;
      case 'image': {
        const name = op.image === 'logo' ? '/Im1' : '/Im2';
        let clip = '';
        if (op.clip) {
          const c = op.clip;
          clip = `${this.x(c.x)} ${this.y(c.y + c.h)} ${num(c.w)} ${num(c.h)} re W n\n`;
        }
        this.out.push(
          `q\n${clip}${num(op.w)} 0 0 ${num(op.h)} ${this.x(op.x)} ${this.y(op.y + op.h)} cm\n${name} Do\nQ\n`,
        );
        return;
      }
      case 'qr': {
        const unit = op.size / op.qr.modules;
        this.out.push(
          `1 1 1 rg\n${this.x(op.x)} ${this.y(op.y + op.size)} ${num(op.size)} ${num(op.size)} re\nf\n0 0 0 rg\n`,
        );
        const parts: string[] = [];
        for (const [rx, ry, rw, rh] of op.qr.rects) {
          parts.push(
            `${this.x(op.x + rx * unit)} ${this.y(op.y + (ry + rh) * unit)} ${num(rw * unit)} ${num(rh * unit)} re`,
          );
        }
        this.out.push(`${parts.join('\n')}\nf\n`);
        return;
      }
    }
  }

  private roundedRect(x: number, y: number, w: number, h: number, r: number) {
    const k = r * KAPPA;
    const X = (v: number) => this.x(v);
    const Y = (v: number) => this.y(v);
    this.out.push(
      `${X(x + r)} ${Y(y)} m\n${X(x + w - r)} ${Y(y)} l\n` +
        `${X(x + w - r + k)} ${Y(y)} ${X(x + w)} ${Y(y + r - k)} ${X(x + w)} ${Y(y + r)} c\n` +
        `${X(x + w)} ${Y(y + h - r)} l\n` +
        `${X(x + w)} ${Y(y + h - r + k)} ${X(x + w - r + k)} ${Y(y + h)} ${X(x + w - r)} ${Y(y + h)} c\n` +
        `${X(x + r)} ${Y(y + h)} l\n` +
        `${X(x + r - k)} ${Y(y + h)} ${X(x)} ${Y(y + h - r + k)} ${X(x)} ${Y(y + h - r)} c\n` +
        `${X(x)} ${Y(y + r)} l\n` +
        `${X(x)} ${Y(y + r - k)} ${X(x + r - k)} ${Y(y)} ${X(x + r)} ${Y(y)} c\nh\n`,
    );
  }

  private text(op: TextOp) {
    const spacing = op.letterSpacing ?? 0;
    const out = this.out;
    // Character spacing is part of the graphics state and outlives ET: every block sets its own.
    out.push(`BT\n${rgb(op.color)} rg\n${num(spacing)} Tc\n`);
    let current: FontFace | null = null;
    for (const line of placeLines(this.fonts, op)) {
      out.push(`1 0 0 1 ${this.x(line.x)} ${this.y(line.baseline)} Tm\n`);
      for (const { face, shaped: s } of line.runs) {
        if (s.glyphs.length === 0) continue;
        if (face.face !== current) {
          out.push(`/F${face.face} ${num(op.size)} Tf\n`);
          current = face.face;
        }
        out.push(this.tj(face, s.glyphs, s.kerning));
      }
    }
    out.push('ET\n');
  }

  private tj(face: LoadedFace, glyphs: Uint16Array, kerning: Int16Array): string {
    let used = this.used.get(face.face);
    if (!used) {
      used = new Set();
      this.used.set(face.face, used);
    }
    const scale = 1000 / face.unitsPerEm;
    let s = '[<';
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      used.add(g);
      s += hex4[g];
      const k = kerning[i]!;
      if (k !== 0 && i < glyphs.length - 1) s += `> ${num(-k * scale)} <`;
    }
    return `${s}>] TJ\n`;
  }
}

class ObjectWriter {
  private objects: (Uint8Array | string)[][] = [];
  alloc(): number {
    this.objects.push([]);
    return this.objects.length;
  }
  set(id: number, ...parts: (Uint8Array | string)[]) {
    this.objects[id - 1] = parts;
  }
  stream(id: number, dict: string, data: Uint8Array) {
    this.set(id, `<< ${dict} /Length ${data.length} >>\nstream\n`, data, '\nendstream');
  }
  serialize(root: number, info: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    let length = 0;
    const push = (p: Uint8Array | string) => {
      const b = typeof p === 'string' ? encoder.encode(p) : p;
      chunks.push(b);
      length += b.length;
    };
    push('%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n');
    const offsets: number[] = [];
    this.objects.forEach((parts, i) => {
      offsets.push(length);
      push(`${i + 1} 0 obj\n`);
      for (const p of parts) push(p);
      push('\nendobj\n');
    });
    const xref = length;
    let table = `xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) table += `${String(o).padStart(10, '0')} 00000 n \n`;
    push(table);
    push(
      `trailer\n<< /Size ${this.objects.length + 1} /Root ${root} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    );
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

// A subset's name starts with six capital letters that differ between subsets (ISO 32000-1, 9.6.4).
function subsetTag(glyphs: number[]): string {
  let h = 2166136261;
  for (const g of glyphs) h = Math.imul(h ^ g, 16777619);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + ((h >>> 0) % 26));
    h = Math.imul(h, 16777619) ^ (i + 1);
  }
  return tag;
}

function toUnicode(face: LoadedFace, glyphs: number[]): Uint8Array {
  const entries = glyphs.filter((g) => face.unicode.has(g));
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    body += `${block.length} beginbfchar\n`;
    for (const g of block) {
      let u = '';
      for (const ch of face.unicode.get(g)!) {
        const cp = ch.codePointAt(0)!;
        if (cp > 0xffff) {
          const v = cp - 0x10000;
          u += hex4[0xd800 + (v >> 10)]! + hex4[0xdc00 + (v & 0x3ff)]!;
        } else u += hex4[cp];
      }
      body += `<${hex4[g]}> <${u}>\n`;
    }
    body += 'endbfchar\n';
  }
  return encoder.encode(
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
      '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      `${body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`,
  );
}

// Finished subsets (font file and ToUnicode map, compressed) by face and glyph set: printing a
// design again, or the same poster in the other size, uses the same glyphs. A new text costs
// one subset (about a millisecond); the last 256 sets are kept.
const subsets = new Map<string, Promise<[Uint8Array, Uint8Array]>>();
const SUBSETS_KEPT = 256;

function subsetOf(face: LoadedFace, glyphs: number[]): Promise<[Uint8Array, Uint8Array]> {
  const key = `${face.face}:${glyphs.join(',')}`;
  let made = subsets.get(key);
  if (made) {
    subsets.delete(key);
    subsets.set(key, made);
    return made;
  }
  made = Promise.all([deflate(subsetTrueType(face.source, glyphs)), deflate(toUnicode(face, glyphs))]);
  made.catch(() => subsets.delete(key));
  if (subsets.size >= SUBSETS_KEPT) subsets.delete(subsets.keys().next().value!);
  subsets.set(key, made);
  return made;
}

async function writeFont(w: ObjectWriter, face: LoadedFace, usedSet: Set<number>): Promise<number> {
  const glyphs = [...usedSet].sort((a, b) => a - b);
  const [file, cmap] = await subsetOf(face, glyphs);
  const [type0, cid, descriptor, fontFile, unicode] = [w.alloc(), w.alloc(), w.alloc(), w.alloc(), w.alloc()];
  const name = `${subsetTag(glyphs)}+${face.postscriptName}`;
  const k = 1000 / face.unitsPerEm;
  const f = face.font;
  const widths = glyphs.map((g) => `${g} [${num(face.advances[g]! * k)}]`).join(' ');
  const italic = face.face === 'italic' || face.face === 'boldItalic';
  w.set(
    type0,
    `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${unicode} 0 R >>`,
  );
  w.set(
    cid,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 /W [${widths}] >>`,
  );
  const bbox = f.bbox;
  w.set(
    descriptor,
    `<< /Type /FontDescriptor /FontName /${name} /Flags ${4 | (italic ? 64 : 0)} /FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => num(v * k)).join(' ')}] /ItalicAngle ${num(f.italicAngle)} /Ascent ${num(f.ascent * k)} /Descent ${num(f.descent * k)} /CapHeight ${num(f.capHeight * k)} /StemV ${face.face.startsWith('bold') ? 120 : 80} /FontFile2 ${fontFile} 0 R >>`,
  );
  w.stream(fontFile, '/Filter /FlateDecode', file);
  w.stream(unicode, '/Filter /FlateDecode', cmap);
  return type0;
}

function writeImage(w: ObjectWriter, img: PdfImage): number {
  const id = w.alloc();
  const space = img.components === 1 ? '/DeviceGray' : img.components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
  const decode = img.components === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
  w.stream(
    id,
    `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace ${space} /BitsPerComponent 8${decode} /Filter /DCTDecode`,
    img.bytes,
  );
  return id;
}

/** renderPdf writes the drawn pages as one PDF document. */
export async function renderPdf(input: PdfInput): Promise<Uint8Array> {
  const w = new ObjectWriter();
  const catalog = w.alloc();
  const pagesId = w.alloc();
  const info = w.alloc();
  const used = new Map<FontFace, Set<number>>();
  const contents = input.pages.map((page) => {
    const pw = new PageWriter(page, input.fonts, used);
    for (const op of page.ops) pw.draw(op);
    return { page, body: encoder.encode(pw.out.join('')) };
  });
  const compressed = await Promise.all(contents.map((c) => deflate(c.body)));
  const fontIds = new Map<FontFace, number>();
  await Promise.all(
    [...used].map(async ([face, glyphs]) => {
      fontIds.set(face, await writeFont(w, input.fonts[face], glyphs));
    }),
  );
  const imageIds: string[] = [];
  if (input.images.logo) imageIds.push(`/Im1 ${writeImage(w, input.images.logo)} 0 R`);
  if (input.images.photo) imageIds.push(`/Im2 ${writeImage(w, input.images.photo)} 0 R`);
  const fontRes = [...fontIds].map(([face, id]) => `/F${face} ${id} 0 R`).join(' ');
  const resources = `<< /Font << ${fontRes} >> /XObject << ${imageIds.join(' ')} >> /ProcSet [/PDF /Text /ImageC] >>`;
  const pageIds: number[] = [];
  contents.forEach(({ page }, i) => {
    const id = w.alloc();
    const content = w.alloc();
    pageIds.push(id);
    const trim = PAPER[page.size];
    const b = page.bleed ? BLEED : 0;
    const slug = page.bleed ? SLUG : 0;
    const box = (x: number, y: number, wd: number, ht: number) =>
      `[${num(x)} ${num(y)} ${num(x + wd)} ${num(y + ht)}]`;
    w.set(
      id,
      `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox ${box(0, 0, trim.width + 2 * (b + slug), trim.height + 2 * (b + slug))}` +
        ` /BleedBox ${box(slug, slug, trim.width + 2 * b, trim.height + 2 * b)}` +
        ` /TrimBox ${box(slug + b, slug + b, trim.width, trim.height)}` +
        ` /Resources ${resources} /Contents ${content} 0 R >>`,
    );
    w.stream(content, '/Filter /FlateDecode', compressed[i]!);
  });
  w.set(
    pagesId,
    `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
  );
  w.set(catalog, `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang (${input.info.language}) >>`);
  w.set(
    info,
    `<< /Title ${utf16Hex(input.info.title)} /Author ${utf16Hex(input.info.author)} /Creator ${utf16Hex(input.info.creator)} /Producer ${utf16Hex(input.info.creator)} >>`,
  );
  return w.serialize(catalog, info);
}

/** jpegInfo reads a JPEG's size and number of colour components from its frame header. */
export function jpegInfo(bytes: Uint8Array): { width: number; height: number; components: 1 | 3 | 4 } {
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) {
      p++;
      continue;
    }
    const marker = bytes[p + 1]!;
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[p + 5]! << 8) | bytes[p + 6]!;
      const width = (bytes[p + 7]! << 8) | bytes[p + 8]!;
      const components = bytes[p + 9]! as 1 | 3 | 4;
      return { width, height, components };
    }
    p += 2 + length;
  }
  throw new Error('not a JPEG with a frame header');
}
