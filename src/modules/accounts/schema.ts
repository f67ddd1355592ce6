import { z } from 'zod';
import { EmailAddress } from '../../kernel/email-address.js';
import { Role } from '../../kernel/principal.js';

export { Role };

import { LinkPurpose } from '../notifications/account-links.js';

/** LinkPurpose: what a one-time link into beheer is for (declared with the links themselves). */
export { LinkPurpose };

/** Account is a person who logs in to beheer: a CoCo member or an editor of one stadsdorp. */
export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  stadsdorpId: number | null;
  disabledAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Session is one login of an account in one browser, as the sessions page shows it. */
export interface Session {
  id: number;
  accountId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
}

/** Actor is who does something in beheer, for the activity log. */
export interface Actor {
  accountId: number | null;
  name: string;
}

/** ActivityEntry is one line of the activity log. */
export interface ActivityEntry {
  id: number;
  actorName: string;
  action: string;
  subject: string;
  createdAt: string;
}

const PersonName = z
  .string({ error: 'Vul een naam in.' })
  .trim()
  .min(1, { error: 'Vul een naam in, zoals Anna de Vries.' })
  .max(100, { error: 'Een naam heeft hoogstens 100 tekens.' });

/** LoginRequest is the login form: one address. */
export const LoginRequest = z.object({ email: EmailAddress });

/** FirstAccountInput is the form that makes the very first CoCo account. */
export const FirstAccountInput = z.object({ name: PersonName, email: EmailAddress });

/** AccountInput is an account as the CoCo invites it, or as the CLI makes it. */
export const AccountInput = z
  .object({
    name: PersonName,
    email: EmailAddress,
    role: Role,
    stadsdorp: z.string().trim().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.role === 'stadsdorp' && !a.stadsdorp)
      ctx.addIssue({
        code: 'custom',
        path: ['stadsdorp'],
        message: 'Kies het stadsdorp van deze redacteur.',
      });
  });
export type AccountInput = z.infer<typeof AccountInput>;
