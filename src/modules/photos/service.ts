// Photos for the Nieuwsbrief: the CoCo's own articles and the stadsdorpen's news. Checked by
// content as the logos are (../print/logo.ts), scaled for mail, kept in the runtime port's file
// store, and served by this service at an address that is stable and cannot be guessed, so a
// mail never points at someone else's server.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps, RuntimePort } from '../../deps.js';
import { AppError } from '../../errors.js';
import { checkPicture, heifToJpeg, mailVersion, PHOTO, type PictureLimits } from '../print/logo.js';
import { findPhoto, insertPhoto } from './repo.js';

/** PhotoDeps is what storing and serving a photo needs. */
export type PhotoDeps = Pick<AppDeps, 'db' | 'config' | 'now'> & {
  runtime: Pick<RuntimePort, 'files' | 'images'>;
};

/**
 * PHOTO_LIMITS: a phone photo of up to 20 MB and 50 megapixels (a 48-megapixel camera's
 * whole picture); no SVG, since a photo is never a drawing to trust.
 */
export const PHOTO_LIMITS: PictureLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000, svg: false };

/** MAIL_WIDTH: a Nieuwsbrief shows a photo 552 px wide; 1200 px stays sharp on a phone's screen. */
export const MAIL_WIDTH = 1200;
/** MAIL_MAX_BYTES: a photo in a mail stays under about 400 KB. */
export const MAIL_MAX_BYTES = 400 * 1024;

/** PhotoAlt is the alt text every photo needs: what a screen reader reads instead. */
export const PhotoAlt = z
  .string({ error: 'Beschrijf de foto in een paar woorden (alt-tekst).' })
  .trim()
  .min(1, {
    error: 'Beschrijf de foto in een paar woorden (alt-tekst): lezers met een schermlezer zien hem niet.',
  })
  .max(300, { error: 'De beschrijving van de foto is te lang (hoogstens 300 tekens).' });

/** StoredPhoto is a photo as a Nieuwsbrief uses it: its public address, size and alt text. */
export interface StoredPhoto {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  /** The size of the JPEG a mail loads, in bytes. */
  bytes: number;
}

/** photoUrl is the public address of a photo: /fotos/<id>-<token>.jpg under PUBLIC_URL. */
export function photoUrl(publicUrl: string, photo: { id: number; token: string }): string {
  return `${publicUrl}/fotos/${photo.id}-${photo.token}.jpg`;
}

/** isHeif tells a HEIF-family file (HEIC from a phone, HEIF, AVIF) by its ftyp box. */
export function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  return (
    ascii(4, 8) === 'ftyp' &&
    ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(ascii(8, 12))
  );
}

/** HEIC_REFUSED says what to do with a phone's HEIC photo this service cannot convert. */
export const HEIC_REFUSED =
  'Deze foto is een HEIC-bestand (het formaat van iPhones en sommige Android-telefoons); dat kunnen we hier niet omzetten. ' +
  'Stuur de foto als JPEG: kies op de iPhone bij Instellingen › Camera › Formaten voor "Meest compatibel", ' +
  'of open de foto op de computer en sla hem op als JPEG (op een Mac in Voorvertoning: Archief › Exporteer › JPEG). ' +
  'Upload daarna het JPEG-bestand.';

/**
 * storePhoto checks an uploaded photo by its content, converts a phone's HEIC photo when it
 * can (or refuses it saying what to do), scales it for mail, stores the bytes through the
 * runtime port's file store and then its row (a crash in between leaves an unnamed file,
 * never a row without bytes), and answers its public address. Every photo needs an alt text.
 */
export async function storePhoto(
  deps: PhotoDeps,
  bytes: Uint8Array,
  alt: string,
  uploadedBy: string,
): Promise<StoredPhoto> {
  const parsedAlt = PhotoAlt.safeParse(alt);
  if (!parsedAlt.success) {
    const message = parsedAlt.error.issues[0]!.message;
    throw new AppError('validation', message, { alt: message });
  }
  let input = bytes;
  if (isHeif(bytes) && bytes.length <= PHOTO_LIMITS.maxBytes) {
    const converted = await heifToJpeg(deps.runtime.images, bytes, PHOTO, PHOTO_LIMITS);
    if (!converted) throw new AppError('unsupported_media_type', HEIC_REFUSED, { foto: HEIC_REFUSED });
    input = converted;
  }
  const checked = await checkPicture(deps.runtime.images, input, PHOTO, PHOTO_LIMITS);
  const mail = await mailVersion(deps.runtime.images, checked, {
    maxWidth: MAIL_WIDTH,
    maxBytes: MAIL_MAX_BYTES,
  });
  const token = randomBytes(16).toString('hex');
  const fileKey = `photos/${token}.jpg`;
  await deps.runtime.files.put(fileKey, mail.bytes);
  const id = await insertPhoto(deps.db, {
    token,
    fileKey,
    width: mail.width,
    height: mail.height,
    byteSize: mail.bytes.byteLength,
    sha256: checked.sha256,
    alt: parsedAlt.data,
    uploadedBy,
    createdAt: deps.now().toISOString(),
  });
  return {
    id,
    url: photoUrl(deps.config.publicUrl, { id, token }),
    width: mail.width,
    height: mail.height,
    alt: parsedAlt.data,
    bytes: mail.bytes.byteLength,
  };
}

/**
 * photoFile reads the JPEG behind a public photo address ('<id>-<token>.jpg'); undefined for
 * any name that is not one, or whose token does not match.
 */
export async function photoFile(deps: PhotoDeps, name: string): Promise<Uint8Array | undefined> {
  const m = /^([0-9]{1,15})-([0-9a-f]{32})\.jpg$/.exec(name);
  if (!m) return undefined;
  const photo = await findPhoto(deps.db, Number(m[1]), m[2]!);
  return photo ? deps.runtime.files.get(photo.fileKey) : undefined;
}
