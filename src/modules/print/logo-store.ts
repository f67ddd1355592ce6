import type { AppDeps, RuntimePort } from '../../deps.js';
import type { CheckedLogo } from './logo.js';
import * as repo from './repo.js';

/** LogoDeps is all that storing a logo or photo needs: the database for what is known of it, the file store for its bytes. */
export type LogoDeps = Pick<AppDeps, 'db'> & { runtime: Pick<RuntimePort, 'files'> };

/** Version is the upload as checked ('original', served back to editors) or its print version (a JPEG the PDF embeds). */
export type Version = 'original' | 'print';

const FOLDER: Record<repo.Picture, string> = { logo: 'print-logos', photo: 'print-photos' };

/**
 * logoKey is where a logo's (or photo's) bytes live in the file store:
 * print-logos/<stadsdorp>/<sha256>, and its print version beside it with '.print' after.
 * The hash makes every upload a key of its own, so a table never names bytes that are half
 * written or already replaced. Migration 0021 moved the bytes kept so far under these keys.
 */
export function logoKey(
  stadsdorpId: number,
  sha256: string,
  picture: repo.Picture = 'logo',
  version: Version = 'original',
): string {
  return `${FOLDER[picture]}/${stadsdorpId}/${sha256}${version === 'print' ? '.print' : ''}`;
}

/**
 * storeLogo stores a checked logo (or photo) and its print version in place of the previous
 * one. The file store and the database cannot share a transaction (R2 and D1 on Workers), so
 * the order carries the guarantee: the new bytes first, then the row that names them, then
 * the old bytes go. A crash in between leaves at most unnamed files behind, never a row
 * without its bytes.
 */
export async function storeLogo(
  deps: LogoDeps,
  stadsdorpId: number,
  logo: CheckedLogo,
  printBytes: Uint8Array,
  now: string,
  picture: repo.Picture = 'logo',
) {
  const previous = await repo.getLogoMeta(deps.db, stadsdorpId, picture);
  await deps.runtime.files.put(logoKey(stadsdorpId, logo.sha256, picture), logo.bytes);
  await deps.runtime.files.put(logoKey(stadsdorpId, logo.sha256, picture, 'print'), printBytes);
  await repo.putLogo(deps.db, stadsdorpId, logo, now, picture);
  if (previous && previous.sha256 !== logo.sha256)
    await dropFiles(deps, stadsdorpId, previous.sha256, picture);
}

async function dropFiles(deps: LogoDeps, stadsdorpId: number, sha256: string, picture: repo.Picture) {
  await deps.runtime.files.delete(logoKey(stadsdorpId, sha256, picture));
  await deps.runtime.files.delete(logoKey(stadsdorpId, sha256, picture, 'print'));
}

/** loadLogo reads a stadsdorp's logo (or photo) with its bytes; undefined when it has none (or its bytes are gone). */
export async function loadLogo(
  deps: LogoDeps,
  stadsdorpId: number,
  picture: repo.Picture = 'logo',
): Promise<(repo.LogoMeta & { bytes: Uint8Array }) | undefined> {
  const meta = await repo.getLogoMeta(deps.db, stadsdorpId, picture);
  if (!meta) return undefined;
  const bytes = await deps.runtime.files.get(logoKey(stadsdorpId, meta.sha256, picture));
  if (!bytes) return undefined;
  return { ...meta, bytes };
}

/**
 * loadPrintVersion reads the print version of a stadsdorp's logo (or photo); undefined when it
 * has none, or when its print version was never made or is gone (the print then leaves it out).
 */
export async function loadPrintVersion(
  deps: LogoDeps,
  stadsdorpId: number,
  picture: repo.Picture,
): Promise<Uint8Array | undefined> {
  const meta = await repo.getLogoMeta(deps.db, stadsdorpId, picture);
  return meta ? loadPrintBytes(deps, stadsdorpId, meta.sha256, picture) : undefined;
}

/** loadPrintBytes reads the print version of the logo (or photo) with this sha256; undefined when it is not there. */
export function loadPrintBytes(
  deps: Pick<LogoDeps, 'runtime'>,
  stadsdorpId: number,
  sha256: string,
  picture: repo.Picture,
): Promise<Uint8Array | undefined> {
  return deps.runtime.files.get(logoKey(stadsdorpId, sha256, picture, 'print'));
}

/**
 * logosWithoutPrintVersion lists the logos whose print version is not in the file store
 * (uploaded before print versions were kept), each with its original bytes.
 */
export async function logosWithoutPrintVersion(
  deps: LogoDeps,
): Promise<{ stadsdorpId: number; sha256: string; bytes: Uint8Array }[]> {
  const missing = [];
  for (const { stadsdorpId, sha256 } of await repo.listLogos(deps.db)) {
    if (await deps.runtime.files.has(logoKey(stadsdorpId, sha256, 'logo', 'print'))) continue;
    const bytes = await deps.runtime.files.get(logoKey(stadsdorpId, sha256));
    if (bytes) missing.push({ stadsdorpId, sha256, bytes });
  }
  return missing;
}

/** putPrintVersion stores the print version of the logo with this sha256. */
export async function putPrintVersion(
  deps: LogoDeps,
  stadsdorpId: number,
  sha256: string,
  printBytes: Uint8Array,
): Promise<void> {
  await deps.runtime.files.put(logoKey(stadsdorpId, sha256, 'logo', 'print'), printBytes);
}

/** dropLogo removes a stadsdorp's logo (or photo), the row first and then its bytes; false when there was none. */
export async function dropLogo(
  deps: LogoDeps,
  stadsdorpId: number,
  picture: repo.Picture = 'logo',
): Promise<boolean> {
  const meta = await repo.getLogoMeta(deps.db, stadsdorpId, picture);
  if (!meta || !(await repo.deleteLogo(deps.db, stadsdorpId, picture))) return false;
  await dropFiles(deps, stadsdorpId, meta.sha256, picture);
  return true;
}
