// The print path: from a request to a PDF. It reads the database through the Db port, and the
// fonts and pictures through the runtime port (its assets and file store), and imports nothing that needs Node (no fs, no sharp), so a
// Worker loads it unchanged (tests/unit/print-worker.test.ts bundles it as wrangler would).
import { fieldMeta } from '../../../templates/print/_kit/fields.js';
import { MORE_INFO } from '../../../templates/print/_kit/handout.js';
import { brandOf, DEFAULT_BRAND_COLOUR, NETWERK } from '../../../templates/print/_kit/theme.js';
import type {
  FittedText,
  PaperSize,
  PrintTemplate,
  TemplateProps,
  TextBox,
} from '../../../templates/print/_kit/types.js';
import { TEMPLATES } from '../../../templates/print/index.js';
import type { AppDeps, RuntimePort } from '../../deps.js';
import { AppError } from '../../errors.js';
import { templateBySlug } from './catalogue.js';
import { excessChars, fitText } from './fit.js';
import { type FontSet, loadFonts } from './fonts.js';
import { loadPrintBytes } from './logo-store.js';
import { jpegInfo, type PdfImage, renderPdf } from './pdf.js';
import { parseShortCode, qrCode, shortCode, shortSignupUrl, signupUrl } from './qr.js';
import * as repo from './repo.js';
import type { FieldValues, PrintRequest, Profile } from './schema.js';
import { renderSvg, type SvgInput } from './svg.js';

/** PrintDeps is what printing needs from the runtime. */
export type PrintDeps = Pick<AppDeps, 'db' | 'config'> & { runtime: Pick<RuntimePort, 'assets' | 'files'> };

/** readProfile is a stadsdorp's print profile with the Netwerk defaults filled in. */
export async function readProfile(deps: Pick<AppDeps, 'db'>, s: repo.StadsdorpForPrint): Promise<Profile> {
  const p = await repo.getProfile(deps.db, s.id);
  const [logo, photo] = await Promise.all([
    repo.getLogoMeta(deps.db, s.id),
    repo.getLogoMeta(deps.db, s.id, 'photo'),
  ]);
  return {
    stadsdorp: s.slug,
    brandColour: p?.brandColour ?? DEFAULT_BRAND_COLOUR,
    website: p?.website ?? s.website,
    contact: p?.contact ?? s.contactEmail,
    defaultTexts: p?.defaultTexts ?? {},
    logo: logo ?? null,
    photo: photo ?? null,
  };
}

const FIXED_LABELS: Record<string, string> = {
  _naam: 'Naam van het stadsdorp',
  _woordmerk: 'Naam van het stadsdorp',
  _url: 'Adres van de aanmeldpagina (PUBLIC_URL)',
  _contact: 'Website en contact in het printprofiel',
  _meer: 'Meer weten',
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

function fitAll(
  fonts: FontSet,
  template: PrintTemplate,
  values: Record<string, string>,
  fixed: Record<string, string>,
  frame: Omit<TemplateProps, 'texts'>,
) {
  const texts: Record<string, FittedText> = {};
  const problems: Record<string, string> = {};
  const place = (key: string, label: string, text: string, box: TextBox) => {
    const fitted = fitText(fonts, text, box);
    if (fitted) {
      texts[key] = fitted;
      return;
    }
    const cut = Math.max(5, Math.ceil(excessChars(fonts, text, box) / 5) * 5);
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
  // Boxes that grow into the room the other texts left: fitted again, never smaller.
  if (template.grow) {
    for (const [name, box] of Object.entries(template.grow(frame, texts))) {
      const label = name in template.fields.shape ? fieldMeta(template.fields.shape[name]!).label : name;
      place(name, label, values[name] ?? fixed[name] ?? '', box);
    }
  }
  return texts;
}

/** PreparedPrint is a checked, fitted print, ready to draw. */
export interface PreparedPrint {
  template: PrintTemplate;
  props: TemplateProps;
  images: { logo?: PdfImage; photo?: PdfImage };
  fonts: FontSet;
  title: string;
  filename: string;
  /** The sha256 of the logo and photo that were read, to name them in a URL. */
  pictures: { logo?: string; photo?: string };
}

async function printPicture(
  deps: PrintDeps,
  stadsdorpId: number,
  picture: repo.Picture,
  meta: { sha256: string } | null,
): Promise<PdfImage | undefined> {
  // The profile already named the picture; its print version is read by that name.
  const bytes = meta && (await loadPrintBytes(deps, stadsdorpId, meta.sha256, picture));
  if (!bytes) return undefined;
  return { bytes, ...jpegInfo(bytes) };
}

/** preparePrint resolves and fits every text and gathers brand, logo and QR code; it throws before anything is drawn. */
export async function preparePrint(
  deps: PrintDeps,
  s: repo.StadsdorpForPrint,
  templateSlug: string,
  req: { fields: FieldValues; size: PaperSize; bleed: boolean },
): Promise<PreparedPrint> {
  const template = templateBySlug(templateSlug);
  if (!template.sizes.includes(req.size)) {
    const msg = `'${template.title}' bestaat alleen in ${template.sizes.join(' en ')}.`;
    throw new AppError('validation', msg, { size: msg });
  }
  const [fonts, profile] = await Promise.all([loadFonts(deps.runtime.assets), readProfile(deps, s)]);
  const [logo, photo] = await Promise.all([
    printPicture(deps, s.id, 'logo', profile.logo),
    template.kind === 'poster' ? printPicture(deps, s.id, 'photo', profile.photo) : undefined,
  ]);
  const values = resolveFields(template, req.fields, profile.defaultTexts);
  for (const k of Object.keys(values)) values[k] = values[k]!.replaceAll('{stadsdorp}', s.name);
  const code = template.shortCode ? shortCode(s.id, template.shortCode, req.size) : null;
  const shortUrl = code ? shortSignupUrl(deps.config.publicUrl, code) : '';
  const contactLine = [profile.website, profile.contact].filter(Boolean).join('  ·  ');
  const frame: Omit<TemplateProps, 'texts'> = {
    size: req.size,
    bleed: req.bleed,
    stadsdorp: { slug: s.slug, name: s.name },
    brand: brandOf(profile.brandColour),
    logo: logo ? { width: logo.width, height: logo.height } : null,
    photo: photo ? { width: photo.width, height: photo.height } : null,
    website: profile.website,
    contact: profile.contact,
    qr:
      template.hasQr && code
        ? qrCode(signupUrl(deps.config.publicUrl, s.slug, template.slug, req.size), shortUrl)
        : null,
  };
  const texts = fitAll(
    fonts,
    template,
    values,
    {
      _naam: s.name,
      _woordmerk: s.name,
      _url: shortUrl,
      _contact: contactLine,
      _meer: MORE_INFO,
    },
    frame,
  );
  return {
    template,
    props: { ...frame, texts },
    images: { ...(logo ? { logo } : {}), ...(photo ? { photo } : {}) },
    fonts,
    title: `${template.title} – ${s.name}`,
    filename: `${s.slug}-${template.slug}-${req.size}.pdf`,
    pictures: {
      ...(logo && profile.logo ? { logo: profile.logo.sha256 } : {}),
      ...(photo && profile.photo ? { photo: profile.photo.sha256 } : {}),
    },
  };
}

/** printPdf renders one template for a stadsdorp to a print-ready PDF. */
export async function printPdf(
  deps: PrintDeps,
  s: repo.StadsdorpForPrint,
  templateSlug: string,
  req: PrintRequest,
) {
  const prepared = await preparePrint(deps, s, templateSlug, req);
  const pdf = await renderPdf({
    pages: prepared.template.draw(prepared.props),
    fonts: prepared.fonts,
    images: prepared.images,
    info: { title: prepared.title, author: s.name, creator: NETWERK.name, language: 'nl-NL' },
  });
  return { pdf, filename: prepared.filename };
}

/** SvgOptions say where the SVG finds its pictures and fonts, and how it is labelled. */
export type SvgOptions = Omit<SvgInput, 'pages' | 'fonts' | 'images'> & {
  /** The URL of the stadsdorp's logo or photo, given the picture's sha256 (so a new upload is a new URL). */
  imageUrl: (picture: 'logo' | 'photo', sha256: string) => string;
};

/**
 * printSvg renders one template for a stadsdorp as SVG: the same checks, fitting and drawing
 * as printPdf, only the last step differs, so the preview is the page that will be printed.
 */
export async function printSvg(
  deps: PrintDeps,
  s: repo.StadsdorpForPrint,
  templateSlug: string,
  req: PrintRequest,
  opts: SvgOptions,
): Promise<string> {
  const prepared = await preparePrint(deps, s, templateSlug, req);
  const images: SvgInput['images'] = {};
  if (prepared.images.logo && prepared.pictures.logo)
    images.logo = opts.imageUrl('logo', prepared.pictures.logo);
  if (prepared.images.photo && prepared.pictures.photo)
    images.photo = opts.imageUrl('photo', prepared.pictures.photo);
  const { imageUrl: _, ...rest } = opts;
  return renderSvg({ ...rest, pages: prepared.template.draw(prepared.props), fonts: prepared.fonts, images });
}

/**
 * shortLinkTarget is where a typed short address (stadsdorpen.nl/s/12k3) leads: the very
 * signup page the poster's QR code opens, so the signup records the same source. An address
 * that names nothing leads to the plain signup page.
 */
export async function shortLinkTarget(deps: Pick<AppDeps, 'db' | 'config'>, code: string): Promise<string> {
  const fallback = `${deps.config.publicUrl}/aanmelden`;
  const parsed = parseShortCode(code);
  if (!parsed) return fallback;
  const template = TEMPLATES.find((t) => t.shortCode === parsed.templateCode);
  const s = await repo.findStadsdorpById(deps.db, parsed.stadsdorpId);
  if (!template || !s || !template.sizes.includes(parsed.size)) return fallback;
  return signupUrl(deps.config.publicUrl, s.slug, template.slug, parsed.size);
}
