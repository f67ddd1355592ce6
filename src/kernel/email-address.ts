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

const EMAIL_PATTERN = z.regexes.email;

/**
 * isEmailAddress tells, without zod's per-call overhead, whether EmailAddress accepts
 * an already normalised address: the same pattern and length limit.
 */
export function isEmailAddress(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}
