import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** LinkPurpose keeps a token for one purpose from being used for another. */
export const LinkPurpose = z.enum(['confirm', 'preferences', 'unsubscribe', 'web-version', 'erase']);
export type LinkPurpose = z.infer<typeof LinkPurpose>;

const Payload = z.object({
  /** purpose */
  p: LinkPurpose,
  /** subject: a random public id, never a sequential one */
  s: z.string().min(1),
  /** expiry, seconds since the epoch */
  e: z.number().int().optional(),
  /** optional extra claim, e.g. a campaign or list */
  x: z.string().optional(),
});
type Payload = z.infer<typeof Payload>;

/** LinkClaims is what a verified link token says. */
export interface LinkClaims {
  purpose: LinkPurpose;
  subject: string;
  expiresAt?: Date;
  extra?: string;
}

/** LinkVerification: valid, expired (claims still readable, to offer a new link), or invalid. */
export type LinkVerification =
  | { status: 'valid'; claims: LinkClaims }
  | { status: 'expired'; claims: LinkClaims }
  | { status: 'invalid' };

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** signLinkToken makes an HMAC-SHA256-signed token for a link in an email or page. */
export function signLinkToken(secret: string, claims: LinkClaims): string {
  const payload: Payload = { p: claims.purpose, s: claims.subject };
  if (claims.expiresAt) payload.e = Math.floor(claims.expiresAt.getTime() / 1000);
  if (claims.extra !== undefined) payload.x = claims.extra;
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** verifyLinkToken checks the signature and purpose, then the expiry against now. */
export function verifyLinkToken(
  secret: string,
  token: string,
  purpose: LinkPurpose,
  now: Date = new Date(),
): LinkVerification {
  const [body, sig, rest] = token.split('.');
  if (!body || !sig || rest !== undefined) return { status: 'invalid' };
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  // Node's decoder also takes padding, '+' and '/', and ignores the last character's spare
  // bits: only the one spelling we sign is accepted, so a link has exactly one valid form.
  if (given.toString('base64url') !== sig) return { status: 'invalid' };
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
  let payload: Payload;
  try {
    payload = Payload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { status: 'invalid' };
  }
  if (payload.p !== purpose) return { status: 'invalid' };
  const claims: LinkClaims = { purpose: payload.p, subject: payload.s };
  if (payload.e !== undefined) claims.expiresAt = new Date(payload.e * 1000);
  if (payload.x !== undefined) claims.extra = payload.x;
  if (claims.expiresAt && claims.expiresAt.getTime() < now.getTime()) return { status: 'expired', claims };
  return { status: 'valid', claims };
}
