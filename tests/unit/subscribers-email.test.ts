import { describe, expect, it } from 'vitest';
import { EmailAddress, isEmailAddress, normalizeEmail } from '../../src/kernel/email-address.js';

const ADDRESSES = [
  'renee@example.nl',
  ' Renée.de.Vries@Example.NL ',
  'a@b',
  'a@b.c',
  'x+tag@sub.example.org',
  '"quoted"@example.nl',
  'geen-adres',
  'two@@example.nl',
  '.dot@example.nl',
  'dot.@example.nl',
  'a..b@example.nl',
  'ü@example.nl',
  'a@-example.nl',
  'a@example-.nl',
  `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.nl`,
  `${'a'.repeat(250)}@b.nl`,
  '',
  'a b@example.nl',
  'a@example.nl\n',
  'é'.repeat(340),
  `${'é'.repeat(341)}@example.nl`,
];

describe('the fast address helpers of the import', () => {
  it('isEmailAddress accepts exactly what EmailAddress accepts', () => {
    for (const a of ADDRESSES) {
      expect([a, isEmailAddress(normalizeEmail(a))]).toEqual([a, EmailAddress.safeParse(a).success]);
    }
  });
});
