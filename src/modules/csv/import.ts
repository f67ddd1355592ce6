// The CSV import of a list: the CoCo vouches for the people in the file, so new
// subscriptions are confirmed at once, but nobody who unsubscribed (or bounced,
// complained, was suppressed) is ever subscribed again. All writes go in one batch.
import type { Statement } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { isEmailAddress, normalizeEmail } from '../../kernel/email-address.js';
import {
  confirmOpenSubscription,
  type ExistingSubscriber,
  fillEmptySubscriberFields,
  findExistingSubscribers,
  type ImportConsent,
  insertSubscriber,
  logImportConsents,
  subscribeConfirmedByEmail,
} from '../subscribers/bulk-repo.js';
import { publicIdMaker } from '../subscribers/identity.js';
import {
  type Columns,
  type CsvEncoding,
  type CsvRow,
  foldKey,
  parseSubscriberCsv,
  type Separator,
} from './parse.js';
import { allStadsdorpen, type CsvList, findListBySlug } from './repo.js';

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
  /** Which column holds which field, when a volunteer chose instead of the header names. */
  columns?: Columns;
  /** onProgress hears how far a long import is: per chunk of addresses checked, then before the write. */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
}

/** ImportProgress is how far an import is: `done` of `total` addresses checked, or writing them all at once. */
export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
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

type ImportDeps = Pick<AppDeps, 'db' | 'now'>;

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

/** Tally is the running count of an import, which becomes its report. */
interface Tally {
  imported: number;
  updated: number;
  skipped: number;
  errors: ImportLineError[];
  /** Lines of errors the volunteer can fix in the file (an address, a stadsdorp), as opposed to people we will not subscribe again. */
  refused: Set<number>;
}

/**
 * ImportDetails is an import's report with what the steps in beheer show besides: which
 * skipped rows are refused (the volunteer can fix them in the file and upload them again),
 * and which columns of the file were read as which field.
 */
export interface ImportDetails {
  report: ImportReport;
  refused: ImportLineError[];
  /** Rows skipped with a reason that no change to the file takes away (an address that unsubscribed). */
  skippedWithReason: ImportLineError[];
  header: string[];
  columns: Columns;
}

/**
 * importSubscribers reads a CSV file into a list and answers what happened per row.
 * With dryRun it reports the same numbers and writes nothing.
 */
export async function importSubscribers(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  return (await importDetailed(deps, input)).report;
}

/** importDetailed is importSubscribers, answering also which rows are refused and how the columns were read. */
export async function importDetailed(deps: ImportDeps, input: ImportInput): Promise<ImportDetails> {
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
  const csv = parseSubscriberCsv(input.bytes, input.charset, input.columns);
  const tally: Tally = { imported: 0, updated: 0, skipped: 0, errors: [], refused: new Set() };
  const people = collectPeople(csv.rows, list, matchStadsdorp, defaultStadsdorpId, tally);
  const total = people.size;
  const existing = await findExistingSubscribers(deps.db, list.id, [...people.keys()], (done) =>
    input.onProgress?.({ phase: 'checking', done, total }),
  );
  const batch = planWrites(deps, input, list, people, existing, tally);
  if (!input.dryRun && batch.length > 0) {
    await input.onProgress?.({ phase: 'writing', done: total, total });
    await deps.db.batch(batch);
  }
  tally.errors.sort((a, b) => a.line - b.line);
  const { refused, ...counts } = tally;
  return {
    report: { ...counts, dryRun: Boolean(input.dryRun), encoding: csv.encoding, separator: csv.separator },
    refused: tally.errors.filter((e) => refused.has(e.line)),
    skippedWithReason: tally.errors.filter((e) => !refused.has(e.line)),
    header: csv.header,
    columns: csv.columns,
  };
}

/** skip counts a row as skipped; with a message it is listed, and `fixable` marks it refused (the file can fix it). */
function skip(tally: Tally, line: number, message?: string, fixable = false): void {
  tally.skipped++;
  if (message) tally.errors.push({ line, message });
  if (message && fixable) tally.refused.add(line);
}

/**
 * collectPeople checks each row and merges repeats of an address into one person:
 * the first row counts, later ones only fill in or correct name and stadsdorp.
 */
function collectPeople(
  rows: CsvRow[],
  list: CsvList,
  matchStadsdorp: (text: string) => number | undefined,
  defaultStadsdorpId: number | null,
  tally: Tally,
): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const row of rows) {
    if (!row.email) {
      skip(tally, row.line, 'Geen e-mailadres ingevuld.', true);
      continue;
    }
    // What EmailAddress checks, without zod's per-call cost on 100,000 rows.
    const email = normalizeEmail(row.email);
    if (!isEmailAddress(email)) {
      skip(tally, row.line, `"${row.email}" is geen geldig e-mailadres.`, true);
      continue;
    }
    let stadsdorpId: number | null = null;
    if (row.stadsdorp) {
      const id = matchStadsdorp(row.stadsdorp);
      if (id !== undefined) stadsdorpId = id;
      else if (list.requiresStadsdorp) {
        skip(
          tally,
          row.line,
          `Stadsdorp "${row.stadsdorp}" bestaat niet. Gebruik de naam van een bestaand stadsdorp.`,
          true,
        );
        continue;
      }
    }
    const name = row.name && row.name.length > 200 ? row.name.slice(0, 200) : row.name;
    const seen = people.get(email);
    if (seen) {
      if (name) seen.name = name;
      if (stadsdorpId !== null) seen.stadsdorpId = stadsdorpId;
      skip(tally, row.line);
      continue;
    }
    people.set(email, { line: row.line, email, name, stadsdorpId: stadsdorpId ?? defaultStadsdorpId });
  }
  return people;
}

/**
 * planWrites decides per person what the import does and returns the one batch that
 * does it: new subscribers first, since the subscription and consent writes after
 * them find people by email.
 */
function planWrites(
  deps: ImportDeps,
  input: ImportInput,
  list: CsvList,
  people: Map<string, Person>,
  existing: Map<string, ExistingSubscriber>,
  tally: Tally,
): Statement[] {
  const at = deps.now().toISOString();
  const by = input.actor ? `; door ${input.actor}` : '';
  const source = importSource(input.fileName);
  const consents: ImportConsent[] = [];
  const consent = (p: Person, note = '') => {
    consents.push([p.email, `regel ${p.line}${note}${by}`]);
  };
  const newPublicId = publicIdMaker(people.size - existing.size);
  const added: Statement[] = [];
  const updates: Statement[] = [];
  const subscribe: string[] = [];

  for (const p of people.values()) {
    const known = existing.get(p.email);
    if (list.requiresStadsdorp && p.stadsdorpId === null && !known?.stadsdorpId) {
      skip(
        tally,
        p.line,
        `Geen stadsdorp voor ${p.email}: de lijst ${list.name} is alleen voor bestuursleden van een stadsdorp. Vul de kolom Stadsdorp in.`,
        true,
      );
      continue;
    }
    if (!known) {
      added.push(
        insertSubscriber(
          { publicId: newPublicId(), email: p.email, name: p.name, stadsdorpId: p.stadsdorpId },
          at,
        ),
      );
      subscribe.push(p.email);
      consent(p);
      tally.imported++;
      continue;
    }
    const refusal = refusalOf(known);
    if (refusal) {
      skip(tally, p.line, `Overgeslagen: ${p.email} ${refusal}; wij melden niemand opnieuw aan.`);
      continue;
    }
    const outcome = applyToKnown(known, p, list.id, at, updates);
    if (outcome === 'subscribed') {
      subscribe.push(p.email);
      consent(p);
      tally.imported++;
    } else if (outcome === 'confirmed') {
      consent(p, `; was ${known.status}`);
      tally.updated++;
    } else if (outcome === 'filled') tally.updated++;
    else skip(tally, p.line);
  }
  const out = added;
  for (const part of [
    updates,
    subscribeConfirmedByEmail(subscribe, list.id, at),
    logImportConsents(consents, list.id, source, at),
  ]) {
    for (const st of part) out.push(st);
  }
  return out;
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
