import { z } from 'zod';
import { EmailAddress } from '../../kernel/email-address.js';

/** Gebied is the stadsdeel or neighbouring municipality a stadsdorp belongs to. */
export const Gebied = z.enum(
  ['West', 'Zuid', 'Centrum', 'Oost', 'Zuidoost', 'Nieuw-West', 'Noord', 'Weesp', 'Regio Amsterdam'],
  {
    error:
      'Kies een gebied: West, Zuid, Centrum, Oost, Zuidoost, Nieuw-West, Noord, Weesp of Regio Amsterdam.',
  },
);
export type Gebied = z.infer<typeof Gebied>;

/** Slug is a kebab-case name used in URLs: lower-case letters, digits and single dashes. */
export const Slug = z
  .string({ error: 'Vul een korte naam voor in de URL in.' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'Vul een korte naam voor in de URL in.' })
  .max(80, { error: 'Gebruik hoogstens 80 tekens.' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'Gebruik alleen kleine letters, cijfers en losse streepjes, bijvoorbeeld "stadsdorp-oost".',
  });

/** Stadsdorp is one stadsdorp as the API shows it. */
export interface Stadsdorp {
  id: number;
  slug: string;
  name: string;
  gebied: Gebied;
  website: string | null;
  contactEmail: string | null;
  isExample: boolean;
  createdAt: string;
  updatedAt: string;
}

const Name = z
  .string({ error: 'Vul de naam van het stadsdorp in.' })
  .trim()
  .min(1, { error: 'Vul de naam van het stadsdorp in.' })
  .max(120, { error: 'Gebruik hoogstens 120 tekens.' });

// An empty form field means "no website", not "invalid website".
const Website = z.preprocess(
  (v) => (v === '' ? null : v),
  z.url({ protocol: /^https?$/, error: 'Vul een volledig webadres in, beginnend met https://.' }).nullable(),
);
const ContactEmail = z.preprocess((v) => (v === '' ? null : v), EmailAddress.nullable());

/** StadsdorpCreate is the body of POST /api/stadsdorpen; the slug is made from the name when absent. */
export const StadsdorpCreate = z.strictObject({
  name: Name,
  slug: Slug.optional(),
  gebied: Gebied,
  website: Website.optional(),
  contactEmail: ContactEmail.optional(),
});
export type StadsdorpCreate = z.infer<typeof StadsdorpCreate>;

/** StadsdorpPatch is the body of PATCH /api/stadsdorpen/:slug: any subset of the fields. */
export const StadsdorpPatch = z.strictObject({
  name: Name.optional(),
  slug: Slug.optional(),
  gebied: Gebied.optional(),
  website: Website.optional(),
  contactEmail: ContactEmail.optional(),
});
export type StadsdorpPatch = z.infer<typeof StadsdorpPatch>;

/**
 * slugify turns a name into a kebab-case slug that Slug accepts, at most maxLength long:
 * "Stadsdorp Zuidas-Oost!" -> "stadsdorp-zuidas-oost". Stadsdorpen and archive slugs of
 * campaigns both come from here. Empty when the name has no letter or digit.
 */
export function slugify(name: string, maxLength = 80): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
