import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** EmailAddress parses an address as typed: trimmed, lower-cased, checked. */
export const EmailAddress = z
  .string({ error: 'Vul een e-mailadres in.' })
  .trim()
  .toLowerCase()
  .pipe(
    z.email({ error: 'Dit is geen geldig e-mailadres.' }).max(254, { error: 'Dit e-mailadres is te lang.' }),
  );

/** normalizeEmail is how every address is stored and compared: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** hashEmail is the salted (HMAC) hash that replaces the address in the consent log when a person is erased. */
export function hashEmail(secretKey: string, email: string): string {
  return createHmac('sha256', `consent:${secretKey}`).update(normalizeEmail(email)).digest('hex');
}

const EMAIL_PATTERN = z.regexes.email;

/**
 * isEmailAddress tells, without zod's per-call overhead, whether EmailAddress accepts
 * an already normalised address: the same pattern and length limit.
 */
export function isEmailAddress(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}

// Random bytes drawn 4 KB at a time: one call into the CSPRNG per 256 ids instead of one per id.
let pool = Buffer.alloc(0);
let poolAt = 0;

/** newPublicId makes the random id (128 bits) that signed links carry instead of the row id. */
export function newPublicId(): string {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString('base64url', poolAt - 16, poolAt);
}
