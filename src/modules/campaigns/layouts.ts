import type { AppDeps, Assets } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import {
  checkSlotPlacement,
  compileMjml,
  countMjmlElements,
  findActiveContent,
  findSlots,
  MjmlCompileError,
  type MjmlIssue,
  type MjmlToHtml,
} from '../../mail/mjml.js';
import {
  campaignsUsingLayout,
  deleteLayoutOverride,
  findLayoutOverride,
  listLayoutOverrides,
  upsertLayoutStatement,
} from './repo.js';

/** LAYOUTS_DIR is the asset folder of the built-in MJML layouts shipped with the project. */
export const LAYOUTS_DIR = 'templates/mail/';

/**
 * LayoutDeps is all the layouts need: the database for uploads, the runtime's assets for the
 * built-ins and its MJML compiler.
 */
export type LayoutDeps = Pick<AppDeps, 'db'> & { runtime: { assets: Assets; mjml: MjmlToHtml } };

/** Layout is an MJML layout as the campaign renderer uses it. */
export interface Layout {
  name: string;
  mjml: string;
  slots: string[];
  /** builtin: shipped in templates/mail; custom: uploaded; override: uploaded over a built-in. */
  origin: 'builtin' | 'custom' | 'override';
  updatedAt: string | null;
}

/** builtinLayouts reads templates/mail/*.mjml from the runtime's assets, by layout name. */
export async function builtinLayouts(assets: Assets): Promise<Map<string, string>> {
  const decoder = new TextDecoder();
  const layouts = new Map<string, string>();
  for (const path of await assets.list(LAYOUTS_DIR)) {
    if (!path.endsWith('.mjml')) continue;
    const bytes = await assets.read(path);
    if (bytes) layouts.set(path.slice(LAYOUTS_DIR.length, -'.mjml'.length), decoder.decode(bytes));
  }
  return layouts;
}

/** builtinLayout reads one built-in layout by name; undefined when none is shipped under that name. */
async function builtinLayout(assets: Assets, name: string): Promise<string | undefined> {
  const path = `${LAYOUTS_DIR}${name}.mjml`;
  if (!(await assets.list(LAYOUTS_DIR)).includes(path)) return undefined;
  const bytes = await assets.read(path);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

// layoutOf makes the layout of a name from its upload and its built-in: an upload wins.
function layoutOf(
  name: string,
  custom: { mjml: string; updatedAt: string } | undefined,
  builtin: string | undefined,
): Layout | undefined {
  if (custom) {
    return {
      name,
      mjml: custom.mjml,
      slots: findSlots(custom.mjml),
      origin: builtin ? 'override' : 'custom',
      updatedAt: custom.updatedAt,
    };
  }
  if (builtin) return { name, mjml: builtin, slots: findSlots(builtin), origin: 'builtin', updatedAt: null };
  return undefined;
}

/** findLayout resolves a layout name: an upload wins over a built-in of the same name. */
export async function findLayout(deps: LayoutDeps, name: string): Promise<Layout | undefined> {
  return layoutOf(
    name,
    await findLayoutOverride(deps.db, name),
    await builtinLayout(deps.runtime.assets, name),
  );
}

/** getLayout resolves a layout or throws not_found. */
export async function getLayout(deps: LayoutDeps, name: string): Promise<Layout> {
  return (await findLayout(deps, name)) ?? notFound(`Layout "${name}"`);
}

/** listLayouts lists built-in and uploaded layouts (without their MJML). */
export async function listLayouts(deps: LayoutDeps): Promise<Omit<Layout, 'mjml'>[]> {
  const builtins = await builtinLayouts(deps.runtime.assets);
  const names = new Set([...builtins.keys(), ...(await listLayoutOverrides(deps.db)).map((l) => l.name)]);
  const out: Omit<Layout, 'mjml'>[] = [];
  for (const name of [...names].sort()) {
    const { mjml: _mjml, ...rest } = layoutOf(
      name,
      await findLayoutOverride(deps.db, name),
      builtins.get(name),
    )!;
    out.push(rest);
  }
  return out;
}

/** KNOWN_SLOTS are the slots the renderer fills; see templates/mail/README.md. */
export const KNOWN_SLOTS = [
  'subject',
  'preheader',
  'greeting',
  'content',
  'footer',
  'unsubscribe_url',
  'preferences_url',
  'web_version_url',
  'netwerk_name',
  'motto',
];

/** MAX_LAYOUT_BYTES keeps an upload to a reasonable size. */
export const MAX_LAYOUT_BYTES = 200_000;

/** MAX_LAYOUT_ELEMENTS bounds the compile time: 9,000 elements took 2.7 s of the request thread. */
export const MAX_LAYOUT_ELEMENTS = 2_000;

/** HTML_SLOTS are the slots that become HTML; they must sit in an <mj-text> (or similar) inside <mj-body>. */
const HTML_SLOTS = ['content', 'footer'];

const count = new Intl.NumberFormat('nl-NL');

function refuse(issues: MjmlIssue[]): never {
  const err = new MjmlCompileError(issues);
  const fields = Object.fromEntries(
    err.issues.map((i, n) => [`mjml.${n}`, `regel ${i.line}${i.tag ? ` (${i.tag})` : ''}: ${i.message}`]),
  );
  throw new AppError('validation', `De MJML-layout klopt niet: ${err.message}`, fields);
}

/**
 * assertLayoutSafe refuses what must never reach a compile or a mail: a layout over the size
 * or element limit (checked before compiling), and anything that could run script.
 */
export function assertLayoutSafe(mjml: string): void {
  if (new TextEncoder().encode(mjml).length > MAX_LAYOUT_BYTES) {
    throw new AppError(
      'payload_too_large',
      `Een layout mag hoogstens ${MAX_LAYOUT_BYTES / 1000} kB zijn. Haal ingesloten afbeeldingen of herhaalde blokken weg.`,
      { mjml: `Hoogstens ${MAX_LAYOUT_BYTES / 1000} kB.` },
    );
  }
  const elements = countMjmlElements(mjml);
  if (elements > MAX_LAYOUT_ELEMENTS) {
    throw new AppError(
      'validation',
      `Deze layout heeft ${count.format(elements)} MJML-elementen; hoogstens ${count.format(MAX_LAYOUT_ELEMENTS)} mag. Een layout is het kader van de mail; de inhoud komt in {{content}}.`,
      { mjml: `Hoogstens ${count.format(MAX_LAYOUT_ELEMENTS)} MJML-elementen.` },
    );
  }
  const active = findActiveContent(mjml);
  if (active.length) refuse(active);
}

/**
 * validateLayout checks an uploaded layout strictly: limits and script first (before any
 * compile), then mjml's strict validation of the layout as written (so every error names the
 * volunteer's own tag and line), then where the HTML slots sit.
 */
export async function validateLayout(
  mjml2html: MjmlToHtml,
  mjml: string,
): Promise<{ slots: string[]; warnings: string[] }> {
  assertLayoutSafe(mjml);
  let html: string;
  try {
    html = await compileMjml(mjml2html, mjml, { strict: true });
  } catch (err) {
    if (err instanceof MjmlCompileError) refuse(err.issues);
    throw err;
  }
  // What mjml makes of the layout (mj-attributes, mj-html-attributes) must be free of script too.
  const compiled = findActiveContent(html);
  if (compiled.length) {
    throw new AppError(
      'validation',
      `De MJML-layout klopt niet: na het omzetten bevat hij script (${compiled[0]?.message}).`,
      { mjml: 'De layout bevat script.' },
    );
  }
  const misplaced = checkSlotPlacement(mjml, HTML_SLOTS);
  if (misplaced.length) refuse(misplaced);
  const slots = findSlots(mjml);
  const warnings: string[] = [];
  const unknown = slots.filter((s) => !KNOWN_SLOTS.includes(s));
  if (unknown.length)
    warnings.push(`Onbekende slots blijven leeg: ${unknown.map((s) => `{{${s}}}`).join(', ')}.`);
  if (!slots.includes('content')) {
    warnings.push(
      'Deze layout heeft geen {{content}}-slot; een campagne kan hem pas gebruiken als dat er is.',
    );
  }
  if (!slots.includes('footer') && !slots.includes('unsubscribe_url')) {
    warnings.push('Geen {{footer}}-slot: de standaardvoettekst met afmeldlink wordt onderaan toegevoegd.');
  }
  return { slots, warnings };
}

/** putLayout validates and stores a layout; nothing is written when it does not compile. */
export async function putLayout(deps: LayoutDeps, name: string, mjml: string, now: Date) {
  const { warnings } = await validateLayout(deps.runtime.mjml, mjml);
  await deps.db.batch([upsertLayoutStatement(name, mjml, now.toISOString())]);
  const { mjml: _m, ...layout } = await getLayout(deps, name);
  return { ...layout, warnings };
}

/** removeLayout deletes an upload; for an override the built-in shows again. A built-in itself cannot be deleted. */
export async function removeLayout(deps: LayoutDeps, name: string): Promise<{ restored: boolean }> {
  const builtin = (await builtinLayouts(deps.runtime.assets)).has(name);
  if (!builtin) {
    const users = await campaignsUsingLayout(deps.db, name);
    if (users.length) {
      throw new AppError(
        'conflict',
        `Layout "${name}" wordt nog gebruikt door ${users.map((c) => `campagne ${c.id} (${c.subject})`).join(', ')}. Kies daar eerst een andere layout.`,
      );
    }
  }
  const deleted = await deleteLayoutOverride(deps.db, name);
  if (!deleted) {
    if (builtin)
      throw new AppError('conflict', `Layout "${name}" is ingebouwd en kan niet worden verwijderd.`);
    notFound(`Layout "${name}"`);
  }
  return { restored: builtin };
}

/** assertLayoutUsable checks a campaign's layout exists, is free of script, and has a {{content}} slot in <mj-body>. */
export async function assertLayoutUsable(deps: LayoutDeps, name: string): Promise<void> {
  const layout = await findLayout(deps, name);
  if (!layout) {
    throw new AppError('validation', `Layout "${name}" bestaat niet.`, {
      layout: `Onbekende layout "${name}".`,
    });
  }
  if (!layout.slots.includes('content')) {
    throw new AppError('validation', `Layout "${name}" heeft geen {{content}}-slot.`, {
      layout: 'Deze layout heeft geen {{content}}-slot.',
    });
  }
  assertStoredLayoutSound(layout);
}

/**
 * assertStoredLayoutSound applies today's upload rules to a stored layout, which may have been
 * uploaded before they existed: a layout with script or a misplaced slot is never rendered.
 */
export function assertStoredLayoutSound(layout: Layout): void {
  try {
    assertLayoutSafe(layout.mjml);
    const misplaced = checkSlotPlacement(layout.mjml, HTML_SLOTS);
    if (misplaced.length) refuse(misplaced);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const message = `Layout "${layout.name}" voldoet niet aan de regels voor layouts: ${err.message} Upload hem opnieuw (PUT /api/layouts/${layout.name}) of kies een andere layout.`;
    throw new AppError('validation', message, { layout: message });
  }
}
