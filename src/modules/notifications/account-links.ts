// The one-time links into beheer that mails carry (login, invite, first account): how long
// each works, and their tokens, derived from the secret so only a hash is stored.
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';

/** LinkPurpose: what a one-time link into beheer is for. */
export const LinkPurpose = z.enum(['login', 'invite', 'first-account']);
export type LinkPurpose = z.infer<typeof LinkPurpose>;

/** How long each kind of link works. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  login: 15 * 60_000,
  invite: 7 * 86_400_000,
  'first-account': 24 * 3_600_000,
};

/** LINK_VALID_FOR says the lifetimes in the words a mail uses. */
export const LINK_VALID_FOR: Record<LinkPurpose, string> = {
  login: '15 minuten',
  invite: '7 dagen',
  'first-account': '24 uur',
};

/**
 * accountLinkToken is the token of the link with this public id: the id and its HMAC. It is
 * derived, never stored, so the mail worker can render the mail from the queue while the
 * database only holds the token's hash.
 */
export function accountLinkToken(secretKey: string, publicId: string): string {
  const mac = createHmac('sha256', `account-link:${secretKey}`).update(publicId).digest('base64url');
  return `${publicId}.${mac}`;
}

/** hashSecret is the SHA-256 under which link and session tokens are stored. */
export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** accountLinkUrl is the address of a one-time link, as mailed or printed. */
export function accountLinkUrl(publicUrl: string, secretKey: string, publicId: string): string {
  return `${publicUrl}/beheer/link/${accountLinkToken(secretKey, publicId)}`;
}

/**
 * safeNextPath keeps a "go here after login" value only when it is a path of beheer on this
 * service: "/beheer/..." and nothing that a browser reads as another host ("//evil.com",
 * "/\\evil.com", "https://evil").
 */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next) return null;
  if (!/^\/beheer(?:[/?#]|$)/.test(next)) return null;
  if (/[\\\s]/.test(next) || next.startsWith('//')) return null;
  return next;
}
