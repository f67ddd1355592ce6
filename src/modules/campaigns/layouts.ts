import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from '../../db/port.js';
import { AppError, notFound } from '../../errors.js';
import { compileMjml, findSlots, MjmlCompileError } from '../../mail/mjml.js';
import {
  campaignsUsingLayout,
  deleteLayoutOverride,
  findLayoutOverride,
  listLayoutOverrides,
  upsertLayoutStatement,
} from './repo.js';

/** LAYOUTS_DIR holds the built-in MJML layouts shipped with the project. */
export const LAYOUTS_DIR = new URL('../../../templates/mail/', import.meta.url);

/** Layout is an MJML layout as the campaign renderer uses it. */
export interface Layout {
  name: string;
  mjml: string;
  slots: string[];
  /** builtin: shipped in templates/mail; custom: uploaded; override: uploaded over a built-in. */
  origin: 'builtin' | 'custom' | 'override';
  updatedAt: string | null;
}

let builtinCache: Map<string, string> | undefined;

/** builtinLayouts reads templates/mail/*.mjml once. */
export function builtinLayouts(): Map<string, string> {
  if (!builtinCache) {
    builtinCache = new Map(
      readdirSync(LAYOUTS_DIR)
        .filter((f) => f.endsWith('.mjml'))
        .sort()
        .map((f) => [f.replace(/\.mjml$/, ''), readFileSync(new URL(f, LAYOUTS_DIR), 'utf8')]),
    );
  }
  return builtinCache;
}

/** findLayout resolves a layout name: an upload wins over a built-in of the same name. */
export async function findLayout(db: Db, name: string): Promise<Layout | undefined> {
  const custom = await findLayoutOverride(db, name);
  const builtin = builtinLayouts().get(name);
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

/** getLayout resolves a layout or throws not_found. */
export async function getLayout(db: Db, name: string): Promise<Layout> {
  return (await findLayout(db, name)) ?? notFound(`Layout "${name}"`);
}

/** listLayouts lists built-in and uploaded layouts (without their MJML). */
export async function listLayouts(db: Db): Promise<Omit<Layout, 'mjml'>[]> {
  const names = new Set([...builtinLayouts().keys(), ...(await listLayoutOverrides(db)).map((l) => l.name)]);
  const out: Omit<Layout, 'mjml'>[] = [];
  for (const name of [...names].sort()) {
    const { mjml: _mjml, ...rest } = await getLayout(db, name);
    out.push(rest);
  }
  return out;
}

const SAMPLE_FILL: Record<string, string> = {
  content: '<h2>Voorbeeld</h2><p>Tekst met <a href="https://stadsdorpen.nl">een link</a>.</p>',
  footer: '<p>U ontvangt deze mail omdat ...</p>',
};

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

/**
 * validateLayout checks an uploaded layout strictly, twice: as written, and with sample
 * content in its slots (a slot placed where HTML may not go fails here, not at send time).
 */
export async function validateLayout(mjml: string): Promise<{ slots: string[]; warnings: string[] }> {
  try {
    await compileMjml(mjml, { strict: true });
    const filled = mjml.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_m, s: string) => SAMPLE_FILL[s] ?? 'x');
    await compileMjml(filled, { strict: true });
  } catch (err) {
    if (err instanceof MjmlCompileError) {
      const fields = Object.fromEntries(
        err.issues.map((i, n) => [`mjml.${n}`, `regel ${i.line}: ${i.message}`]),
      );
      throw new AppError('validation', `De MJML-layout klopt niet: ${err.message}`, fields);
    }
    throw err;
  }
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

/** MAX_LAYOUT_BYTES keeps an upload to a reasonable size. */
export const MAX_LAYOUT_BYTES = 200_000;

/** putLayout validates and stores a layout; nothing is written when it does not compile. */
export async function putLayout(db: Db, name: string, mjml: string, now: Date) {
  if (Buffer.byteLength(mjml) > MAX_LAYOUT_BYTES) {
    throw new AppError('payload_too_large', `Een layout mag hoogstens ${MAX_LAYOUT_BYTES / 1000} kB zijn.`);
  }
  const { warnings } = await validateLayout(mjml);
  await db.batch([upsertLayoutStatement(name, mjml, now.toISOString())]);
  const { mjml: _m, ...layout } = await getLayout(db, name);
  return { ...layout, warnings };
}

/** removeLayout deletes an upload; for an override the built-in shows again. A built-in itself cannot be deleted. */
export async function removeLayout(db: Db, name: string): Promise<{ restored: boolean }> {
  const builtin = builtinLayouts().has(name);
  if (!builtin) {
    const users = await campaignsUsingLayout(db, name);
    if (users.length) {
      throw new AppError(
        'conflict',
        `Layout "${name}" wordt nog gebruikt door ${users.map((c) => `campagne ${c.id} (${c.subject})`).join(', ')}. Kies daar eerst een andere layout.`,
      );
    }
  }
  const deleted = await deleteLayoutOverride(db, name);
  if (!deleted) {
    if (builtin)
      throw new AppError('conflict', `Layout "${name}" is ingebouwd en kan niet worden verwijderd.`);
    notFound(`Layout "${name}"`);
  }
  return { restored: builtin };
}

/** assertLayoutUsable checks a campaign's layout exists and has a {{content}} slot. */
export async function assertLayoutUsable(db: Db, name: string): Promise<void> {
  const layout = await findLayout(db, name);
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
}
