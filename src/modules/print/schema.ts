import { z } from 'zod';
import { PaperSize } from '../../../templates/print/_kit/types.js';

export { PaperSize };

/** Slug names a stadsdorp or a template in a path. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Gebruik kleine letters, cijfers en streepjes.' })
  .max(80);

/** HexColour is a brand colour as #RRGGBB, stored upper-case. */
export const HexColour = z
  .string()
  .trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'Gebruik een kleur als #RRGGBB, bijvoorbeeld #1B6B5A.' })
  .transform((s) => s.toUpperCase());

/** FieldName is the name of a template field, as in the catalogue. */
export const FieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, { error: 'Onbekende veldnaam.' });

const oneLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `'${label}' mag hoogstens ${max} tekens hebben.` })
    .refine((s) => !/[\r\n]/.test(s), { error: `'${label}' past op één regel.` });

/** FieldValues are the texts an editor fills in, by field name. */
export const FieldValues = z.record(
  FieldName,
  z.string().max(5000, { error: 'Deze tekst is veel te lang.' }),
);
export type FieldValues = z.infer<typeof FieldValues>;

/** ProfilePatch changes a stadsdorp's print profile; null clears a value back to the default. */
export const ProfilePatch = z
  .object({
    brandColour: HexColour.nullable().optional(),
    website: oneLine('Website', 100).nullable().optional(),
    contact: oneLine('Contact', 120).nullable().optional(),
    defaultTexts: FieldValues.optional(),
  })
  .strict();
export type ProfilePatch = z.infer<typeof ProfilePatch>;

/** PrintOptions are the size and the bleed of one print. */
export const PrintOptions = z.object({
  size: PaperSize.default('A4'),
  bleed: z
    .boolean({ error: 'bleed is true (drukkerij: 3 mm afloop met snijtekens) of false (kantoorprinter).' })
    .default(false),
});

/** PrintRequest is the body of POST .../print/:template. */
export const PrintRequest = PrintOptions.extend({ fields: FieldValues.default({}) }).strict();
export type PrintRequest = z.infer<typeof PrintRequest>;

/** DesignInput is a design as an editor saves it. */
export const DesignInput = PrintOptions.extend({
  template: Slug,
  name: z.string().trim().min(1, { error: 'Geef het ontwerp een naam.' }).max(80),
  fields: FieldValues.default({}),
}).strict();
export type DesignInput = z.infer<typeof DesignInput>;

/** Design is a saved design as the API shows it. */
export interface Design {
  id: number;
  template: string;
  name: string;
  fields: FieldValues;
  size: PaperSize;
  bleed: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Profile is a stadsdorp's print profile as the API shows it, defaults filled in. */
export interface Profile {
  stadsdorp: string;
  brandColour: string;
  website: string | null;
  contact: string | null;
  defaultTexts: FieldValues;
  /** The optional photo on the posters, stored like the logo. */
  photo: PictureMeta | null;
  logo: PictureMeta | null;
}

/** PictureMeta describes a stored logo or photo. */
export interface PictureMeta {
  mime: string;
  width: number;
  height: number;
  sha256: string;
  source: string;
  uploadedAt: string;
}
