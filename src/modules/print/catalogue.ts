import { type FieldMeta, fieldMeta } from '../../../templates/print/_kit/fields.js';
import type { PaperSize, PrintTemplate, TemplateKind } from '../../../templates/print/_kit/types.js';
import { TEMPLATES } from '../../../templates/print/index.js';
import { notFound } from '../../errors.js';

/** CatalogueField is one editable field as an editor's form needs it: its name and what text() declared. */
export type CatalogueField = { name: string } & FieldMeta;

/** CatalogueEntry is one template in GET /api/print/templates. */
export interface CatalogueEntry {
  slug: string;
  title: string;
  kind: TemplateKind;
  description: string;
  sizes: PaperSize[];
  qrCode: boolean;
  fields: CatalogueField[];
}

/** templateFields lists a template's fields with their label, limits and default, in declaration order. */
export function templateFields(t: PrintTemplate): CatalogueField[] {
  return Object.entries(t.fields.shape).map(([name, schema]) => ({ name, ...fieldMeta(schema) }));
}

/** catalogue describes every template for the editor's form. */
export function catalogue(): CatalogueEntry[] {
  return TEMPLATES.map((t) => ({
    slug: t.slug,
    title: t.title,
    kind: t.kind,
    description: t.description,
    sizes: t.sizes,
    qrCode: t.hasQr,
    fields: templateFields(t),
  }));
}

/** templateBySlug finds a template or throws not_found naming the ones that exist. */
export function templateBySlug(slug: string): PrintTemplate {
  const t = TEMPLATES.find((x) => x.slug === slug);
  if (!t) notFound(`Template '${slug}' (kies uit: ${TEMPLATES.map((x) => x.slug).join(', ')})`);
  return t;
}
