// The print module's service: profile, logo, designs. Printing itself (fit and render) is in
// printing.ts; uploads go through the runtime port's image codecs (deps.runtime.images).
import { fieldMeta } from '../../../templates/print/_kit/fields.js';
import { contrast } from '../../../templates/print/_kit/theme.js';
import { TEMPLATES } from '../../../templates/print/index.js';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Principal } from '../../kernel/principal.js';
import { assertStadsdorpAccess } from '../auth/service.js';
import { checkLogo, checkPhoto, logoWarning, photoPrintVersion, printVersion } from './logo.js';
import { dropLogo, loadLogo, storeLogo } from './logo-store.js';
import { preparePrint, printPdf, readProfile } from './printing.js';
import * as repo from './repo.js';
import type { Design, DesignInput, Profile, ProfilePatch } from './schema.js';

export { preparePrint, printPdf, printSvg, readProfile, resolveFields } from './printing.js';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'runtime'>;
/** stadsdorpFor finds the stadsdorp of a path and checks the principal may reach it (404, then 403). */
export async function stadsdorpFor(deps: Deps, principal: Principal, slug: string) {
  const s = await repo.findStadsdorp(deps.db, slug);
  if (!s) notFound(`Stadsdorp '${slug}'`);
  assertStadsdorpAccess(principal, s.id);
  return s;
}

/** MIN_BRAND_CONTRAST: white text on the brand colour must reach WCAG AA for normal text. */
export const MIN_BRAND_CONTRAST = 4.5;

/** brandColourProblem says in Dutch why a brand colour is refused, or null when white text on it reads well. */
export function brandColourProblem(colour: string): string | null {
  const ratio = contrast(colour, '#FFFFFF');
  if (ratio >= MIN_BRAND_CONTRAST) return null;
  return `Witte tekst is slecht te lezen op ${colour} (contrast ${ratio.toFixed(1).replace('.', ',')} : 1, minstens 4,5 : 1 nodig). Kies een donkerdere kleur.`;
}

/** profileFieldLimits: the smallest limit among the templates that have a field, so a profile default fits every one of them. */
export function profileFieldLimits(): Map<string, { label: string; maxLength: number }> {
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
  if (patch.brandColour) {
    const problem = brandColourProblem(patch.brandColour);
    if (problem) throw new AppError('validation', problem, { brandColour: problem });
  }
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
  const logo = await checkLogo(deps.runtime.images, bytes);
  await storeLogo(deps, s.id, logo, await printVersion(deps.runtime.images, logo), deps.now().toISOString());
  const warning = logoWarning(logo);
  return { logo: (await repo.getLogoMeta(deps.db, s.id))!, warnings: warning ? [warning] : [] };
}

/** removeLogo deletes the stored logo; prints then show the stadsdorp's name as a word mark. */
export async function removeLogo(deps: Deps, s: repo.StadsdorpForPrint): Promise<void> {
  if (!(await dropLogo(deps, s.id))) notFound(`Een logo van ${s.name}`);
}

/** uploadPhoto checks and stores the poster photo, replacing the previous one. */
export async function uploadPhoto(deps: Deps, s: repo.StadsdorpForPrint, bytes: Uint8Array) {
  const photo = await checkPhoto(deps.runtime.images, bytes);
  const print = await photoPrintVersion(deps.runtime.images, photo);
  await storeLogo(deps, s.id, photo, print, deps.now().toISOString(), 'photo');
  return { photo: (await repo.getLogoMeta(deps.db, s.id, 'photo'))! };
}

/** removePhoto deletes the poster photo; posters are then printed without one. */
export async function removePhoto(deps: Deps, s: repo.StadsdorpForPrint): Promise<void> {
  if (!(await dropLogo(deps, s.id, 'photo'))) notFound(`Een foto van ${s.name}`);
}

/** readPhoto returns the stored photo with its bytes. */
export async function readPhoto(deps: Deps, s: repo.StadsdorpForPrint) {
  const photo = await loadLogo(deps, s.id, 'photo');
  if (!photo) notFound(`Een foto van ${s.name}`);
  return photo;
}

/** readLogo returns the stored logo with its bytes. */
export async function readLogo(deps: Deps, s: repo.StadsdorpForPrint) {
  const logo = await loadLogo(deps, s.id);
  if (!logo) notFound(`Een logo van ${s.name}`);
  return logo;
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
