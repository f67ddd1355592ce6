import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { sortableId, sortableIdMaker } from '../../ids.js';

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

/**
 * newPublicId makes the id that signed links carry instead of the row id: time-ordered
 * with 80 random bits (see src/ids.ts), so the unique index on public_id takes each new
 * id on the page it just wrote instead of on a random page.
 */
export const newPublicId = sortableId;

/** publicIdMaker makes up to n public ids from one draw of random bytes (an import). */
export const publicIdMaker = sortableIdMaker;
