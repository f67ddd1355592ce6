// The import in steps, as beheer offers it: a file is uploaded and waits in the database
// (an hour at most, for the account that uploaded it only), is checked with a dry run as
// often as the volunteer changes the list or the columns, and is imported only at the last
// step, in the background, reporting its progress. The refused rows go back as a file for
// Dutch Excel with a column Fout, which the import ignores when that file comes back.
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { sortableId } from '../../ids.js';
import type { Account, Actor } from '../accounts/schema.js';
import { actorOf, logActivity } from '../accounts/service.js';
import { csvLine } from './export.js';
import {
  type ImportDetails,
  type ImportLineError,
  type ImportProgress,
  type ImportReport,
  importDetailed,
} from './import.js';
import {
  type Columns,
  type CsvEncoding,
  checkColumns,
  ERROR_COLUMN,
  FIELDS,
  type Field,
  isErrorColumn,
  MAX_IMPORT_BYTES,
  mapHeaders,
  readCsvTable,
  type Separator,
} from './parse.js';
import { findListBySlug } from './repo.js';
import type { UploadRecord } from './upload-repo.js';
import * as repo from './upload-repo.js';

/** UPLOAD_LIFETIME_MS: an uploaded file waits an hour for its import, then it is forgotten. */
export const UPLOAD_LIFETIME_MS = 3_600_000;

/** A running import that has not moved for this long was cut off (the service restarted). */
const STALLED_AFTER_MS = 5 * 60_000;

// What logActivity needs (whatever the accounts module asks), besides the database, clock and log.
type Deps = Parameters<typeof logActivity>[0] & Pick<AppDeps, 'db' | 'now' | 'log'>;

/** ImportOutcome is what the last step left: the report and its rows, or why it failed. */
export type ImportOutcome =
  | { ok: true; report: ImportReport; refused: ImportLineError[]; skippedWithReason: ImportLineError[] }
  | { ok: false; message: string };

/** Upload is a file waiting between the import's steps. */
export type Upload = Omit<UploadRecord, 'columns' | 'progress' | 'result' | 'createdAt' | 'updatedAt'> & {
  /** The columns the volunteer chose; null: by the header names. */
  columns: Columns | null;
  progress: ImportProgress | null;
  outcome: ImportOutcome | null;
};

/** UploadPreview is the check of step 2: how the file was read and what the import would do. */
export interface UploadPreview {
  encoding: CsvEncoding;
  separator: Separator;
  header: string[];
  /** The field each column is read as, by column index; null: not used. The Fout column is never used. */
  fieldOf: (Field | null)[];
  /** The dry run; null when no column holds the e-mail addresses yet. */
  details: ImportDetails | null;
}

const iso = (d: Date) => d.toISOString();

/**
 * nextTurn lets the event loop run. On Node the database answers synchronously, so an import
 * that never waited for a timer would hold up every other request, its own progress page too,
 * until it is done.
 */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function uploadGone(): never {
  throw new AppError(
    'not_found',
    'Dit bestand is er niet (meer). Een geüpload bestand wordt een uur bewaard; upload het opnieuw.',
  );
}

async function listOrRefuse(deps: Deps, slug: string) {
  const list = await findListBySlug(deps.db, slug);
  if (!list)
    throw new AppError('validation', 'Kies een lijst uit de lijst.', {
      list: 'Kies een lijst uit de lijst.',
    });
  return list;
}

/**
 * storeUpload keeps a file for the account's import steps and returns its id. The file must
 * be readable as CSV (not empty, quotes closed) and the list must exist.
 */
export async function storeUpload(
  deps: Deps,
  account: Account,
  input: { bytes: Uint8Array; fileName: string; charset?: string; listSlug: string },
): Promise<string> {
  if (input.bytes.length === 0)
    throw new AppError('validation', 'Kies een CSV-bestand.', { file: 'Kies een CSV-bestand.' });
  if (input.bytes.length > MAX_IMPORT_BYTES) {
    const message = `Het bestand is te groot: maximaal ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Splits het in kleinere bestanden.`;
    throw new AppError('validation', message, { file: message });
  }
  await listOrRefuse(deps, input.listSlug);
  readCsvTable(input.bytes, input.charset);
  const now = deps.now();
  await pruneImportUploads(deps);
  const id = sortableId();
  await repo.insertUpload(deps.db, {
    id,
    accountId: account.id,
    fileName: input.fileName.split(/[\\/]/).pop()!.slice(0, 200) || 'import.csv',
    charset: input.charset ?? null,
    bytes: input.bytes,
    listSlug: input.listSlug,
    createdAt: iso(now),
    expiresAt: iso(new Date(now.getTime() + UPLOAD_LIFETIME_MS)),
  });
  return id;
}

/** uploadOf finds an upload of this account; another account's, an expired or an unknown one is not found. */
export async function uploadOf(deps: Deps, account: Account, id: string): Promise<Upload> {
  const r = await repo.findUpload(deps.db, { id, accountId: account.id, now: iso(deps.now()) });
  if (!r) uploadGone();
  let status = r.status;
  let outcome: ImportOutcome | null = r.result ? (JSON.parse(r.result) as ImportOutcome) : null;
  if (status === 'running' && deps.now().getTime() - Date.parse(r.updatedAt) > STALLED_AFTER_MS) {
    status = 'failed';
    outcome = {
      ok: false,
      message:
        'De import is onderbroken (de server is herstart). Er is alles of niets geschreven: bekijk de lijst, of upload het bestand opnieuw; wie er al in staat, wordt niet dubbel toegevoegd.',
    };
  }
  return {
    id: r.id,
    accountId: r.accountId,
    fileName: r.fileName,
    charset: r.charset,
    bytes: r.bytes,
    listSlug: r.listSlug,
    columns: r.columns ? (JSON.parse(r.columns) as Columns) : null,
    status,
    progress: r.progress ? (JSON.parse(r.progress) as ImportProgress) : null,
    outcome,
    expiresAt: r.expiresAt,
  };
}

/** columnsFrom turns "which field is each column" (by index) into Columns; an empty string is a column not used. */
export function columnsFrom(fieldOf: string[]): Columns {
  const columns: Columns = {};
  fieldOf.forEach((f, i) => {
    if (!f) return;
    if (!(FIELDS as readonly string[]).includes(f))
      throw new AppError('validation', 'Kies voor elke kolom een veld uit de lijst.', {
        [`kolom.${i}`]: 'Kies een veld uit de lijst.',
      });
    const field = f as Field;
    if (columns[field] !== undefined)
      throw new AppError(
        'validation',
        'Elk veld kan maar bij één kolom horen. Kies voor de andere kolom iets anders.',
        {
          [`kolom.${i}`]: 'Dit veld is al bij een andere kolom gekozen.',
        },
      );
    columns[field] = i;
  });
  return columns;
}

/** chooseForUpload changes the list and the columns of an upload that waits for its import. */
export async function chooseForUpload(
  deps: Deps,
  upload: Upload,
  choice: { listSlug: string; columns: Columns },
): Promise<void> {
  if (upload.status !== 'ready') throw new AppError('conflict', 'Dit bestand is al geïmporteerd.');
  await listOrRefuse(deps, choice.listSlug);
  checkColumns(readCsvTable(upload.bytes, upload.charset ?? undefined).header, choice.columns);
  await repo.updateChoices(deps.db, {
    id: upload.id,
    listSlug: choice.listSlug,
    columns: JSON.stringify(choice.columns),
    now: iso(deps.now()),
  });
}

/** previewUpload reads the file and runs the import as a dry run: nothing is written. */
export async function previewUpload(deps: Deps, upload: Upload): Promise<UploadPreview> {
  const table = readCsvTable(upload.bytes, upload.charset ?? undefined);
  const columns = upload.columns ?? mapHeaders(table.header);
  const fieldOf: (Field | null)[] = table.header.map(() => null);
  for (const f of FIELDS) {
    const i = columns[f];
    if (i !== undefined && i < fieldOf.length) fieldOf[i] = f;
  }
  const base = { encoding: table.encoding, separator: table.separator, header: table.header, fieldOf };
  if (columns.email === undefined) return { ...base, details: null };
  const details = await importDetailed(deps, {
    listSlug: upload.listSlug,
    bytes: upload.bytes,
    charset: upload.charset ?? undefined,
    fileName: upload.fileName,
    columns,
    dryRun: true,
  });
  return { ...base, details };
}

/**
 * refusedRowsCsv is the refused rows as a file Dutch Excel opens as it is (UTF-8 BOM, `;`,
 * CRLF): the upload's own columns, then Fout with the reason. A Fout column the upload
 * already had (it was such a file) is replaced, not repeated.
 */
export function refusedRowsCsv(
  upload: Upload,
  refused: ImportLineError[],
): { fileName: string; bytes: Uint8Array } {
  const table = readCsvTable(upload.bytes, upload.charset ?? undefined);
  const keep = table.header.map((_, i) => i).filter((i) => !isErrorColumn(table.header[i]));
  const rows = refused.map((e) => ({ cells: table.records[e.line - 1] ?? [], reason: e.message }));
  // Cells beyond the header (a row with a separator too many) get a column of their own.
  const widest = Math.max(table.header.length, ...rows.map((r) => r.cells.length));
  for (let i = table.header.length; i < widest; i++) keep.push(i);
  let text = csvLine([...keep.map((i) => table.header[i] ?? ''), ERROR_COLUMN]);
  for (const r of rows) text += csvLine([...keep.map((i) => r.cells[i] ?? ''), r.reason]);
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  const stem = upload.fileName.replace(/\.(csv|txt)$/i, '');
  return { fileName: `${stem}-fouten.csv`, bytes };
}

/**
 * startImport starts the last step once for an upload (null: a second press, it runs or ran
 * already); `done` resolves when the import is over. It notes its progress in the upload as
 * it goes, logs the import in the activity log and keeps the outcome for the result page.
 */
export async function startImport(
  deps: Deps,
  account: Account,
  upload: Upload,
): Promise<{ done: Promise<void> } | null> {
  if (!(await repo.claimUpload(deps.db, upload.id, iso(deps.now())))) return null;
  return { done: runImport(deps, actorOf(account), upload) };
}

async function runImport(deps: Deps, actor: Actor, upload: Upload): Promise<void> {
  const db = deps.db;
  try {
    await nextTurn();
    const details = await importDetailed(deps, {
      listSlug: upload.listSlug,
      bytes: upload.bytes,
      charset: upload.charset ?? undefined,
      fileName: upload.fileName,
      columns: upload.columns ?? undefined,
      actor: actor.name,
      onProgress: async (p) => {
        await repo.setProgress(db, upload.id, JSON.stringify(p), iso(deps.now()));
        await nextTurn();
      },
    });
    const { report } = details;
    const outcome: ImportOutcome = {
      ok: true,
      report,
      refused: details.refused,
      skippedWithReason: details.skippedWithReason,
    };
    await repo.finishUpload(db, {
      id: upload.id,
      status: 'done',
      result: JSON.stringify(outcome),
      now: iso(deps.now()),
    });
    await logActivity(
      deps,
      actor,
      'import',
      `${upload.fileName} in ${upload.listSlug}: ${report.imported} nieuw, ${report.updated} bijgewerkt, ${report.skipped} overgeslagen (waarvan ${details.refused.length} geweigerd)`,
    );
  } catch (err) {
    const message =
      err instanceof AppError
        ? err.message
        : 'De import is mislukt door een fout aan onze kant. Er is niets geschreven; probeer het opnieuw.';
    if (!(err instanceof AppError))
      deps.log.error('import failed', { upload: upload.id, error: String(err) });
    const outcome: ImportOutcome = { ok: false, message };
    await repo.finishUpload(db, {
      id: upload.id,
      status: 'failed',
      result: JSON.stringify(outcome),
      now: iso(deps.now()),
    });
  }
}

/** pruneImportUploads forgets every uploaded file past its hour. */
export async function pruneImportUploads(deps: Pick<AppDeps, 'db' | 'now'>): Promise<number> {
  return repo.deleteExpiredUploads(deps.db, iso(deps.now()));
}
