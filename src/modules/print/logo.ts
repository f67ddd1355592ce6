import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { logoPlacement, scaleOf } from '../../../templates/print/_kit/theme.js';
import { AppError } from '../../errors.js';

/** LOGO_MAX_BYTES: uploads above 5 MB are refused before they are read further. */
export const LOGO_MAX_BYTES = 5 * 1024 * 1024;

/** LOGO_MAX_PIXELS: 40 megapixels, checked from the header before anything is decoded. */
export const LOGO_MAX_PIXELS = 40_000_000;

/** PRINT_DPI is the resolution a print shop wants for images at their printed size. */
export const PRINT_DPI = 300;

// An SVG is rasterised so that its longer side has this many pixels: more than the A3
// poster's logo box needs at 300 dpi (about 1000 pixels wide).
const SVG_RASTER_LONG_SIDE = 2400;

/** LogoSource is what the uploaded file really was, told by its bytes. */
export type LogoSource = 'png' | 'jpeg' | 'svg';

/** CheckedLogo is a logo that passed the checks, in the form it is stored and printed. */
export interface CheckedLogo {
  bytes: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  sha256: string;
  source: LogoSource;
}

/** Noun is how the messages name the picture being checked, and the error field they fill. */
export interface Noun {
  field: 'logo' | 'foto';
  /** the picture in a sentence, lower case ('het logo'). */
  the: string;
  /** the picture at the start of a sentence ('Het logo'). */
  The: string;
}

const LOGO: Noun = { field: 'logo', the: 'het logo', The: 'Het logo' };
/** PHOTO names a photo in the messages (a poster photo, or a photo in a Nieuwsbrief). */
export const PHOTO: Noun = { field: 'foto', the: 'de foto', The: 'De foto' };

/**
 * PictureLimits are what an upload may be: at most maxBytes and maxPixels (read from the
 * header, before decoding), and whether an SVG is taken (rasterised) or refused.
 */
export interface PictureLimits {
  maxBytes: number;
  maxPixels: number;
  svg: boolean;
}

/** LOGO_LIMITS: a logo (and a poster photo) of at most 5 MB and 40 megapixels; SVG rasterised. */
export const LOGO_LIMITS: PictureLimits = { maxBytes: LOGO_MAX_BYTES, maxPixels: LOGO_MAX_PIXELS, svg: true };

const kindsOf = (limits: PictureLimits) => (limits.svg ? 'PNG-, JPEG- of SVG' : 'JPEG- of PNG');
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const refuse = (noun: Noun, code: 'validation' | 'unsupported_media_type', message: string): never => {
  throw new AppError(code, message, { [noun.field]: message });
};

/** sniffLogo tells PNG, JPEG or SVG from the first bytes of a file; the name and the claimed type are ignored. */
export function sniffLogo(bytes: Uint8Array): LogoSource | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  let head: string;
  try {
    head = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096));
  } catch {
    // A multi-byte character cut at 4096 bytes is not a reason to refuse; anything else is not text.
    head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
    if (head.slice(0, -4).includes('\uFFFD')) return null;
  }
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<') && /<svg[\s>]/i.test(head)) return 'svg';
  return null;
}

/**
 * checkLogo refuses anything that is not a whole PNG, JPEG or SVG of sane size, and returns
 * the logo re-encoded: EXIF rotation applied, sRGB, metadata dropped; an SVG rasterised.
 */
export function checkLogo(bytes: Uint8Array, noun: Noun = LOGO): Promise<CheckedLogo> {
  return checkPicture(bytes, noun, LOGO_LIMITS);
}

/**
 * checkPicture is checkLogo with its limits given: by content (the name and claimed type are
 * ignored), size and pixels before decoding, a whole file, SVG rasterised or refused; the
 * picture re-encoded with EXIF rotation applied, sRGB, metadata dropped.
 */
export async function checkPicture(
  bytes: Uint8Array,
  noun: Noun,
  limits: PictureLimits,
): Promise<CheckedLogo> {
  if (bytes.length === 0)
    refuse(noun, 'validation', `Het bestand is leeg. Kies een ${kindsOf(limits)}-bestand.`);
  if (bytes.length > limits.maxBytes) {
    throw new AppError(
      'payload_too_large',
      `${noun.The} is groter dan ${megabytes(limits.maxBytes)}. Verklein het bestand en probeer opnieuw.`,
      { [noun.field]: `maximaal ${megabytes(limits.maxBytes)}` },
    );
  }
  const source = sniffLogo(bytes);
  if (!source || (source === 'svg' && !limits.svg)) {
    refuse(
      noun,
      'unsupported_media_type',
      `Dit bestand is geen ${kindsOf(limits)}-afbeelding (gekeken naar de inhoud, niet naar de naam). Kies een ander bestand.`,
    );
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out =
    source === 'svg'
      ? await rasteriseSvg(input, noun)
      : await reencodeBitmap(input, source as 'png' | 'jpeg', noun, limits);
  return {
    ...out,
    sha256: createHash('sha256').update(out.bytes).digest('hex'),
    source: source as LogoSource,
  };
}

async function headerOf(
  input: Buffer,
  expected: LogoSource,
  noun: Noun,
  limits: PictureLimits = LOGO_LIMITS,
) {
  let meta: Metadata;
  try {
    // metadata() reads the header only: dimensions are known before a single pixel is decoded.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return refuse(
      noun,
      'validation',
      `${noun.The} is beschadigd of onvolledig en kan niet worden gelezen. Sla het opnieuw op en probeer nog eens.`,
    );
  }
  if (meta.format !== expected) {
    refuse(
      noun,
      'unsupported_media_type',
      `Dit bestand is geen ${kindsOf(limits)}-afbeelding. Kies een ander bestand.`,
    );
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || !height) refuse(noun, 'validation', `${noun.The} heeft geen geldige afmetingen.`);
  if (width * height > limits.maxPixels) {
    refuse(
      noun,
      'validation',
      `${noun.The} is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixel); het maximum is ${Math.round(limits.maxPixels / 1e6)} megapixel. Verklein het en probeer opnieuw.`,
    );
  }
  return { width, height };
}

async function reencodeBitmap(input: Buffer, format: 'png' | 'jpeg', noun: Noun, limits: PictureLimits) {
  await headerOf(input, format, noun, limits);
  try {
    const pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: limits.maxPixels })
      .rotate()
      .toColourspace('srgb');
    const { data, info } = await (format === 'png'
      ? pipeline.png({ compressionLevel: 6 })
      : pipeline.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    ).toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mime: format === 'png' ? ('image/png' as const) : ('image/jpeg' as const),
      width: info.width,
      height: info.height,
    };
  } catch {
    return refuse(
      noun,
      'validation',
      `${noun.The} is beschadigd of onvolledig (het bestand houdt te vroeg op). Sla het opnieuw op en probeer nog eens.`,
    );
  }
}

// An SVG is never stored or served as SVG: it is rasterised here by librsvg, which runs no
// scripts and, reading from memory without a base address, loads no external files or URLs.
// Entity declarations are refused outright (billion-laughs expansion).
async function rasteriseSvg(input: Buffer, noun: Noun) {
  if (/<!ENTITY/i.test(input.toString('utf8'))) {
    refuse(
      noun,
      'validation',
      `Dit SVG-bestand bevat entiteiten (<!ENTITY>), die we niet accepteren. Exporteer ${noun.the} opnieuw als gewone SVG of als PNG.`,
    );
  }
  const { width, height } = await headerOf(input, 'svg', noun);
  const density = Math.min(100_000, Math.max(1, (72 * SVG_RASTER_LONG_SIDE) / Math.max(width, height)));
  try {
    const { data, info } = await sharp(input, { density, failOn: 'error', limitInputPixels: LOGO_MAX_PIXELS })
      .png({ compressionLevel: 6 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/png' as const, width: info.width, height: info.height };
  } catch {
    return refuse(
      noun,
      'validation',
      `Dit SVG-bestand kan niet worden getekend. Exporteer ${noun.the} opnieuw of kies een PNG.`,
    );
  }
}

const PRINT_LONG_SIDE = 2000;

/**
 * printVersion is the logo as it goes into a PDF, made once when it is uploaded: flattened on
 * white (the masthead is white), at most 2000 pixels on its long side (more than 300 dpi on
 * A3), as a high-quality JPEG, which the PDF writer embeds byte for byte. The print path
 * itself decodes no image, so it runs where no image library does (Workers).
 */
export async function printVersion(logo: { bytes: Uint8Array }, longSide = PRINT_LONG_SIDE): Promise<Buffer> {
  return sharp(logo.bytes, { limitInputPixels: LOGO_MAX_PIXELS })
    .flatten({ background: '#ffffff' })
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

/** logoWarning says, in Dutch, when a logo has too few pixels for the A3 poster at 300 dpi; null when it is sharp enough. */
export function logoWarning(logo: { width: number; height: number }): string | null {
  const printed = logoPlacement(logo, scaleOf('A3'));
  const neededWidth = Math.ceil((printed.width / 72) * PRINT_DPI);
  const neededHeight = Math.ceil((printed.height / 72) * PRINT_DPI);
  if (logo.width >= neededWidth * 0.98 && logo.height >= neededHeight * 0.98) return null;
  const mm = Math.round((printed.width / 72) * 25.4);
  const dpi = Math.round(logo.width / (printed.width / 72));
  return `Het logo heeft ${logo.width} × ${logo.height} pixels. Op de A3-poster wordt het ${mm} mm breed en dan ${dpi} dpi; voor een scherpe afdruk is 300 dpi nodig, ongeveer ${neededWidth} × ${neededHeight} pixels. Upload zo mogelijk een groter bestand of een SVG.`;
}

/** PHOTO_PRINT_LONG_SIDE: a poster photo runs the full width of A3 (303 mm with bleed); 3600 px is 300 dpi there. */
const PHOTO_PRINT_LONG_SIDE = 3600;

/**
 * checkPhoto runs the logo's checks on a poster photo (by content, size and pixels before
 * decoding, SVG rasterised), with the messages naming the photo instead of the logo.
 */
export function checkPhoto(bytes: Uint8Array): Promise<CheckedLogo> {
  return checkLogo(bytes, PHOTO);
}

/** photoPrintVersion is the photo as the PDF embeds it: a JPEG of at most 3600 pixels on its long side. */
export function photoPrintVersion(photo: { bytes: Uint8Array }): Promise<Buffer> {
  return printVersion(photo, PHOTO_PRINT_LONG_SIDE);
}

/**
 * heifToJpeg converts a HEIF-family photo (HEIC from a phone, AVIF) to a JPEG when the image
 * library here can decode it, and answers undefined when it cannot: sharp's own libvips reads
 * AVIF but not HEVC, the codec of an iPhone's HEIC. The pixel limit is checked from the header
 * first, as for every other picture.
 */
export async function heifToJpeg(
  bytes: Uint8Array,
  noun: Noun,
  limits: PictureLimits,
): Promise<Buffer | undefined> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return undefined;
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxPixels) {
    refuse(
      noun,
      'validation',
      `${noun.The} is ${meta.width} × ${meta.height} pixels; het maximum is ${Math.round(limits.maxPixels / 1e6)} megapixel. Verklein het en probeer opnieuw.`,
    );
  }
  try {
    return await sharp(input, { failOn: 'truncated', limitInputPixels: limits.maxPixels })
      .rotate()
      .toColourspace('srgb')
      .jpeg({ quality: 92 })
      .toBuffer();
  } catch {
    return undefined;
  }
}

/** MailVersion is a picture as a mail shows it: a JPEG, its size in pixels. */
export interface MailVersion {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * mailVersion is a checked picture as a Nieuwsbrief shows it: flattened on white, at most
 * maxWidth pixels wide (and twice that high, so a long screenshot stays a picture), a
 * progressive JPEG without metadata (no location of a phone photo leaves the service). The
 * quality steps down until the file fits maxBytes, down to a floor where it stops trying.
 */
export async function mailVersion(
  picture: { bytes: Uint8Array },
  opts: { maxWidth: number; maxBytes: number },
): Promise<MailVersion> {
  const resized = await sharp(picture.bytes, { limitInputPixels: false })
    .flatten({ background: '#ffffff' })
    .resize({ width: opts.maxWidth, height: opts.maxWidth * 2, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = resized.info;
  let out: Buffer = Buffer.alloc(0);
  for (const quality of [82, 74, 66, 58, 50]) {
    out = await sharp(resized.data, { raw: { width, height, channels } })
      .jpeg({ quality, progressive: true, mozjpeg: true })
      .toBuffer();
    if (out.byteLength <= opts.maxBytes) break;
  }
  return { bytes: out, width, height };
}
