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

/** hashEmail is the salted (HMAC) hash the consent log keeps, also after an erase. */
export function hashEmail(secretKey: string, email: string): string {
  return createHmac('sha256', `consent:${secretKey}`).update(normalizeEmail(email)).digest('hex');
}

/** newPublicId makes the random id that signed links carry instead of the row id. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}
