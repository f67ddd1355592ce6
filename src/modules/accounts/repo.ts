import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowOf, rowsOf } from '../../db/rows.js';
import { Role } from '../../kernel/principal.js';
import { type Account, type ActivityEntry, LinkPurpose, type Session } from './schema.js';

const AccountRow = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: Role,
  stadsdorp_id: z.number().nullable(),
  disabled_at: z.string().nullable(),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
});

function toAccount(row: unknown): Account {
  return rowOf(AccountRow, row);
}

const ACCOUNT_COLUMNS = 'id, email, name, role, stadsdorp_id, disabled_at, last_login_at, created_at';

/** countAccounts tells how many accounts exist (none on the first start). */
export async function countAccounts(db: Db): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM accounts'))!.n;
}

/** insertAccount adds an account; the unique address is the caller's to check. */
export async function insertAccount(
  db: Db,
  a: { email: string; name: string; role: Role; stadsdorpId: number | null; now: string },
): Promise<number> {
  const r = await db.run(
    'INSERT INTO accounts (email, name, role, stadsdorp_id, created_at) VALUES (?, ?, ?, ?, ?)',
    [a.email, a.name, a.role, a.stadsdorpId, a.now],
  );
  return r.lastRowId;
}

/**
 * insertFirstCocoAccount adds a CoCo account only while no active CoCo account exists, in one
 * statement: of two setup forms sent at once, one makes the account and the other nothing.
 * Answers the new id, or null when an active CoCo account was there already.
 */
export async function insertFirstCocoAccount(
  db: Db,
  a: { email: string; name: string; now: string },
): Promise<number | null> {
  const r = await db.run(
    `INSERT INTO accounts (email, name, role, stadsdorp_id, created_at)
     SELECT ?, ?, 'coco', NULL, ?
     WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE role = 'coco' AND disabled_at IS NULL)`,
    [a.email, a.name, a.now],
  );
  return r.changes === 1 ? r.lastRowId : null;
}

/** hasActiveCoco tells whether some CoCo account can log in. */
export async function hasActiveCoco(db: Db): Promise<boolean> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM accounts WHERE role = 'coco' AND disabled_at IS NULL",
  );
  return row!.n > 0;
}

/** findAccountByEmail finds an account by its (normalised) address. */
export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  const row = await db.get(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email = ?`, [email]);
  return row ? toAccount(row) : undefined;
}

/** findAccountById finds an account by id. */
export async function findAccountById(db: Db, id: number): Promise<Account | undefined> {
  const row = await db.get(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`, [id]);
  return row ? toAccount(row) : undefined;
}

/** allAccounts lists every account, CoCo first, then by name. */
export async function allAccounts(db: Db): Promise<Account[]> {
  const rows = await db.all(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY disabled_at IS NOT NULL, role, name COLLATE NOCASE`,
  );
  return rows.map(toAccount);
}

/** disableAccountStmts marks an account disabled and ends its sessions and open links in one batch. */
export function disableAccountStmts(id: number, now: string): Statement[] {
  return [
    stmt('UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL', [now, id]),
    stmt('DELETE FROM sessions WHERE account_id = ?', [id]),
    stmt('DELETE FROM account_links WHERE account_id = ? AND used_at IS NULL', [id]),
  ];
}

/** insertLinkStmt stores a one-time link by its hash. */
export function insertLinkStmt(l: {
  publicId: string;
  tokenHash: string;
  purpose: LinkPurpose;
  accountId: number | null;
  nextPath: string | null;
  now: string;
  expiresAt: string;
}): Statement {
  return stmt(
    `INSERT INTO account_links (public_id, token_hash, purpose, account_id, next_path, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [l.publicId, l.tokenHash, l.purpose, l.accountId, l.nextPath, l.now, l.expiresAt],
  );
}

const LinkRow = z.object({
  id: z.number(),
  purpose: LinkPurpose,
  account_id: z.number().nullable(),
  next_path: z.string().nullable(),
  expires_at: z.string(),
  used_at: z.string().nullable(),
});
/** StoredLink is a one-time link as stored. */
export type StoredLink = z.infer<typeof LinkRow>;

/** findLinkByHash finds a one-time link by its token's hash. */
export async function findLinkByHash(db: Db, tokenHash: string): Promise<StoredLink | undefined> {
  const row = await db.get(
    'SELECT id, purpose, account_id, next_path, expires_at, used_at FROM account_links WHERE token_hash = ?',
    [tokenHash],
  );
  return row ? LinkRow.parse(row) : undefined;
}

/**
 * spendLink marks a link used if it is still unused and unexpired: one statement, so two
 * clicks at once cannot both log in. Returns whether this call spent it.
 */
export async function spendLink(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.run(
    'UPDATE account_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?',
    [now, id, now],
  );
  return r.changes === 1;
}

/** countRecentLinks counts the login links made for an account since a moment (the per-address limit). */
export async function countRecentLinks(db: Db, accountId: number, since: string): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM account_links WHERE account_id = ? AND purpose = 'login' AND created_at > ?",
    [accountId, since],
  );
  return row!.n;
}

/** insertSessionStmt stores a new session by its token's hash. */
export function insertSessionStmt(s: {
  tokenHash: string;
  accountId: number;
  now: string;
  expiresAt: string;
  userAgent: string;
}): Statement {
  return stmt(
    `INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at, user_agent)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [s.tokenHash, s.accountId, s.now, s.now, s.expiresAt, s.userAgent],
  );
}

/** markLoginStmt records the moment of an account's latest login. */
export function markLoginStmt(accountId: number, now: string): Statement {
  return stmt('UPDATE accounts SET last_login_at = ? WHERE id = ?', [now, accountId]);
}

const SessionRow = z.object({
  id: z.number(),
  account_id: z.number(),
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  user_agent: z.string(),
});

function toSession(row: unknown): Session {
  return rowOf(SessionRow, row);
}

const SESSION_COLUMNS = 'id, account_id, created_at, last_seen_at, expires_at, user_agent';

/** findSessionByHash finds a session by its token's hash. */
export async function findSessionByHash(db: Db, tokenHash: string): Promise<Session | undefined> {
  const row = await db.get(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = ?`, [tokenHash]);
  return row ? toSession(row) : undefined;
}

/** sessionsOf lists an account's sessions, newest first. */
export async function sessionsOf(db: Db, accountId: number): Promise<Session[]> {
  const rows = await db.all(
    `SELECT ${SESSION_COLUMNS} FROM sessions WHERE account_id = ? ORDER BY last_seen_at DESC, id DESC`,
    [accountId],
  );
  return rows.map(toSession);
}

/** touchSession moves a session's last-seen moment. */
export async function touchSession(db: Db, id: number, now: string): Promise<void> {
  await db.run('UPDATE sessions SET last_seen_at = ? WHERE id = ?', [now, id]);
}

/** deleteSession ends one session. */
export async function deleteSession(db: Db, id: number): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id = ?', [id]);
}

/** deleteSessionsOf ends every session of an account. */
export async function deleteSessionsOf(db: Db, accountId: number): Promise<number> {
  return (await db.run('DELETE FROM sessions WHERE account_id = ?', [accountId])).changes;
}

/** pruneStmts forgets sessions past their end, links past their expiry and activity older than a year. */
export function pruneStmts(p: { now: string; idleBefore: string; activityBefore: string }): Statement[] {
  return [
    stmt('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', [p.now, p.idleBefore]),
    stmt('DELETE FROM account_links WHERE expires_at <= ?', [p.now]),
    stmt('DELETE FROM activity_log WHERE created_at < ?', [p.activityBefore]),
  ];
}

/** activityStmt appends one line to the activity log. */
export function activityStmt(a: {
  accountId: number | null;
  actorName: string;
  action: string;
  subject: string;
  now: string;
}): Statement {
  return stmt(
    'INSERT INTO activity_log (account_id, actor_name, action, subject, created_at) VALUES (?, ?, ?, ?, ?)',
    [a.accountId, a.actorName, a.action, a.subject, a.now],
  );
}

/**
 * forgetInActivityStmt replaces an address in the activity log's subjects (an erased person
 * is left there only as the consent log's salted hash) and drops their name from those lines.
 * The log is kept a year: a scan. Subscribers' erase runs it in its batch (as part of the
 * ForgetCopies delivery's forgetCopiesOfPerson hands in).
 */
export function forgetInActivityStmt(address: string, replacement: string, name?: string | null): Statement {
  return stmt(
    `UPDATE activity_log SET subject = replace(replace(subject, ?1, ?2), ?3, '')
      WHERE instr(subject, ?1) > 0`,
    [address, replacement, name ?? ''],
  );
}

const ActivityRow = z.object({
  id: z.number(),
  actor_name: z.string(),
  action: z.string(),
  subject: z.string(),
  created_at: z.string(),
});

/** activityPage reads the activity log newest first, one keyset page before an id. */
export async function activityPage(
  db: Db,
  q: { beforeId: number | null; limit: number },
): Promise<ActivityEntry[]> {
  const rows = await db.all(
    `SELECT id, actor_name, action, subject, created_at FROM activity_log
      WHERE ?1 IS NULL OR id < ?1 ORDER BY id DESC LIMIT ?2`,
    [q.beforeId, q.limit],
  );
  return rowsOf(ActivityRow, rows);
}
