import { mailDomain } from './mail-domain.js';

/**
 * messageIdFor is the Message-ID of the message at a position in a batch: derived from the
 * batch's idempotency key, so a retried batch gives each message the same id again and a copy
 * sent twice is recognisable as the same message. The domain is that of the From address.
 */
export function messageIdFor(idempotencyKey: string, position: number, from: string): string {
  return `<${idempotencyKey}.${position}@${mailDomain(from)}>`;
}

/** mailDate is a moment as an RFC 5322 Date header writes it: "Sat, 28 Nov 2026 10:00:00 +0000". */
export function mailDate(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}
