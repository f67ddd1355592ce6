import { createHmac } from 'node:crypto';
import { sortableId, sortableIdMaker } from '../../ids.js';
import { normalizeEmail } from '../../kernel/email-address.js';

/** hashEmail is the salted (HMAC) hash that replaces the address in the consent log when a person is erased. */
export function hashEmail(secretKey: string, email: string): string {
  return createHmac('sha256', `consent:${secretKey}`).update(normalizeEmail(email)).digest('hex');
}

/**
 * newPublicId makes the id that signed links carry instead of the row id: time-ordered
 * with 80 random bits (see src/ids.ts), so the unique index on public_id takes each new
 * id on the page it just wrote instead of on a random page.
 */
export const newPublicId = sortableId;

/** publicIdMaker makes up to n public ids from one draw of random bytes (an import). */
export const publicIdMaker = sortableIdMaker;
