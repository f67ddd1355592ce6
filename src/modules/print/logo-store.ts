import type { AppDeps } from '../../deps.js';
import type { CheckedLogo } from './logo.js';
import * as repo from './repo.js';

/** LogoDeps is all that storing a logo needs: the database for what is known of it, the file store for its bytes. */
export type LogoDeps = Pick<AppDeps, 'db'> & { runtime: Pick<AppDeps['runtime'], 'files'> };

/**
 * logoKey is where a logo's bytes live in the file store. The hash makes every version a key
 * of its own, so print_logos never names bytes that are half written or already replaced.
 */
export function logoKey(stadsdorpId: number, sha256: string): string {
  return `print-logos/${stadsdorpId}/${sha256}`;
}

/**
 * storeLogo stores a checked logo in place of the previous one. The file store and the
 * database cannot share a transaction (R2 and D1 on Workers), so the order carries the
 * guarantee: the new bytes first, then the row that names them, then the old bytes go. A
 * crash in between leaves at most an unnamed file behind, never a row without its bytes.
 */
export async function storeLogo(deps: LogoDeps, stadsdorpId: number, logo: CheckedLogo, now: string) {
  const previous = await repo.getLogoMeta(deps.db, stadsdorpId);
  await deps.runtime.files.put(logoKey(stadsdorpId, logo.sha256), logo.bytes);
  await repo.putLogo(deps.db, stadsdorpId, logo, now);
  if (previous && previous.sha256 !== logo.sha256)
    await deps.runtime.files.delete(logoKey(stadsdorpId, previous.sha256));
}

/** loadLogo reads a stadsdorp's logo with its bytes; undefined when it has none (or its bytes are gone). */
export async function loadLogo(
  deps: LogoDeps,
  stadsdorpId: number,
): Promise<(repo.LogoMeta & { bytes: Buffer }) | undefined> {
  const meta = await repo.getLogoMeta(deps.db, stadsdorpId);
  if (!meta) return undefined;
  const bytes = await deps.runtime.files.get(logoKey(stadsdorpId, meta.sha256));
  if (!bytes) return undefined;
  return { ...meta, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** dropLogo removes a stadsdorp's logo, the row first and then its bytes; false when there was none. */
export async function dropLogo(deps: LogoDeps, stadsdorpId: number): Promise<boolean> {
  const meta = await repo.getLogoMeta(deps.db, stadsdorpId);
  if (!meta || !(await repo.deleteLogo(deps.db, stadsdorpId))) return false;
  await deps.runtime.files.delete(logoKey(stadsdorpId, meta.sha256));
  return true;
}
