import { signLinkToken } from '../auth/link-token.js';

/** LinkConfig is what building a public link needs. */
export interface LinkConfig {
  publicUrl: string;
  secretKey: string;
}

/** CONFIRM_LINK_DAYS is how long a double opt-in link stays valid. */
export const CONFIRM_LINK_DAYS = 7;

/** confirmUrl is the double opt-in link; it expires, and an expired one offers a new mail. */
export function confirmUrl(c: LinkConfig, publicId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000);
  return `${c.publicUrl}/bevestigen/${signLinkToken(c.secretKey, { purpose: 'confirm', subject: publicId, expiresAt })}`;
}

/** preferencesUrl opens the preference page; it never expires, since old mails must keep working. */
export function preferencesUrl(c: LinkConfig, publicId: string): string {
  return `${c.publicUrl}/voorkeuren/${signLinkToken(c.secretKey, { purpose: 'preferences', subject: publicId })}`;
}

/**
 * unsubscribeUrl is the one-click unsubscribe link (also the List-Unsubscribe URL).
 * With a list slug it unsubscribes from that list; without, from every list.
 */
export function unsubscribeUrl(c: LinkConfig, publicId: string, listSlug?: string): string {
  const token = signLinkToken(c.secretKey, { purpose: 'unsubscribe', subject: publicId, extra: listSlug });
  return `${c.publicUrl}/afmelden/${token}`;
}

/** ERASE_LINK_HOURS is how long the link that erases one's own data stays valid. */
export const ERASE_LINK_HOURS = 24;

/** eraseUrl is the mailed link that erases the person; asked for on the preference page, it expires. */
export function eraseUrl(c: LinkConfig, publicId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + ERASE_LINK_HOURS * 3_600_000);
  return `${c.publicUrl}/wissen/${signLinkToken(c.secretKey, { purpose: 'erase', subject: publicId, expiresAt })}`;
}
