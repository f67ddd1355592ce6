// The CSV import of a list: the CoCo vouches for the people in the file, so new
// subscriptions are confirmed at once, but nobody who unsubscribed (or bounced,
// complained, was suppressed) is ever subscribed again. All writes go in one batch.
import { randomBytes } from 'node:crypto';
import type { Statement } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { type CsvEncoding, foldKey, parseSubscriberCsv, type Separator } from './csv.js';
import {
  allStadsdorpen,
  type CsvList,
  confirmOpenSubscription,
  type ExistingSubscriber,
  fillEmptySubscriberFields,
  findExistingSubscribers,
  findListBySlug,
  type ImportConsent,
  insertSubscriber,
  logImportConsent,
  type NewSubscriber,
  subscribeConfirmedByEmail,
} from './csv-repo.js';
import { EmailAddress, hashEmail } from './email.js';

/** ImportInput is one import request: the file, the list and how to treat it. */
export interface ImportInput {
  listSlug: string;
  bytes: Uint8Array;
  /** The uploaded file's name; it becomes the consent source `import:<name>`. */
  fileName?: string | null;
  /** The charset the upload declared; only used when the bytes are not UTF-8. */
  charset?: string;
  dryRun?: boolean;
  /** Slug of the stadsdorp for rows that name none. */
  defaultStadsdorp?: string;
  /** Who imports (the token's name), kept in the consent log's detail. */
  actor?: string;
}

/** ImportLineError is a row that needs the volunteer's attention; line is the row number as Excel shows it. */
export interface ImportLineError {
  line: number;
  message: string;
}

/**
 * ImportReport counts every data row exactly once: imported (a new subscription),
 * updated (an existing one confirmed or its empty name/stadsdorp filled in) or skipped
 * (invalid, a repeat within the file, unsubscribed/suppressed, or nothing to change).
 */
export interface ImportReport {
  imported: number;
  updated: number;
  skipped: number;
  errors: ImportLineError[];
  dryRun: boolean;
  encoding: CsvEncoding;
  separator: Separator;
}

type ImportDeps = Pick<AppDeps, 'db' | 'now'> & { config: { secretKey: string } };

/** Person is one address of the file after merging its repeats. */
interface Person {
  line: number;
  email: string;
  name: string | null;
  stadsdorpId: number | null;
}

const STATUS_TEXT: Record<string, string> = {
  unsubscribed: 'heeft zich afgemeld voor deze lijst',
  bounced: 'is eerder onbestelbaar gebleken (bounce)',
  complained: 'heeft een klacht (spam) gemeld',
};

/** importSource is the consent log source of an import: `import:<file name>`, or `import:api` without one. */
export function importSource(fileName: string | null | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip.
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120);
  return `import:${clean || 'api'}`;
}

/**
 * publicIds makes n random public ids in newPublicId's format (16 random bytes,
 * base64url) from one draw: per-call randomBytes dominated a 100,000-row import.
 */
function publicIds(n: number): () => string {
  const pool = randomBytes(16 * n);
  let next = 0;
  return () => pool.subarray(next * 16, ++next * 16).toString('base64url');
}

async function stadsdorpMatcher(deps: ImportDeps) {
  const byKey = new Map<string, number>();
  for (const s of await allStadsdorpen(deps.db)) {
    byKey.set(foldKey(s.name), s.id);
    byKey.set(foldKey(s.slug), s.id);
  }
  return (text: string): number | undefined => byKey.get(foldKey(text));
}

async function resolveList(deps: ImportDeps, slug: string): Promise<CsvList> {
  const list = await findListBySlug(deps.db, slug);
  if (!list) {
    throw new AppError(
      'validation',
      `De lijst "${slug}" bestaat niet. Kies een bestaande lijst, zoals besturen.`,
      {
        list: 'Onbekende lijst.',
      },
    );
  }
  return list;
}

/**
 * importSubscribers reads a CSV file into a list and answers what happened per row.
 * With dryRun it reports the same numbers and writes nothing.
 */
export async function importSubscribers(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const list = await resolveList(deps, input.listSlug);
  const matchStadsdorp = await stadsdorpMatcher(deps);
  let defaultStadsdorpId: number | null = null;
  if (input.defaultStadsdorp) {
    const id = matchStadsdorp(input.defaultStadsdorp);
    if (id === undefined) {
      throw new AppError('validation', `Het stadsdorp "${input.defaultStadsdorp}" bestaat niet.`, {
        stadsdorp: 'Onbekend stadsdorp.',
      });
    }
    defaultStadsdorpId = id;
  }
  const csv = parseSubscriberCsv(input.bytes, input.charset);

  const errors: ImportLineError[] = [];
  let skipped = 0;
  const people = new Map<string, Person>();
  for (const row of csv.rows) {
    if (!row.email) {
      errors.push({ line: row.line, message: 'Geen e-mailadres ingevuld.' });
      skipped++;
      continue;
    }
    const parsed = EmailAddress.safeParse(row.email);
    if (!parsed.success) {
      errors.push({ line: row.line, message: `"${row.email}" is geen geldig e-mailadres.` });
      skipped++;
      continue;
    }
    const email = parsed.data;
    let stadsdorpId: number | null = null;
    if (row.stadsdorp) {
      const id = matchStadsdorp(row.stadsdorp);
      if (id !== undefined) stadsdorpId = id;
      else if (list.requiresStadsdorp) {
        errors.push({
          line: row.line,
          message: `Stadsdorp "${row.stadsdorp}" bestaat niet. Gebruik de naam van een bestaand stadsdorp.`,
        });
        skipped++;
        continue;
      }
    }
    const name = row.name && row.name.length > 200 ? row.name.slice(0, 200) : row.name;
    const seen = people.get(email);
    if (seen) {
      // A repeat counts once; a later row fills in or corrects name and stadsdorp.
      if (name) seen.name = name;
      if (stadsdorpId !== null) seen.stadsdorpId = stadsdorpId;
      skipped++;
      continue;
    }
    people.set(email, { line: row.line, email, name, stadsdorpId: stadsdorpId ?? defaultStadsdorpId });
  }

  const existing = await findExistingSubscribers(deps.db, list.id, [...people.keys()]);
  const at = deps.now().toISOString();
  const source = importSource(input.fileName);
  const by = input.actor ? `; door ${input.actor}` : '';
  const secretKey = deps.config.secretKey;
  const statements: Statement[] = [];
  const added: NewSubscriber[] = [];
  const subscribe: string[] = [];
  const consents: ImportConsent[] = [];
  let imported = 0;
  let updated = 0;
  const newPublicId = publicIds(people.size - existing.size);

  for (const p of people.values()) {
    const known = existing.get(p.email);
    if (list.requiresStadsdorp && p.stadsdorpId === null && !known?.stadsdorpId) {
      errors.push({
        line: p.line,
        message: `Geen stadsdorp voor ${p.email}: de lijst ${list.name} is alleen voor bestuursleden van een stadsdorp. Vul de kolom Stadsdorp in.`,
      });
      skipped++;
      continue;
    }
    if (!known) {
      added.push({ publicId: newPublicId(), email: p.email, name: p.name, stadsdorpId: p.stadsdorpId });
      subscribe.push(p.email);
      consents.push({
        email: p.email,
        emailHash: hashEmail(secretKey, p.email),
        detail: `regel ${p.line}${by}`,
      });
      imported++;
      continue;
    }
    const refusal = refusalOf(known);
    if (refusal) {
      errors.push({
        line: p.line,
        message: `Overgeslagen: ${p.email} ${refusal}; wij melden niemand opnieuw aan.`,
      });
      skipped++;
      continue;
    }
    const outcome = applyToKnown(known, p, list.id, at, statements);
    if (outcome === 'subscribed') subscribe.push(p.email);
    if (outcome === 'subscribed' || outcome === 'confirmed') {
      const was = outcome === 'confirmed' ? `; was ${known.status}` : '';
      consents.push({
        email: p.email,
        emailHash: hashEmail(secretKey, p.email),
        detail: `regel ${p.line}${was}${by}`,
      });
    }
    if (outcome === 'subscribed') imported++;
    else if (outcome === 'unchanged') skipped++;
    else updated++;
  }
  // New subscribers first: the subscription and consent writes after them find people by email.
  const batch = [
    ...added.map((p) => insertSubscriber(p, at)),
    ...statements,
    ...subscribeConfirmedByEmail(subscribe, list.id, at),
    ...consents.map((c) => logImportConsent(c, list.id, source, at)),
  ];

  if (!input.dryRun && batch.length > 0) await deps.db.batch(batch);
  errors.sort((a, b) => a.line - b.line);
  return {
    imported,
    updated,
    skipped,
    errors,
    dryRun: Boolean(input.dryRun),
    encoding: csv.encoding,
    separator: csv.separator,
  };
}

function refusalOf(known: ExistingSubscriber): string | null {
  if (known.suppressed) return 'is uitgesloten na een bounce of klacht';
  if (known.status && STATUS_TEXT[known.status]) return STATUS_TEXT[known.status]!;
  return null;
}

/**
 * applyToKnown adds the writes for an address we already hold: confirmation when its
 * subscription is still open and empty fields filled in; 'subscribed' tells the caller
 * to add a subscription, since it has none on this list.
 */
function applyToKnown(
  known: ExistingSubscriber,
  p: Person,
  listId: number,
  at: string,
  statements: Statement[],
): 'subscribed' | 'confirmed' | 'filled' | 'unchanged' {
  const fillName = !known.name && p.name ? p.name : null;
  const fillStadsdorp = known.stadsdorpId === null && p.stadsdorpId !== null ? p.stadsdorpId : null;
  if (fillName !== null || fillStadsdorp !== null) {
    statements.push(fillEmptySubscriberFields(known.id, fillName, fillStadsdorp, at));
  }
  if (known.status === null) return 'subscribed';
  if (known.status === 'unconfirmed' || known.status === 'pending_approval') {
    statements.push(confirmOpenSubscription(known.id, listId, at));
    return 'confirmed';
  }
  return fillName !== null || fillStadsdorp !== null ? 'filled' : 'unchanged';
}
