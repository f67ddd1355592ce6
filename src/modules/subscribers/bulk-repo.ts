// Set-based reads and writes of many subscribers at once, for the CSV import and export
// (../csv). The subscribers module owns these tables; csv composes these statements into the
// one batch of an import (all rows or none) and reads its export pages here.
import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowsOf } from '../../db/rows.js';
import { SubscriptionStatus } from './schema.js';

const ExistingRow = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string().nullable(),
  stadsdorp_id: z.number().nullable(),
  suppressed_at: z.string().nullable(),
  status: z.string().nullable(),
});

/** ExistingSubscriber is what the import must know of an address we already hold. */
export interface ExistingSubscriber {
  id: number;
  name: string | null;
  stadsdorpId: number | null;
  suppressed: boolean;
  /** Status of the subscription on the list being imported into; null when there is none. */
  status: string | null;
}

/** LOOKUP_CHUNK is how many addresses one lookup query carries (as one JSON parameter, so D1's parameter limit does not apply). */
export const LOOKUP_CHUNK = 2000;

/** findExistingSubscribers looks the addresses up in chunks and returns those we hold, by email; onChunk hears how many are done. */
export async function findExistingSubscribers(
  db: Db,
  listId: number,
  emails: string[],
  onChunk?: (done: number) => unknown,
): Promise<Map<string, ExistingSubscriber>> {
  const found = new Map<string, ExistingSubscriber>();
  for (let i = 0; i < emails.length; i += LOOKUP_CHUNK) {
    const chunk = JSON.stringify(emails.slice(i, i + LOOKUP_CHUNK));
    const rows = await db.all(
      `SELECT s.id, s.email, s.name, s.stadsdorp_id, s.suppressed_at, sub.status
         FROM subscribers s
         LEFT JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.list_id = ?
        WHERE s.email IN (SELECT value FROM json_each(?))`,
      [listId, chunk],
    );
    for (const raw of rows) {
      const r = ExistingRow.parse(raw);
      found.set(r.email, {
        id: r.id,
        name: r.name,
        stadsdorpId: r.stadsdorp_id,
        suppressed: r.suppressed_at !== null,
        status: r.status,
      });
    }
    await onChunk?.(Math.min(i + LOOKUP_CHUNK, emails.length));
  }
  return found;
}

/** NewSubscriber is a person the import adds. */
export interface NewSubscriber {
  publicId: string;
  email: string;
  name: string | null;
  stadsdorpId: number | null;
}

/**
 * insertSubscriber adds one new subscriber. (Per row on purpose: measured on 100,000
 * rows, binding parameters costs less than pulling four columns out of a JSON array.)
 */
export function insertSubscriber(p: NewSubscriber, at: string): Statement {
  return stmt(
    'INSERT INTO subscribers (public_id, email, name, stadsdorp_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    [p.publicId, p.email, p.name, p.stadsdorpId, at, at],
  );
}

/** WRITE_CHUNK is how many addresses one set-based write carries, as one JSON parameter. */
export const WRITE_CHUNK = 1000;

/**
 * subscribeConfirmedByEmail subscribes the addresses as confirmed, one statement per
 * chunk. It joins on email because, inside one batch, new subscribers' ids are not
 * known yet. One INSERT ... SELECT per thousand people costs less than half of one
 * statement per person on a 100,000-row import.
 */
export function subscribeConfirmedByEmail(emails: string[], listId: number, at: string): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < emails.length; i += WRITE_CHUNK) {
    out.push(
      stmt(
        `INSERT INTO subscriptions (subscriber_id, list_id, status, created_at, updated_at)
         SELECT s.id, ?, 'confirmed', ?, ?
           FROM json_each(?) j JOIN subscribers s ON s.email = j.value`,
        [listId, at, at, JSON.stringify(emails.slice(i, i + WRITE_CHUNK))],
      ),
    );
  }
  return out;
}

/**
 * confirmOpenSubscription confirms a subscription still waiting for its opt-in or approval.
 * The status guard keeps an unsubscribe that lands between lookup and write in force.
 */
export function confirmOpenSubscription(subscriberId: number, listId: number, at: string): Statement {
  return stmt(
    `UPDATE subscriptions SET status = 'confirmed', updated_at = ?
      WHERE subscriber_id = ? AND list_id = ? AND status IN ('unconfirmed', 'pending_approval')`,
    [at, subscriberId, listId],
  );
}

/** fillEmptySubscriberFields sets name and stadsdorp only where we hold none: an import never overwrites data. */
export function fillEmptySubscriberFields(
  subscriberId: number,
  name: string | null,
  stadsdorpId: number | null,
  at: string,
): Statement {
  return stmt(
    `UPDATE subscribers
        SET name = CASE WHEN name IS NULL OR name = '' THEN ? ELSE name END,
            stadsdorp_id = COALESCE(stadsdorp_id, ?),
            updated_at = ?
      WHERE id = ?`,
    [name, stadsdorpId, at, subscriberId],
  );
}

/** ImportConsent is one consent log entry of an import: the address and the detail (row, importer). */
export type ImportConsent = [email: string, detail: string];

/**
 * logImportConsents appends the consent log rows of an import, one statement per
 * chunk, finding each subscriber by email (a new one has no id yet inside the batch).
 * Set-based here, unlike the subscriber insert: measured on 100,000 rows, two values
 * from a JSON array cost less than a statement per row (the opposite holds for the
 * subscriber's six columns).
 */
export function logImportConsents(
  consents: ImportConsent[],
  listId: number,
  source: string,
  at: string,
): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < consents.length; i += WRITE_CHUNK) {
    out.push(
      stmt(
        `INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at)
         SELECT (SELECT id FROM subscribers WHERE email = j.value->>0), ?, 'import', ?, j.value->>1, ?
           FROM json_each(?) j`,
        [listId, source, at, JSON.stringify(consents.slice(i, i + WRITE_CHUNK))],
      ),
    );
  }
  return out;
}
const ExportRow = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string().nullable(),
  stadsdorp_id: z.number().nullable(),
  status: SubscriptionStatus,
  created_at: z.string(),
});

/** SubscriptionPageRow is one subscription of a list, with its subscriber, as the CSV export reads it. */
export interface SubscriptionPageRow {
  id: number;
  email: string;
  name: string | null;
  stadsdorpId: number | null;
  status: SubscriptionStatus;
  createdAt: string;
}

// With a status, the (list_id, status, subscriber_id) index gives each page directly.
// Without one, SQLite would read the whole list through that index and sort it for
// every page; CROSS JOIN (SQLite's way to fix the join order) makes it walk subscribers
// by id from the last page on and probe each one's subscription instead.
const PAGE_WITH_STATUS = `SELECT s.id, s.email, s.name, s.stadsdorp_id, sub.status, sub.created_at
   FROM subscriptions sub
   JOIN subscribers s ON s.id = sub.subscriber_id
  WHERE sub.list_id = ? AND sub.status = ? AND sub.subscriber_id > ?
  ORDER BY sub.subscriber_id
  LIMIT ?`;
const PAGE_ALL = `SELECT s.id, s.email, s.name, s.stadsdorp_id, sub.status, sub.created_at
   FROM subscribers s
   CROSS JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.list_id = ?
  WHERE s.id > ?
  ORDER BY s.id
  LIMIT ?`;

/** subscriptionPageAfter is one keyset page of a list's subscriptions, ordered by subscriber id. */
export async function subscriptionPageAfter(
  db: Db,
  q: { listId: number; status: string | null; afterId: number; limit: number },
): Promise<SubscriptionPageRow[]> {
  const rows = q.status
    ? await db.all(PAGE_WITH_STATUS, [q.listId, q.status, q.afterId, q.limit])
    : await db.all(PAGE_ALL, [q.listId, q.afterId, q.limit]);
  return rowsOf(ExportRow, rows);
}
