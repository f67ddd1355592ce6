// Turning the bytes of a subscriber file into rows: the encodings, separators and
// header names volunteers really have (Excel NL exports, Google Sheets, old address books).
// No database here; the import service decides what each row means.
import * as nodeBuffer from 'node:buffer';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../errors.js';

/** MAX_IMPORT_BYTES is the largest file the import accepts: far above any real list, small enough to hold in memory. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Separator is a field separator the import recognises. */
export type Separator = ';' | ',' | '\t';

/** CsvEncoding names how the bytes were decoded, reported back so a volunteer can see what was assumed. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | string;

/** CsvRow is one non-blank data row with the cells the import uses; line is the row number as Excel shows it. */
export interface CsvRow {
  line: number;
  email: string;
  name: string | null;
  stadsdorp: string | null;
}

/** CsvTable is a file split into records, before any meaning is given to its columns. */
export interface CsvTable {
  encoding: CsvEncoding;
  separator: Separator;
  /** Every record, blank ones included: records[i] is Excel's row i + 1. */
  records: string[][];
  /** The index in records of the header row (the first one that is not blank). */
  headerIndex: number;
  header: string[];
}

/** ParsedCsv is a whole file: how it was read, which column became which field, and its data rows. */
export interface ParsedCsv {
  encoding: CsvEncoding;
  separator: Separator;
  header: string[];
  columns: Columns;
  rows: CsvRow[];
}

/** Field is what a column can mean to the import. */
export type Field = 'email' | 'name' | 'firstName' | 'infix' | 'lastName' | 'stadsdorp';

/** FIELDS lists every Field in the order a form offers them. */
export const FIELDS: readonly Field[] = ['email', 'name', 'firstName', 'infix', 'lastName', 'stadsdorp'];

/**
 * ERROR_COLUMN is the last column of the refused-rows file (uploads.ts): the reason a row
 * was refused. A file that comes back with it is imported as if the column were not there.
 */
export const ERROR_COLUMN = 'Fout';

/** isErrorColumn tells the refused-rows file's reason column from the columns the import reads. */
export function isErrorColumn(header: string | undefined): boolean {
  return foldKey(cleanCell(header)) === foldKey(ERROR_COLUMN);
}

// Keys are header names lower-cased, without accents, spaces, dashes or other punctuation.
const HEADER_FIELDS: Record<string, Field> = {
  emailadres: 'email',
  email: 'email',
  mail: 'email',
  mailadres: 'email',
  emailaddress: 'email',
  naam: 'name',
  name: 'name',
  volledigenaam: 'name',
  fullname: 'name',
  voornaam: 'firstName',
  firstname: 'firstName',
  givenname: 'firstName',
  tussenvoegsel: 'infix',
  tussenvoegsels: 'infix',
  middlename: 'infix',
  achternaam: 'lastName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  stadsdorp: 'stadsdorp',
};

/** ACCEPTED_EMAIL_HEADERS lists, for error messages and docs, the header names that mark the email column. */
export const ACCEPTED_EMAIL_HEADERS = ['E-mailadres', 'E-mail', 'Email', 'Emailadres', 'Mail'];

/** foldKey lower-cases, strips accents and keeps only letters and digits, so "E-mail adres" and "e-mailadres" compare equal. */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * decodeCsv turns file bytes into text. A BOM decides; otherwise valid UTF-8 is UTF-8,
 * and anything else is what Excel NL writes: Windows-1252 (or the declared charset, if
 * the upload named one iconv knows). ISO-8859-1 files decode correctly as Windows-1252.
 */
export function decodeCsv(
  bytes: Uint8Array,
  declaredCharset?: string,
): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8OrCp1252(bytes.subarray(3)).text, encoding: 'utf-8' };
  }
  // Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  const declared = declaredCharset?.trim().toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && declared !== 'us-ascii' && iconv.encodingExists(declared)) {
    if (!isUtf8(bytes)) return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  return decodeUtf8OrCp1252(bytes);
}

function isUtf8(bytes: Uint8Array): boolean {
  // Node's native check is many times faster than a fatal TextDecoder on a large file.
  if (typeof nodeBuffer.isUtf8 === 'function') return nodeBuffer.isUtf8(bytes);
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeUtf8OrCp1252(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (isUtf8(bytes)) {
    // Buffer's UTF-8 decoder is several times faster than TextDecoder on a large file.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text, encoding: 'utf-8' };
  }
  return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
}

/** detectSeparator picks `;`, `,` or tab by which occurs most outside quotes in the header line. */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
    if (ch.trim()) seen = true;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/**
 * parseRecords splits text into records. Blank lines are kept as records so that a
 * record's index + 1 is the row number Excel shows (a quoted line break stays one row).
 * A stray quote inside an unquoted field is kept as text; a quoted field that is never
 * closed would swallow the rest of the file, so it refuses the file, naming the row.
 */
export function parseRecords(text: string, separator: Separator): string[][] {
  const parsed = Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: false });
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const line = unclosed.row === undefined ? '' : ` (regel ${unclosed.row + 1})`;
    throw new AppError(
      'validation',
      `Het bestand kon niet als CSV worden gelezen${line}: een aanhalingsteken (") wordt niet gesloten. Controleer de aanhalingstekens in die regel.`,
      { file: 'Geen geldig CSV-bestand.' },
    );
  }
  return parsed.data;
}

// OWASP's guard against formula injection prefixes such cells with a quote on export; undo it on import.
const GUARDED = /^'[=+\-@\t\r]/;
const MESSY = /^\s|\s$|\s\s|[^\S ]/;

/** cleanCell trims a cell, folds runs of whitespace, and removes the export's formula guard. */
export function cleanCell(raw: string | undefined): string {
  if (!raw) return '';
  // Most cells are clean already; skipping the copy matters on a 100,000-row file.
  const s = MESSY.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
  return s.charCodeAt(0) === 39 && GUARDED.test(s) ? s.slice(1) : s;
}

/** Columns says which column (by index) holds each field the import reads. */
export type Columns = Partial<Record<Field, number>>;

/** mapHeaders finds the columns the import uses; the first column with a given meaning wins. */
export function mapHeaders(header: string[]): Columns {
  const cols: Columns = {};
  const keys = header.map((h) => foldKey(cleanCell(h)));
  keys.forEach((key, i) => {
    if (isErrorColumn(header[i])) return;
    const field = HEADER_FIELDS[key];
    if (field && cols[field] === undefined) cols[field] = i;
  });
  // Address-book exports number their address columns: "E-mail 1 - Value" (Google), "Emailadres 2".
  if (cols.email === undefined) {
    const i = keys.findIndex((k) => NUMBERED_EMAIL.test(k));
    if (i >= 0) cols.email = i;
  }
  return cols;
}

const NUMBERED_EMAIL = /^e?mail(adres|address)?\d+(value)?$/;

function noEmailColumn(header: string[]): never {
  const looksLikeData = header.some((h) => h.includes('@'));
  const accepted = ACCEPTED_EMAIL_HEADERS.map((h) => `"${h}"`).join(', ');
  throw new AppError(
    'validation',
    looksLikeData
      ? `De eerste regel moet de kolomnamen bevatten, niet al een adres. Zet er een regel boven met bijvoorbeeld E-mailadres;Naam;Stadsdorp (geaccepteerd voor het e-mailadres: ${accepted}).`
      : `Geen kolom met e-mailadressen gevonden. Geef die kolom in de eerste regel een van deze namen: ${accepted}. Gevonden: ${header.map((h) => `"${cleanCell(h)}"`).join(', ') || '(niets)'}.`,
    { file: `Kolom met e-mailadressen ontbreekt; geaccepteerd: ${accepted}.` },
  );
}

/**
 * readCsvTable decodes a file and splits it into records, finding its separator and header
 * row. An empty file, or a quote that is never closed, is a validation error that says what to fix.
 */
export function readCsvTable(bytes: Uint8Array, declaredCharset?: string): CsvTable {
  const { text, encoding } = decodeCsv(bytes, declaredCharset);
  if (!text.trim()) {
    throw new AppError(
      'validation',
      'Het bestand is leeg. Stuur een CSV-bestand met een kopregel (E-mailadres;Naam;Stadsdorp) en daaronder één regel per persoon.',
      { file: 'Het bestand is leeg.' },
    );
  }
  const separator = detectSeparator(text);
  const records = parseRecords(text, separator);
  const headerIndex = records.findIndex((r) => r.some((cell) => cell.trim() !== ''));
  return { encoding, separator, records, headerIndex, header: records[headerIndex] ?? [] };
}

/**
 * checkColumns refuses a choice of columns the import cannot follow: a column that is not in
 * the file, the refused-rows file's Fout column, or one column chosen for two fields.
 */
export function checkColumns(header: string[], chosen: Columns): void {
  const seen = new Map<number, Field>();
  for (const field of FIELDS) {
    const i = chosen[field];
    if (i === undefined) continue;
    if (!Number.isInteger(i) || i < 0 || i >= header.length || isErrorColumn(header[i])) {
      throw new AppError(
        'validation',
        `Kolom ${i + 1} kan niet worden gebruikt. Kies een kolom uit het bestand.`,
        {
          [`kolom.${i}`]: 'Deze kolom kan niet worden gebruikt.',
        },
      );
    }
    if (seen.has(i)) {
      throw new AppError(
        'validation',
        `Kolom "${cleanCell(header[i])}" is voor twee velden gekozen. Kies voor elk veld een andere kolom.`,
        { [`kolom.${i}`]: 'Kies voor deze kolom één veld.' },
      );
    }
    seen.set(i, field);
  }
}

/**
 * parseSubscriberCsv reads a subscriber file: decoding, separator, header names
 * (Dutch or English, any case or accents), and the cells of every non-blank row.
 * chosen, when given, says which column holds which field instead of the header names.
 * An empty file or one without an email column is a validation error that says what to fix.
 */
export function parseSubscriberCsv(bytes: Uint8Array, declaredCharset?: string, chosen?: Columns): ParsedCsv {
  const { encoding, separator, records, headerIndex, header } = readCsvTable(bytes, declaredCharset);
  if (chosen) checkColumns(header, chosen);
  const cols = chosen ?? mapHeaders(header);
  const emailCol = cols.email;
  if (emailCol === undefined) noEmailColumn(header);
  const { name, firstName, infix, lastName, stadsdorp } = cols;
  const hasParts = firstName !== undefined || infix !== undefined || lastName !== undefined;

  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const r = records[i]!;
    if (r.length === 1 && r[0]!.trim() === '') continue;
    const email = cleanCell(r[emailCol]);
    let fullName = name === undefined ? '' : cleanCell(r[name]);
    if (!fullName && hasParts) {
      fullName = [firstName, infix, lastName]
        .map((c) => (c === undefined ? '' : cleanCell(r[c])))
        .filter(Boolean)
        .join(' ');
    }
    const dorp = stadsdorp === undefined ? '' : cleanCell(r[stadsdorp]);
    if (!email && !fullName && !dorp && r.every((c) => c.trim() === '')) continue;
    rows.push({ line: i + 1, email, name: fullName || null, stadsdorp: dorp || null });
  }
  return { encoding, separator, header, columns: cols, rows };
}
