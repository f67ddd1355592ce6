import { fieldMeta } from '../../../templates/print/_kit/fields.js';
import { brandOf, DEFAULT_BRAND_COLOUR } from '../../../templates/print/_kit/theme.js';
import type {
  FittedText,
  PaperSize,
  PrintTemplate,
  TemplateProps,
  TextBox,
} from '../../../templates/print/_kit/types.js';
import { TEMPLATES } from '../../../templates/print/index.js';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Principal } from '../../kernel/principal.js';
import { assertStadsdorpAccess } from '../auth/service.js';
import { templateBySlug } from './catalogue.js';
import { excessChars, fitText } from './fit.js';
import { checkLogo, logoWarning, printVersion } from './logo.js';
import { dropLogo, loadLogo, storeLogo } from './logo-store.js';
import { renderPdf } from './pdf.js';
import { qrCode, shortSignupUrl, signupUrl } from './qr.js';
import * as repo from './repo.js';
import type { Design, DesignInput, FieldValues, PrintRequest, Profile, ProfilePatch } from './schema.js';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'runtime'>;

/** stadsdorpFor finds the stadsdorp of a path and checks the principal may reach it (404, then 403). */
export async function stadsdorpFor(deps: Deps, principal: Principal, slug: string) {
  const s = await repo.findStadsdorp(deps.db, slug);
  if (!s) notFound(`Stadsdorp '${slug}'`);
  assertStadsdorpAccess(principal, s.id);
  return s;
}

/** readProfile is a stadsdorp's print profile with the Netwerk defaults filled in. */
export async function readProfile(deps: Deps, s: repo.StadsdorpForPrint): Promise<Profile> {
  const p = await repo.getProfile(deps.db, s.id);
  const logo = await repo.getLogoMeta(deps.db, s.id);
  return {
    stadsdorp: s.slug,
    brandColour: p?.brandColour ?? DEFAULT_BRAND_COLOUR,
    website: p?.website ?? s.website,
    contact: p?.contact ?? s.contactEmail,
    defaultTexts: p?.defaultTexts ?? {},
    logo: logo ?? null,
  };
}

// The smallest limit among the templates that have a field, so a profile default fits every one of them.
function profileFieldLimits(): Map<string, { label: string; maxLength: number }> {
  const limits = new Map<string, { label: string; maxLength: number }>();
  for (const t of TEMPLATES) {
    for (const [name, schema] of Object.entries(t.fields.shape)) {
      const m = fieldMeta(schema);
      const known = limits.get(name);
      if (!known || m.maxLength < known.maxLength)
        limits.set(name, { label: m.label, maxLength: m.maxLength });
    }
  }
  return limits;
}

/** changeProfile applies a patch to the print profile in one write. */
export async function changeProfile(
  deps: Deps,
  s: repo.StadsdorpForPrint,
  patch: ProfilePatch,
): Promise<Profile> {
  const current = (await repo.getProfile(deps.db, s.id)) ?? {
    brandColour: null,
    website: null,
    contact: null,
    defaultTexts: {},
  };
  if (patch.defaultTexts) {
    const limits = profileFieldLimits();
    const problems: Record<string, string> = {};
    for (const [name, value] of Object.entries(patch.defaultTexts)) {
      const limit = limits.get(name);
      if (!limit) problems[`defaultTexts.${name}`] = `Geen template heeft een veld '${name}'.`;
      else if (value.trim().length > limit.maxLength) {
        problems[`defaultTexts.${name}`] = `'${limit.label}' mag hoogstens ${limit.maxLength} tekens hebben.`;
      }
    }
    if (Object.keys(problems).length) {
      throw new AppError(
        'validation',
        `Controleer de standaardteksten: ${Object.values(problems).join(' ')}`,
        problems,
      );
    }
  }
  const next: repo.ProfileRecord = {
    brandColour: patch.brandColour === undefined ? current.brandColour : patch.brandColour,
    website: patch.website === undefined ? current.website : patch.website || null,
    contact: patch.contact === undefined ? current.contact : patch.contact || null,
    defaultTexts: patch.defaultTexts
      ? Object.fromEntries(
          Object.entries({ ...current.defaultTexts, ...patch.defaultTexts })
            .map(([k, v]) => [k, v.trim()] as const)
            .filter(([, v]) => v !== ''),
        )
      : current.defaultTexts,
  };
  await repo.putProfile(deps.db, s.id, next, deps.now().toISOString());
  return readProfile(deps, s);
}

/** uploadLogo checks and stores a logo, replacing the previous one; warnings say when it will print soft. */
export async function uploadLogo(deps: Deps, s: repo.StadsdorpForPrint, bytes: Uint8Array) {
  const logo = await checkLogo(bytes);
  await storeLogo(deps, s.id, logo, deps.now().toISOString());
  const warning = logoWarning(logo);
  return { logo: (await repo.getLogoMeta(deps.db, s.id))!, warnings: warning ? [warning] : [] };
}

/** removeLogo deletes the stored logo; prints then show the stadsdorp's name as a word mark. */
export async function removeLogo(deps: Deps, s: repo.StadsdorpForPrint): Promise<void> {
  if (!(await dropLogo(deps, s.id))) notFound(`Een logo van ${s.name}`);
}

/** readLogo returns the stored logo with its bytes. */
export async function readLogo(deps: Deps, s: repo.StadsdorpForPrint) {
  const logo = await loadLogo(deps, s.id);
  if (!logo) notFound(`Een logo van ${s.name}`);
  return logo;
}

const FIXED_LABELS: Record<string, string> = {
  _naam: 'Naam van het stadsdorp',
  _woordmerk: 'Naam van het stadsdorp',
  _url: 'Adres van de aanmeldpagina (PUBLIC_URL)',
  _contact: 'Website en contact in het printprofiel',
};

/**
 * resolveFields decides each field's text: what the editor sent, else the stadsdorp's
 * default, else the template's; then checks it against the template's zod schema.
 */
export function resolveFields(
  template: PrintTemplate,
  given: FieldValues,
  profileTexts: FieldValues,
): Record<string, string> {
  const shape = template.fields.shape;
  // Own properties only: `k in shape` would also take 'constructor', 'toString' or '__proto__'.
  const unknown = Object.keys(given).filter((k) => !Object.hasOwn(shape, k));
  if (unknown.length) {
    const fields = Object.fromEntries(
      unknown.map((k) => [`fields.${k}`, `Template '${template.slug}' heeft geen veld '${k}'.`]),
    );
    throw new AppError(
      'validation',
      `Onbekend veld ${unknown.map((k) => `'${k}'`).join(', ')}. Velden van '${template.slug}': ${Object.keys(shape).join(', ')}.`,
      fields,
    );
  }
  const values: Record<string, string> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const raw = given[name] ?? profileTexts[name] ?? fieldMeta(schema).default;
    values[name] = raw.replace(/\r\n?/g, '\n').trim();
  }
  const parsed = template.fields.safeParse(values);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[`fields.${issue.path.join('.')}`] ??= issue.message;
    throw new AppError('validation', Object.values(fields).join(' '), fields);
  }
  return values;
}

function fitAll(template: PrintTemplate, values: Record<string, string>, fixed: Record<string, string>) {
  const texts: Record<string, FittedText> = {};
  const problems: Record<string, string> = {};
  const place = (key: string, label: string, text: string, box: TextBox) => {
    const fitted = fitText(text, box);
    if (fitted) {
      texts[key] = fitted;
      return;
    }
    const cut = Math.max(5, Math.ceil(excessChars(text, box) / 5) * 5);
    problems[key.startsWith('_') ? key : `fields.${key}`] =
      `Verkort '${label}' met ongeveer ${cut} tekens: de tekst past niet in het vak, ook niet in de kleinste lettergrootte (${box.minSize} pt).`;
  };
  for (const [name, schema] of Object.entries(template.fields.shape)) {
    place(name, fieldMeta(schema).label, values[name]!, template.boxes[name]!);
  }
  for (const [key, box] of Object.entries(template.fixedBoxes ?? {})) {
    place(key, FIXED_LABELS[key] ?? key, fixed[key] ?? '', box);
  }
  if (Object.keys(problems).length) {
    throw new AppError('validation', Object.values(problems).join(' '), problems);
  }
  return texts;
}

/** PreparedPrint is a checked, fitted print, ready to draw. */
export interface PreparedPrint {
  template: PrintTemplate;
  props: TemplateProps;
  title: string;
  filename: string;
}

/** preparePrint resolves and fits every text and gathers brand, logo and QR code; it throws before anything is drawn. */
export async function preparePrint(
  deps: Deps,
  s: repo.StadsdorpForPrint,
  templateSlug: string,
  req: { fields: FieldValues; size: PaperSize; bleed: boolean },
): Promise<PreparedPrint> {
  const template = templateBySlug(templateSlug);
  if (!template.sizes.includes(req.size)) {
    const msg = `'${template.title}' bestaat alleen in ${template.sizes.join(' en ')}.`;
    throw new AppError('validation', msg, { size: msg });
  }
  const profile = await readProfile(deps, s);
  const values = resolveFields(template, req.fields, profile.defaultTexts);
  for (const k of Object.keys(values)) values[k] = values[k]!.replaceAll('{stadsdorp}', s.name);
  const shortUrl = shortSignupUrl(deps.config.publicUrl, s.slug);
  const contactLine = [profile.website, profile.contact].filter(Boolean).join('  ·  ');
  const texts = fitAll(template, values, {
    _naam: s.name,
    _woordmerk: s.name,
    _url: shortUrl,
    _contact: contactLine,
  });
  const logo = profile.logo ? await loadLogo(deps, s.id) : undefined;
  const props: TemplateProps = {
    size: req.size,
    bleed: req.bleed,
    stadsdorp: { slug: s.slug, name: s.name },
    texts,
    brand: brandOf(profile.brandColour),
    logo: logo
      ? { data: await printVersion(logo), format: 'jpg', width: logo.width, height: logo.height }
      : null,
    website: profile.website,
    contact: profile.contact,
    qr: template.hasQr
      ? qrCode(signupUrl(deps.config.publicUrl, s.slug, template.slug, req.size), shortUrl)
      : null,
  };
  return {
    template,
    props,
    title: `${template.title} – ${s.name}`,
    filename: `${s.slug}-${template.slug}-${req.size}.pdf`,
  };
}

/** printPdf renders one template for a stadsdorp to a print-ready PDF. */
export async function printPdf(
  deps: Deps,
  s: repo.StadsdorpForPrint,
  templateSlug: string,
  req: PrintRequest,
) {
  const prepared = await preparePrint(deps, s, templateSlug, req);
  const pdf = await renderPdf(prepared.template, prepared.props, prepared.title);
  return { pdf, filename: prepared.filename };
}

/** listDesigns lists a stadsdorp's saved designs. */
export function listDesigns(deps: Deps, s: repo.StadsdorpForPrint): Promise<Design[]> {
  return repo.listDesigns(deps.db, s.id);
}

/** readDesign returns one design of this stadsdorp or throws not_found. */
export async function readDesign(deps: Deps, s: repo.StadsdorpForPrint, id: number): Promise<Design> {
  const d = await repo.getDesign(deps.db, s.id, id);
  if (!d) notFound(`Ontwerp ${id} van ${s.name}`);
  return d;
}

const nameTaken = (name: string) =>
  new AppError('conflict', `Er is al een ontwerp '${name}' voor dit template. Kies een andere naam.`, {
    name: 'al in gebruik',
  });

/** saveDesign stores a new design after checking that it prints (fields known, texts fit). */
export async function saveDesign(deps: Deps, s: repo.StadsdorpForPrint, input: DesignInput): Promise<Design> {
  await preparePrint(deps, s, input.template, input);
  const id = await repo.insertDesign(deps.db, s.id, input, deps.now().toISOString());
  if (id === undefined) throw nameTaken(input.name);
  return readDesign(deps, s, id);
}

/** replaceDesign overwrites a design after the same checks as saveDesign. */
export async function replaceDesign(
  deps: Deps,
  s: repo.StadsdorpForPrint,
  id: number,
  input: DesignInput,
): Promise<Design> {
  await readDesign(deps, s, id);
  await preparePrint(deps, s, input.template, input);
  const r = await repo.updateDesign(deps.db, s.id, id, input, deps.now().toISOString());
  if (r === 'missing') notFound(`Ontwerp ${id} van ${s.name}`);
  if (r === 'taken') throw nameTaken(input.name);
  return readDesign(deps, s, id);
}

/** removeDesign deletes a design. */
export async function removeDesign(deps: Deps, s: repo.StadsdorpForPrint, id: number): Promise<void> {
  if (!(await repo.deleteDesign(deps.db, s.id, id))) notFound(`Ontwerp ${id} van ${s.name}`);
}

/** printDesign renders a saved design again, with today's profile and logo. */
export async function printDesign(deps: Deps, s: repo.StadsdorpForPrint, id: number) {
  const d = await readDesign(deps, s, id);
  return printPdf(deps, s, d.template, { fields: d.fields, size: d.size, bleed: d.bleed });
}
