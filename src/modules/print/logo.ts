import { createHash } from 'node:crypto';
import { logoPlacement, scaleOf } from '../../../templates/print/_kit/theme.js';
import type { Images } from '../../deps.js';
import { AppError } from '../../errors.js';

/** LOGO_MAX_BYTES: uploads above 5 MB are refused before they are read further. */
export const LOGO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * LOGO_MAX_PIXELS: 40 megapixels, checked from the header before anything is decoded (a
 * runtime with less memory sets a lower Images.maxPixels).
 */
export const LOGO_MAX_PIXELS = 40_000_000;

/** PRINT_DPI is the resolution a print shop wants for images at their printed size. */
export const PRINT_DPI = 300;

// An SVG is rasterised so that its longer side has this many pixels: more than the A3
// poster's logo box needs at 300 dpi (about 1000 pixels wide).
export const SVG_RASTER_LONG_SIDE = 2400;

/** LogoSource is what the uploaded file really was, told by its bytes. */
export type LogoSource = 'png' | 'jpeg' | 'svg';

/** CheckedLogo is a logo that passed the checks, in the form it is stored and printed. */
export interface CheckedLogo {
  bytes: Uint8Array;
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
 * header, before decoding; the runtime's own Images.maxPixels may be lower), and whether an
 * SVG is taken (rasterised) or refused.
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

/** ImageHeader is what a header tells before any pixel is decoded. */
export interface ImageHeader {
  width: number;
  height: number;
  /** components is a JPEG's colour channels (1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK); 0 for PNG. */
  components: number;
}

/**
 * imageHeader reads the width and height of a PNG (its IHDR chunk) or a JPEG (its first
 * start-of-frame marker) from the header alone, decoding no pixel; null when the header is
 * missing or broken. The pixel limit is checked on this, so a decompression bomb is refused
 * before any codec sees it, on every runtime.
 */
export function imageHeader(bytes: Uint8Array, format: 'png' | 'jpeg'): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') {
    const ihdr = bytes.length >= 24 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
    return ihdr ? { width: view.getUint32(16), height: view.getUint32(20), components: 0 } : null;
  }
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    // Fill bytes, and markers without a length (restart markers, TEM).
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    // End of image or start of scan before any frame: no size to read.
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = view.getUint16(i + 2);
    // SOF0 to SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 10 > bytes.length) return null;
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7), components: bytes[i + 9] ?? 0 };
    }
    i += 2 + length;
  }
  return null;
}

/**
 * checkLogo refuses anything that is not a whole PNG, JPEG or SVG of sane size, and returns
 * the logo re-encoded by the runtime's codecs: EXIF rotation applied, metadata dropped; an
 * SVG rasterised (where the runtime can draw SVG; elsewhere it is refused).
 */
export function checkLogo(images: Images, bytes: Uint8Array, noun: Noun = LOGO): Promise<CheckedLogo> {
  return checkPicture(images, bytes, noun, LOGO_LIMITS);
}

/**
 * checkPicture is checkLogo with its limits given: by content (the name and claimed type are
 * ignored), size and pixels before decoding, a whole file, SVG rasterised or refused; the
 * picture re-encoded by the runtime's codecs.
 */
export async function checkPicture(
  images: Images,
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
  const maxPixels = Math.min(images.maxPixels, limits.maxPixels);
  const out =
    source === 'svg'
      ? await rasteriseSvg(images, bytes, noun, maxPixels)
      : await reencodeBitmap(images, bytes, source as 'png' | 'jpeg', noun, maxPixels);
  return {
    ...out,
    sha256: createHash('sha256').update(out.bytes).digest('hex'),
    source: source as LogoSource,
  };
}

const damaged = (noun: Noun): never =>
  refuse(
    noun,
    'validation',
    `${noun.The} is beschadigd of onvolledig en kan niet worden gelezen. Sla het opnieuw op en probeer nog eens.`,
  );

/** checkPixels refuses a picture without a size, or with more pixels than the runtime may decode. */
function checkPixels(maxPixels: number, size: { width: number; height: number }, noun: Noun): void {
  const { width, height } = size;
  if (!width || !height) refuse(noun, 'validation', `${noun.The} heeft geen geldige afmetingen.`);
  if (width * height > maxPixels) {
    refuse(
      noun,
      'validation',
      `${noun.The} is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixel); het maximum is ${Math.round(maxPixels / 1e6)} megapixel. Verklein het en probeer opnieuw.`,
    );
  }
}

async function reencodeBitmap(
  images: Images,
  input: Uint8Array,
  format: 'png' | 'jpeg',
  noun: Noun,
  maxPixels: number,
) {
  const header = imageHeader(input, format);
  if (!header) return damaged(noun);
  checkPixels(maxPixels, header, noun);
  if (header.components === 4 && !images.cmyk) {
    refuse(
      noun,
      'unsupported_media_type',
      `${noun.The} is een JPEG in CMYK (drukkleuren), die we hier niet kunnen omzetten. Exporteer ${noun.the} als RGB-JPEG of als PNG en upload dat.`,
    );
  }
  try {
    const out = await images.reencode(input, format);
    return {
      bytes: out.bytes,
      mime: format === 'png' ? ('image/png' as const) : ('image/jpeg' as const),
      width: out.width,
      height: out.height,
    };
  } catch {
    return refuse(
      noun,
      'validation',
      `${noun.The} is beschadigd of onvolledig (het bestand houdt te vroeg op). Sla het opnieuw op en probeer nog eens.`,
    );
  }
}

// An SVG is never stored or served as SVG: it is rasterised by the runtime's renderer, which
// runs no scripts and, reading from memory without a base address, loads no external files or
// URLs. Entity declarations are refused outright (billion-laughs expansion).
async function rasteriseSvg(images: Images, input: Uint8Array, noun: Noun, maxPixels: number) {
  if (/<!ENTITY/i.test(new TextDecoder().decode(input))) {
    refuse(
      noun,
      'validation',
      `Dit SVG-bestand bevat entiteiten (<!ENTITY>), die we niet accepteren. Exporteer ${noun.the} opnieuw als gewone SVG of als PNG.`,
    );
  }
  const svg = images.svg;
  if (!svg) {
    return refuse(
      noun,
      'unsupported_media_type',
      `Een SVG-bestand kan deze installatie niet omzetten. Exporteer ${noun.the} als PNG (liefst 2400 pixels breed) en upload dat.`,
    );
  }
  let size: { width: number; height: number };
  try {
    size = await svg.size(input);
  } catch {
    return damaged(noun);
  }
  checkPixels(maxPixels, size, noun);
  try {
    const out = await svg.rasterise(input, SVG_RASTER_LONG_SIDE);
    return { ...out, mime: 'image/png' as const };
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
export function printVersion(
  images: Images,
  logo: { bytes: Uint8Array },
  longSide = PRINT_LONG_SIDE,
): Promise<Uint8Array> {
  return images.printJpeg(logo.bytes, longSide);
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
export function checkPhoto(images: Images, bytes: Uint8Array): Promise<CheckedLogo> {
  return checkLogo(images, bytes, PHOTO);
}

/** photoPrintVersion is the photo as the PDF embeds it: a JPEG of at most 3600 pixels on its long side. */
export function photoPrintVersion(images: Images, photo: { bytes: Uint8Array }): Promise<Uint8Array> {
  return printVersion(images, photo, PHOTO_PRINT_LONG_SIDE);
}

/**
 * heifToJpeg converts a HEIF-family photo (HEIC from a phone, AVIF) to a JPEG where the
 * runtime's codecs can decode it, and answers undefined where they cannot (sharp's libvips
 * reads AVIF but not HEVC, an iPhone's HEIC codec; Workers read neither). The pixel limit is
 * checked first, as for every other picture.
 */
export async function heifToJpeg(
  images: Images,
  bytes: Uint8Array,
  noun: Noun,
  limits: PictureLimits,
): Promise<Uint8Array | undefined> {
  if (!images.heif) return undefined;
  const size = await images.heif.size(bytes).catch(() => undefined);
  if (!size) return undefined;
  checkPixels(Math.min(images.maxPixels, limits.maxPixels), size, noun);
  return images.heif.toJpeg(bytes).catch(() => undefined);
}

/** MailVersion is a picture as a mail shows it: a JPEG, its size in pixels. */
export interface MailVersion {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/**
 * mailVersion is a checked picture as a Nieuwsbrief shows it: flattened on white, at most
 * maxWidth pixels wide (and twice that high, so a long screenshot stays a picture), a JPEG
 * without metadata (no location of a phone photo leaves the service). The quality steps
 * down until the file fits maxBytes, down to a floor where it stops trying.
 */
export function mailVersion(
  images: Images,
  picture: { bytes: Uint8Array },
  opts: { maxWidth: number; maxBytes: number },
): Promise<MailVersion> {
  return images.mailJpeg(picture.bytes, opts);
}
