import { createHash, createHmac, hash, randomBytes } from 'node:crypto';
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

// Random bytes drawn 4 KB at a time: one call into the CSPRNG per 256 ids instead of one per id.
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * emailHasher gives hashEmail's exact result faster, for many addresses at once (an
 * import): HMAC-SHA256 as RFC 2104 defines it, with the padded keys made once and
 * Node's one-shot hash, instead of setting up a new HMAC object per address.
 */
export function emailHasher(secretKey: string): (email: string) => string {
  let key = Buffer.from(`consent:${secretKey}`, 'utf8');
  if (key.length > 64) key = createHash('sha256').update(key).digest();
  // inner holds (key XOR ipad) followed by the message; outer (key XOR opad) and the inner digest.
  const inner = Buffer.alloc(64 + 1024, 0x36);
  const outer = Buffer.alloc(64 + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  const secret = `consent:${secretKey}`;
  // With an ASCII key the padded key is ASCII too, and the message can follow it as text.
  const innerText = key.every((b) => b < 0x80 && (b ^ 0x36) < 0x80) ? inner.toString('latin1', 0, 64) : null;
  return (email) => {
    const normalized = normalizeEmail(email);
    let digest: Buffer;
    if (innerText !== null) digest = hash('sha256', innerText + normalized, 'buffer');
    else if (normalized.length <= 340) {
      // At most 3 bytes per UTF-16 unit: longer text might not fit the buffer.
      const n = inner.write(normalized, 64, 'utf8');
      digest = hash('sha256', inner.subarray(0, 64 + n), 'buffer');
    } else return createHmac('sha256', secret).update(normalized).digest('hex');
    digest.copy(outer, 64);
    return hash('sha256', outer, 'hex');
  };
}

const EMAIL_PATTERN = z.regexes.email;

/**
 * isEmailAddress tells, without zod's per-call overhead, whether EmailAddress accepts
 * an already normalised address: the same pattern and length limit.
 */
export function isEmailAddress(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}

/** newPublicId makes the random id (128 bits) that signed links carry instead of the row id. */
export function newPublicId(): string {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString('base64url', poolAt - 16, poolAt);
}
