import { AppError } from '../errors.js';

/** DatabaseFault names why the database cannot take a write now: another connection holds the write lock, or the disk is full. */
export type DatabaseFault = 'busy' | 'full';

const MESSAGES: Record<DatabaseFault, string> = {
  busy: 'De database is even bezet, waardoor dit nu niet kon worden opgeslagen. Probeer het over een paar seconden opnieuw.',
  full: 'De opslag van de server is vol, waardoor dit niet kon worden opgeslagen. Probeer het later opnieuw; de beheerder is nodig om ruimte vrij te maken.',
};

/**
 * DatabaseUnavailable is a write the database could not take: it answers 503 with Retry-After.
 * It is an AppError ('unavailable') so routes need nothing special; workers tell it from a bug
 * with isDatabaseUnavailable and back off instead of retrying at once.
 */
export class DatabaseUnavailable extends AppError {
  constructor(
    readonly fault: DatabaseFault,
    readonly retryAfterSeconds: number,
    override readonly cause?: unknown,
  ) {
    super('unavailable', MESSAGES[fault]);
    this.name = 'DatabaseUnavailable';
  }
}

/** isDatabaseUnavailable tells a database that cannot write now (lock, full disk) from other failures. */
export function isDatabaseUnavailable(err: unknown): err is DatabaseUnavailable {
  return err instanceof DatabaseUnavailable;
}

const codeOf = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : '';

/** isBusyError: another connection holds the lock (SQLITE_BUSY and its extended codes). */
export function isBusyError(err: unknown): boolean {
  return codeOf(err).startsWith('SQLITE_BUSY');
}

/**
 * isStorageFullError: SQLITE_FULL (the disk, or max_page_count), or a write that failed with
 * ENOSPC, which SQLite may report as an I/O error carrying the system's message.
 */
export function isStorageFullError(err: unknown): boolean {
  if (codeOf(err).startsWith('SQLITE_FULL')) return true;
  const message = err instanceof Error ? err.message : '';
  return codeOf(err) === 'ENOSPC' || /ENOSPC|no space left on device|database or disk is full/i.test(message);
}

/**
 * FaultBackoff paces a background worker whose writes the database refuses (a lock that
 * outlasts the wait, a full disk): the wait doubles from 1 s to 30 s, and the log gets one
 * line when the trouble starts and one when it ends, not one per retry.
 */
export interface FaultBackoff {
  /** failed notes a failure and returns how long to wait before the next try. */
  failed(err: unknown): number;
  /** succeeded notes that the work went through again. */
  succeeded(): void;
}

/** faultBackoff makes a FaultBackoff that logs as `worker` ('delivery', 'mail queue'). */
export function faultBackoff(
  log: {
    warn(msg: string, data?: Record<string, unknown>): void;
    info(msg: string, data?: Record<string, unknown>): void;
  },
  worker: string,
  opts: { firstMs?: number; maxMs?: number } = {},
): FaultBackoff {
  const first = opts.firstMs ?? 1000;
  const max = opts.maxMs ?? 30_000;
  let delay = 0;
  let since: number | null = null;
  return {
    failed(err) {
      if (since === null) {
        since = Date.now();
        log.warn(`${worker}: the database cannot take writes; waiting and trying again`, {
          fault: err instanceof DatabaseUnavailable ? err.fault : 'error',
          error: String(err instanceof DatabaseUnavailable && err.cause ? err.cause : err),
        });
      }
      delay = Math.min(max, delay === 0 ? first : delay * 2);
      return delay;
    },
    succeeded() {
      if (since === null) return;
      log.info(`${worker}: the database takes writes again`, { afterMs: Date.now() - since });
      since = null;
      delay = 0;
    },
  };
}
