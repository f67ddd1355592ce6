import { describe, expect, it } from 'vitest';
import { signLinkToken, verifyLinkToken } from '../../src/modules/auth/link-token.js';

const secret = 'een-geheime-sleutel-van-minstens-32-tekens';

describe('signed link tokens', () => {
  it('verifies a token it signed, for its own purpose', () => {
    const token = signLinkToken(secret, { purpose: 'unsubscribe', subject: 'abc123', extra: 'besturen' });
    const v = verifyLinkToken(secret, token, 'unsubscribe');
    expect(v).toEqual({
      status: 'valid',
      claims: { purpose: 'unsubscribe', subject: 'abc123', extra: 'besturen' },
    });
  });

  it('refuses a token used for another purpose', () => {
    const token = signLinkToken(secret, { purpose: 'preferences', subject: 'abc123' });
    expect(verifyLinkToken(secret, token, 'unsubscribe').status).toBe('invalid');
  });

  it('refuses every spelling of the signature but the one it signed (canonical base64url)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // A subject whose signature has a '-' or '_', so that its '+' or '/' spelling can be tried.
    let token = '';
    for (let i = 0; !/[-_]/.test(token.split('.')[1] ?? ''); i++) {
      token = signLinkToken(secret, { purpose: 'unsubscribe', subject: `abc${i}` });
    }
    const [body, sig] = token.split('.') as [string, string];
    expect(verifyLinkToken(secret, token, 'unsubscribe').status).toBe('valid');
    // 32 bytes take 43 characters; the last one carries 2 bits nobody reads.
    const last = alphabet.indexOf(sig.at(-1)!);
    const spareBits = `${sig.slice(0, -1)}${alphabet[last ^ 1]}`;
    // Node's decoder reads each of these as the same 32 bytes.
    const variants = [spareBits, `${sig}=`, sig.replace(/-/g, '+').replace(/_/g, '/'), `${sig} `];
    for (const variant of variants) {
      expect(Buffer.from(variant, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(verifyLinkToken(secret, `${body}.${variant}`, 'unsubscribe').status, variant).toBe('invalid');
    }
  });

  it('refuses a token whose payload was changed', () => {
    const token = signLinkToken(secret, { purpose: 'confirm', subject: 'abc123' });
    const [, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ p: 'confirm', s: 'someone-else' })).toString('base64url');
    expect(verifyLinkToken(secret, `${forged}.${sig}`, 'confirm').status).toBe('invalid');
  });

  it('refuses a token signed with another secret', () => {
    const token = signLinkToken('een-andere-sleutel-van-minstens-32-tekens', {
      purpose: 'confirm',
      subject: 'a',
    });
    expect(verifyLinkToken(secret, token, 'confirm').status).toBe('invalid');
  });

  it('reports an expired token as expired, with its claims, so a new link can be offered', () => {
    const token = signLinkToken(secret, {
      purpose: 'confirm',
      subject: 'abc123',
      expiresAt: new Date('2026-11-01T00:00:00Z'),
    });
    const v = verifyLinkToken(secret, token, 'confirm', new Date('2026-11-02T00:00:00Z'));
    expect(v.status).toBe('expired');
    expect(v.status === 'expired' && v.claims.subject).toBe('abc123');
    expect(verifyLinkToken(secret, token, 'confirm', new Date('2026-10-31T00:00:00Z')).status).toBe('valid');
  });

  it('refuses garbage without throwing', () => {
    for (const t of ['', 'abc', 'a.b.c', '..', '%%%.%%%']) {
      expect(verifyLinkToken(secret, t, 'confirm').status).toBe('invalid');
    }
  });
});
