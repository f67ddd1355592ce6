import { z } from 'zod';
import { type Db, inChunks, placeholders, type SqlValue, type Statement, stmt } from '../../db/port.js';
import { rowOf, rowsOf, sqlBoolean } from '../../db/rows.js';
import {
  ACTIVE_STATUSES,
  ConsentAction,
  type ConsentEntry,
  type MailingList,
  type SignupSource,
  type Subscriber,
  type Subscription,
  SubscriptionStatus,
} from './schema.js';

// Statements in a batch refer to the subscriber by its public id, so a batch can
// create a subscriber and its subscriptions before any row id is known.

const ListRow = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  requires_approval: sqlBoolean,
  requires_stadsdorp: sqlBoolean,
  created_at: z.string(),
});

const SubscriberRow = z.object({
  id: z.number(),
  public_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  stadsdorp_id: z.number().nullable(),
  suppressed_at: z.string().nullable(),
  suppression_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const SubscriptionRow = z.object({
  subscriber_id: z.number(),
  list_id: z.number(),
  list: z.string(),
  list_name: z.string(),
  requires_approval: sqlBoolean,
  requires_stadsdorp: sqlBoolean,
  status: SubscriptionStatus,
  created_at: z.string(),
  updated_at: z.string(),
});

const ConsentRow = z.object({
  list: z.string().nullable(),
  action: ConsentAction,
  source: z.string(),
  detail: z.string().nullable(),
  created_at: z.string(),
});

const toList = (raw: unknown): MailingList => rowOf(ListRow, raw);
const toSubscriber = (raw: unknown): Subscriber => rowOf(SubscriberRow, raw);

// Every signup checks its lists against all lists, which change a few times a year.
// The lists are kept per database for a few seconds, and dropped at once when this
// process adds one; another process's (or Worker isolate's) new list shows within
// LISTS_TTL_MS.
const LISTS_TTL_MS = 5_000;
const listCache = new WeakMap<Db, { at: number; lists: MailingList[] }>();

/** allLists returns every list, the oldest (besturen, geinteresseerden) first. */
export async function allLists(db: Db): Promise<MailingList[]> {
  const cached = listCache.get(db);
  const now = Date.now();
  if (cached && now - cached.at < LISTS_TTL_MS) return cached.lists.slice();
  const lists = (await db.all('SELECT * FROM lists ORDER BY id')).map(toList);
  listCache.set(db, { at: now, lists });
  return lists.slice();
}

/** insertList adds a list and returns its id. */
export async function insertList(
  db: Db,
  l: Omit<MailingList, 'id' | 'createdAt'> & { now: string },
): Promise<number> {
  listCache.delete(db);
  const r = await db.run(
    `INSERT INTO lists (slug, name, description, requires_approval, requires_stadsdorp, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [l.slug, l.name, l.description, l.requiresApproval ? 1 : 0, l.requiresStadsdorp ? 1 : 0, l.now],
  );
  listCache.delete(db);
  return r.lastRowId;
}

/** updateList changes a list's name and description; false when no list has this slug. */
export async function updateList(
  db: Db,
  slug: string,
  l: Pick<MailingList, 'name' | 'description'>,
): Promise<boolean> {
  const r = await db.run('UPDATE lists SET name = ?, description = ? WHERE slug = ?', [
    l.name,
    l.description,
    slug,
  ]);
  listCache.delete(db);
  return r.changes > 0;
}

/** findListBySlug reads one list by its slug, past the cache of allLists (the CSV import and export). */
export async function findListBySlug(db: Db, slug: string): Promise<MailingList | undefined> {
  const row = await db.get('SELECT * FROM lists WHERE slug = ?', [slug]);
  return row ? toList(row) : undefined;
}

/** listSlugs returns the slug of every list, oldest first, to name the choices when a campaign names an unknown one. */
export async function listSlugs(db: Db): Promise<string[]> {
  return (await db.all<{ slug: string }>('SELECT slug FROM lists ORDER BY id')).map((r) => r.slug);
}

/** listNamesBySlug maps existing list slugs to their names (missing slugs are absent). */
export async function listNamesBySlug(db: Db, slugs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of inChunks(slugs)) {
    const rows = await db.all<{ slug: string; name: string }>(
      `SELECT slug, name FROM lists WHERE slug IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of rows) out.set(r.slug, r.name);
  }
  return out;
}

/** SubscriberAddress is what a mail to a subscriber needs: address, name, public id. */
export interface SubscriberAddress {
  email: string;
  name: string | null;
  publicId: string;
}

/** findSubscribersByEmail reads known subscribers among test addresses, so a test mail greets them by name. */
export async function findSubscribersByEmail(
  db: Db,
  emails: string[],
): Promise<Map<string, SubscriberAddress>> {
  const out = new Map<string, SubscriberAddress>();
  for (const chunk of inChunks(emails)) {
    const rows = await db.all<{ email: string; name: string | null; public_id: string }>(
      `SELECT email, name, public_id FROM subscribers WHERE email IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of rows) out.set(r.email, { email: r.email, name: r.name, publicId: r.public_id });
  }
  return out;
}

/** findSubscriberByEmail looks up a subscriber by normalised address. */
export async function findSubscriberByEmail(db: Db, email: string): Promise<Subscriber | undefined> {
  const row = await db.get('SELECT * FROM subscribers WHERE email = ?', [email]);
  return row ? toSubscriber(row) : undefined;
}

/** findSubscriberByPublicId looks up the subscriber a signed link names. */
export async function findSubscriberByPublicId(db: Db, publicId: string): Promise<Subscriber | undefined> {
  const row = await db.get('SELECT * FROM subscribers WHERE public_id = ?', [publicId]);
  return row ? toSubscriber(row) : undefined;
}

/** findSubscriberById looks up a subscriber by row id (admin API only). */
export async function findSubscriberById(db: Db, id: number): Promise<Subscriber | undefined> {
  const row = await db.get('SELECT * FROM subscribers WHERE id = ?', [id]);
  return row ? toSubscriber(row) : undefined;
}

const SUBSCRIPTIONS_SELECT = `SELECT s.subscriber_id, s.list_id, l.slug AS list, l.name AS list_name, l.requires_approval, l.requires_stadsdorp,
         s.status, s.created_at, s.updated_at
    FROM subscriptions s JOIN lists l ON l.id = s.list_id`;

/** subscriptionsOf returns one subscriber's subscriptions in list order. */
export async function subscriptionsOf(db: Db, subscriberId: number): Promise<Subscription[]> {
  const rows = await db.all(`${SUBSCRIPTIONS_SELECT} WHERE s.subscriber_id = ? ORDER BY l.id`, [
    subscriberId,
  ]);
  return rows.map((r) => {
    const { subscriberId: _, ...s } = rowOf(SubscriptionRow, r);
    return s;
  });
}

/**
 * subscriptionsOfMany returns the subscriptions of a page of subscribers (up to 500), grouped
 * by subscriber id. One query per MAX_PARAMETERS ids: a subscriber's rows all come from one.
 */
export async function subscriptionsOfMany(db: Db, ids: number[]): Promise<Map<number, Subscription[]>> {
  const out = new Map<number, Subscription[]>();
  for (const chunk of inChunks(ids)) {
    const rows = await db.all(
      `${SUBSCRIPTIONS_SELECT} WHERE s.subscriber_id IN (${placeholders(chunk.length)}) ORDER BY l.id`,
      chunk,
    );
    for (const raw of rows) {
      const { subscriberId, ...s } = rowOf(SubscriptionRow, raw);
      const list = out.get(subscriberId) ?? [];
      list.push(s);
      out.set(subscriberId, list);
    }
  }
  return out;
}

/** consentOf returns one subscriber's consent log, oldest first. */
export async function consentOf(db: Db, subscriberId: number): Promise<ConsentEntry[]> {
  const rows = await db.all(
    `SELECT l.slug AS list, c.action, c.source, c.detail, c.created_at
       FROM consent_log c LEFT JOIN lists l ON l.id = c.list_id
      WHERE c.subscriber_id = ? ORDER BY c.id`,
    [subscriberId],
  );
  return rowsOf(ConsentRow, rows);
}

// How a person came in: their first consent entry, sorted into a SignupSource
// (consent_log_subscriber keeps a person's entries in id order: one index seek per person).
const SOURCE_OF_SUBSCRIBER = `(SELECT CASE
      WHEN c.detail LIKE 'bron=%' THEN 'bron'
      WHEN c.source LIKE 'form:aanmelden@%' OR c.source LIKE 'api:signup@%' THEN 'formulier'
      WHEN c.source LIKE 'import:%' THEN 'import'
      WHEN c.source LIKE 'user:%' THEN 'beheer'
    END FROM consent_log c WHERE c.subscriber_id = subscribers.id ORDER BY c.id LIMIT 1)`;

/** searchSubscribers walks subscribers by id (keyset), filtered by text, list, status, stadsdorp and source. */
export async function searchSubscribers(
  db: Db,
  f: {
    q?: string;
    listId?: number;
    status?: SubscriptionStatus;
    stadsdorpId?: number;
    source?: SignupSource;
    after?: number;
    limit: number;
  },
): Promise<Subscriber[]> {
  const where: string[] = ['id > ?'];
  const params: SqlValue[] = [f.after ?? 0];
  if (f.q) {
    // instr() instead of LIKE: user text needs no escaping of % and _.
    where.push("(instr(email, ?) > 0 OR instr(lower(coalesce(name, '')), ?) > 0)");
    params.push(f.q.toLowerCase(), f.q.toLowerCase());
  }
  if (f.listId !== undefined || f.status !== undefined) {
    const cond = ['s.subscriber_id = subscribers.id'];
    if (f.listId !== undefined) {
      cond.push('s.list_id = ?');
      params.push(f.listId);
    }
    if (f.status !== undefined) {
      cond.push('s.status = ?');
      params.push(f.status);
    }
    where.push(`EXISTS (SELECT 1 FROM subscriptions s WHERE ${cond.join(' AND ')})`);
  }
  if (f.stadsdorpId !== undefined) {
    // With subscribers_stadsdorp (stadsdorp_id, id) the keyset walk reads only this stadsdorp.
    where.push('stadsdorp_id = ?');
    params.push(f.stadsdorpId);
  }
  if (f.source !== undefined) {
    where.push(`${SOURCE_OF_SUBSCRIBER} = ?`);
    params.push(f.source);
  }
  params.push(f.limit);
  const rows = await db.all(
    `SELECT * FROM subscribers WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    params,
  );
  return rows.map(toSubscriber);
}

/** insertSubscriberStmt creates a subscriber; a concurrent signup of the same address leaves the first row. */
export function insertSubscriberStmt(s: {
  publicId: string;
  email: string;
  name: string | null;
  stadsdorpId: number | null;
  now: string;
}): Statement {
  return stmt(
    `INSERT INTO subscribers (public_id, email, name, stadsdorp_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
    [s.publicId, s.email, s.name, s.stadsdorpId, s.now, s.now],
  );
}

/** updateSubscriberStmt sets name and stadsdorp of a subscriber. */
export function updateSubscriberStmt(
  publicId: string,
  s: { name: string | null; stadsdorpId: number | null; now: string },
): Statement {
  return stmt('UPDATE subscribers SET name = ?, stadsdorp_id = ?, updated_at = ? WHERE public_id = ?', [
    s.name,
    s.stadsdorpId,
    s.now,
    publicId,
  ]);
}

/** setSuppressionStmt blocks an address on every list (at, reason) or lifts the block (both null). */
export function setSuppressionStmt(
  publicId: string,
  s: { at: string | null; reason: string | null; now: string },
): Statement {
  return stmt(
    'UPDATE subscribers SET suppressed_at = ?, suppression_reason = ?, updated_at = ? WHERE public_id = ?',
    [s.at, s.reason, s.now, publicId],
  );
}

/**
 * setStatusStmt creates or changes one subscription's status, of the subscriber with this
 * public id (created earlier in the batch, or before); with no such subscriber it writes
 * nothing, as consentStmt and queueMailStmt: signup relies on that.
 */
export function setStatusStmt(
  publicId: string,
  listId: number,
  status: SubscriptionStatus,
  now: string,
): Statement {
  return stmt(
    `INSERT INTO subscriptions (subscriber_id, list_id, status, created_at, updated_at)
     SELECT id, ?, ?, ?, ? FROM subscribers WHERE public_id = ?
     ON CONFLICT (subscriber_id, list_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    [listId, status, now, now, publicId],
  );
}

/** consentStmt appends one consent log entry for a subscriber that exists (or is created earlier in the batch); else nothing. */
export function consentStmt(e: {
  publicId: string;
  listId: number | null;
  action: ConsentAction;
  source: string;
  detail?: string | null;
  now: string;
}): Statement {
  return stmt(
    `INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at)
     SELECT id, ?, ?, ?, ?, ? FROM subscribers WHERE public_id = ?`,
    [e.listId, e.action, e.source, e.detail ?? null, e.now, e.publicId],
  );
}

/**
 * eraseStmts forget a person in one batch: each of their consent log entries trades its
 * subscriber_id for the salted hash of the address (written here, not before), and an
 * `erase` entry is added; the subscriber row goes, and its subscriptions with it. `copies`
 * are the statements with which modules above this one forget their own copies of the
 * person (ForgetCopies); they run before the subscriber row goes, while its id still finds
 * them. The outbox copies of mails to them live in the outbox's own database:
 * forgetOutboxStatement in src/mail/transports/outbox.ts.
 */
export function eraseStmts(
  s: { id: number; emailHash: string; source: string; now: string },
  copies: Statement[],
): Statement[] {
  return [
    stmt('UPDATE consent_log SET subscriber_id = NULL, email_hash = ? WHERE subscriber_id = ?', [
      s.emailHash,
      s.id,
    ]),
    stmt(
      `INSERT INTO consent_log (subscriber_id, email_hash, list_id, action, source, detail, created_at)
       VALUES (NULL, ?, NULL, 'erase', ?, NULL, ?)`,
      [s.emailHash, s.source, s.now],
    ),
    ...copies,
    stmt('DELETE FROM subscriptions WHERE subscriber_id = ?', [s.id]),
    stmt('DELETE FROM subscribers WHERE id = ?', [s.id]),
  ];
}

/** findSubscriberIdByEmail resolves a stored (normalised) address to its row id. */
export async function findSubscriberIdByEmail(db: Db, email: string): Promise<number | undefined> {
  return (await db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [email]))?.id;
}

/**
 * suppressStatements suppresses an address on every list after a permanent bounce or a
 * complaint: each active subscription gets the new status and a consent log row. Delivery
 * puts them in the same batch as the webhook event that caused them.
 */
export function suppressStatements(s: {
  subscriberId: number;
  status: 'bounced' | 'complained';
  reason: string;
  now: string;
}): Statement[] {
  const active = `(${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;
  const action = s.status === 'bounced' ? 'bounce' : 'complaint';
  return [
    stmt(
      `INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at)
       SELECT subscriber_id, list_id, ?, 'webhook:resend', ?, ? FROM subscriptions
        WHERE subscriber_id = ? AND status IN ${active}`,
      [action, s.reason, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscriptions SET status = ?, updated_at = ? WHERE subscriber_id = ? AND status IN ${active}`,
      [s.status, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscribers SET suppressed_at = COALESCE(suppressed_at, ?1), suppression_reason = COALESCE(suppression_reason, ?2),
              updated_at = ?1
        WHERE id = ?3`,
      [s.now, s.reason, s.subscriberId],
    ),
  ];
}
