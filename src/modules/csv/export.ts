// The CSV export of a list, written for Dutch Excel: a UTF-8 BOM (without it Excel
// reads the bytes as Windows-1252 and mangles every accent), `;` as separator (Dutch
// Excel uses the comma for decimals), CRLF line ends and Dutch column names.
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { amsterdamParts } from '../../kernel/amsterdam-time.js';
import { StatusQuery, type SubscriptionStatus } from '../subscribers/schema.js';
import { type CsvList, findListBySlug, listSubscriptionsAfter } from './repo.js';

/** EXPORT_HEADER is the export's first row; the import recognises every one of these names. */
export const EXPORT_HEADER = ['E-mailadres', 'Naam', 'Stadsdorp', 'Status', 'Aangemeld op'];

/** EXPORT_PAGE is how many subscriptions one keyset query reads. */
export const EXPORT_PAGE = 1000;

/** EXPORT_STATUS_LABEL is each status as the export writes it (typed by SubscriptionStatus: a new status needs its label here). */
export const EXPORT_STATUS_LABEL: Record<SubscriptionStatus, string> = {
  unconfirmed: 'niet bevestigd',
  pending_approval: 'wacht op goedkeuring',
  confirmed: 'bevestigd',
  unsubscribed: 'afgemeld',
  bounced: 'onbestelbaar',
  complained: 'klacht',
};

/** excelDateTime formats a timestamp as Dutch Excel reads a date and time: `28-11-2026 11:00`, Amsterdam time. */
export function excelDateTime(iso: string): string {
  const { date, time } = amsterdamParts(new Date(iso));
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year} ${time}`;
}

/** exportFileName is `<list>-<YYYY-MM-DD>.csv` with the date in Amsterdam. */
export function exportFileName(listSlug: string, now: Date): string {
  return `${listSlug}-${amsterdamParts(now).date}.csv`;
}

/**
 * csvCell writes one value: a cell that starts with = + - @ (or a tab or CR) gets a
 * leading quote so Excel shows it as text instead of running it as a formula (OWASP
 * CSV injection); a cell with `;`, a quote, a line break or outer spaces is quoted.
 */
export function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** csvLine joins cells with `;` and ends with CRLF. */
export function csvLine(cells: (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}

/** ListExport is an export ready to stream: its file name and body. */
export interface ListExport {
  list: CsvList;
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * exportList checks the list, then streams its subscriptions as CSV, one keyset page
 * per pull, so a large list never sits in memory whole.
 */
export async function exportList(
  deps: Pick<AppDeps, 'db' | 'now'>,
  q: { listSlug: string; status?: string | null },
): Promise<ListExport> {
  const list = await findListBySlug(deps.db, q.listSlug);
  if (!list) {
    throw new AppError(
      'validation',
      `De lijst "${q.listSlug}" bestaat niet. Kies een bestaande lijst, zoals besturen.`,
      {
        list: 'Onbekende lijst.',
      },
    );
  }
  const status = q.status ? StatusQuery.safeParse(q.status) : null;
  if (status && !status.success) {
    const message = status.error.issues[0]!.message;
    throw new AppError('validation', message, { status: message });
  }
  const encoder = new TextEncoder();
  let afterId = 0;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array([0xef, 0xbb, 0xbf]));
      controller.enqueue(encoder.encode(csvLine(EXPORT_HEADER)));
    },
    async pull(controller) {
      if (done) return;
      const page = await listSubscriptionsAfter(deps.db, {
        listId: list.id,
        status: q.status ?? null,
        afterId,
        limit: EXPORT_PAGE,
      });
      let text = '';
      for (const r of page) {
        text += csvLine([
          r.email,
          r.name,
          r.stadsdorp,
          EXPORT_STATUS_LABEL[r.status],
          excelDateTime(r.createdAt),
        ]);
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (page.length < EXPORT_PAGE) {
        done = true;
        controller.close();
      } else {
        afterId = page[page.length - 1]!.id;
      }
    },
  });
  return { list, fileName: exportFileName(list.slug, deps.now()), body };
}
