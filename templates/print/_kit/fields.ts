import { z } from 'zod';

/** FieldMeta is what the catalogue tells an editor about one field. */
export interface FieldMeta {
  label: string;
  maxLength: number;
  required: boolean;
  multiline: boolean;
  /** The Netwerk's default text; `{stadsdorp}` becomes the stadsdorp's name. */
  default: string;
  /** A short hint shown beside the input. */
  hint?: string;
}

const metas = new WeakMap<z.ZodString, FieldMeta>();

/** text declares one editable text field: its zod check carries the Dutch label and limits. */
export function text(meta: Omit<FieldMeta, 'multiline' | 'required'> & Partial<FieldMeta>): z.ZodString {
  const full: FieldMeta = { multiline: false, required: false, ...meta };
  if (full.default.length > full.maxLength) {
    throw new Error(`default of "${full.label}" is longer than its maxLength ${full.maxLength}`);
  }
  let schema = z
    .string({ error: `'${full.label}' moet tekst zijn.` })
    .max(full.maxLength, { error: `'${full.label}' mag hoogstens ${full.maxLength} tekens hebben.` });
  if (full.required) schema = schema.min(1, { error: `'${full.label}' is verplicht.` });
  metas.set(schema, full);
  return schema;
}

/** fieldMeta reads the FieldMeta declared with text(). */
export function fieldMeta(schema: z.ZodString): FieldMeta {
  const meta = metas.get(schema);
  if (!meta) throw new Error('field was not declared with text()');
  return meta;
}
