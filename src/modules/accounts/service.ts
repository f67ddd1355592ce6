// Accounts of beheer: one-time links by mail instead of passwords, sessions as rows behind
// a cookie, and the activity log. Tokens (links and sessions) are stored only as hashes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isConstraintError } from '../../db/constraint.js';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { sortableId } from '../../ids.js';
import type { Principal } from '../../kernel/principal.js';
import {
  accountLinkToken,
  accountLinkUrl,
  hashSecret,
  LINK_LIFETIME_MS,
  LINK_VALID_FOR,
  safeNextPath,
} from '../notifications/account-links.js';
import { getStadsdorp } from '../stadsdorpen/service.js';
import { queueAccountMailStmt } from '../subscribers/account-mail-repo.js';
import * as repo from './repo.js';
import type { Account, AccountInput, ActivityEntry, Actor, LinkPurpose, Session } from './schema.js';

/** SESSION_IDLE_MS: a session ends after 12 hours without a request. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** SESSION_MAX_MS: a session ends 30 days after the login, however busy. */
export const SESSION_MAX_MS = 30 * 86_400_000;
/** At most this many login links per address per LOGIN_WINDOW_MS; more requests get the same answer and no mail. */
export const LOGIN_LINKS_PER_WINDOW = 3;
const LOGIN_WINDOW_MS = 15 * 60_000;
const TOUCH_AFTER_MS = 60_000;
const ACTIVITY_KEEP_MS = 365 * 86_400_000;

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'log' | 'transport' | 'runtime'>;

const iso = (d: Date) => d.toISOString();

/** principalOf is the principal a logged-in account acts as towards the services the API also uses. */
export function principalOf(account: Account): Principal {
  // tokenId 0: a session, not an API token.
  return { tokenId: 0, name: account.name, role: account.role, stadsdorpId: account.stadsdorpId };
}

/** actorOf is an account as the activity log names it. */
export function actorOf(account: Account): Actor {
  return { accountId: account.id, name: account.name };
}

/** logActivity appends one line to the activity log. */
export async function logActivity(deps: Deps, actor: Actor, action: string, subject = ''): Promise<void> {
  await deps.db.batch([
    repo.activityStmt({
      accountId: actor.accountId,
      actorName: actor.name,
      action,
      subject,
      now: iso(deps.now()),
    }),
  ]);
}

/**
 * logErase records that a person was erased, by the salted hash the consent log keeps, and
 * replaces their address in earlier lines by the same hash, in one batch.
 */
export async function logErase(deps: Deps, actor: Actor, email: string, emailHash: string): Promise<void> {
  await deps.db.batch([
    repo.forgetInActivityStmt(email, emailHash),
    repo.activityStmt({
      accountId: actor.accountId,
      actorName: actor.name,
      action: 'erase',
      subject: emailHash,
      now: iso(deps.now()),
    }),
  ]);
}

/** activity reads the activity log, newest first, one keyset page at a time. */
export async function activity(
  deps: Deps,
  q: { before?: number; limit?: number },
): Promise<{ items: ActivityEntry[]; nextBefore: number | null }> {
  const limit = q.limit ?? 50;
  const items = await repo.activityPage(deps.db, { beforeId: q.before ?? null, limit });
  return { items, nextBefore: items.length === limit ? items.at(-1)!.id : null };
}

function newLink(deps: Deps, purpose: LinkPurpose, accountId: number | null, nextPath: string | null) {
  const now = deps.now();
  const publicId = sortableId();
  const token = accountLinkToken(deps.config.secretKey, publicId);
  return {
    publicId,
    url: accountLinkUrl(deps.config.publicUrl, deps.config.secretKey, publicId),
    statement: repo.insertLinkStmt({
      publicId,
      tokenHash: hashSecret(token),
      purpose,
      accountId,
      nextPath,
      now: iso(now),
      expiresAt: iso(new Date(now.getTime() + LINK_LIFETIME_MS[purpose])),
    }),
  };
}

// With the outbox transport nothing leaves the machine: the link goes to the server log too,
// so a CoCo member who is logged out can still get in.
function logLinkForOutbox(deps: Deps, email: string, url: string, purpose: LinkPurpose): void {
  if (deps.transport.name !== 'outbox') return;
  deps.log.info(`Login link for ${email} (outbox transport, valid ${LINK_VALID_FOR[purpose]}): ${url}`);
}

/** mailLink stores a link for an account and queues its mail, in one batch; returns the link's address. */
async function mailLink(
  deps: Deps,
  account: Account,
  purpose: 'login' | 'invite',
  nextPath: string | null,
  extra: ReturnType<typeof repo.activityStmt>[] = [],
): Promise<string> {
  const link = newLink(deps, purpose, account.id, nextPath);
  await deps.db.batch([
    link.statement,
    queueAccountMailStmt({
      accountId: account.id,
      linkPublicId: link.publicId,
      purpose,
      now: iso(deps.now()),
    }),
    ...extra,
  ]);
  deps.runtime.wakeWorkers('transactional');
  logLinkForOutbox(deps, account.email, link.url, purpose);
  return link.url;
}

/**
 * requestLogin mails a login link if the address belongs to an active account and has not
 * asked too often; it answers nothing either way, so the page says the same to everyone.
 */
export async function requestLogin(deps: Deps, email: string, next?: string | null): Promise<void> {
  const account = await repo.findAccountByEmail(deps.db, email);
  if (!account || account.disabledAt) return;
  const since = iso(new Date(deps.now().getTime() - LOGIN_WINDOW_MS));
  if ((await repo.countRecentLinks(deps.db, account.id, since)) >= LOGIN_LINKS_PER_WINDOW) {
    deps.log.warn('login link not sent: too many requests for this address', { account: account.id });
    return;
  }
  await mailLink(deps, account, 'login', safeNextPath(next));
}

/** loginLinkFor makes a login link without a mail (the CLI prints it). */
export async function loginLinkFor(deps: Deps, account: Account): Promise<string> {
  const link = newLink(deps, 'login', account.id, null);
  await deps.db.batch([link.statement]);
  return link.url;
}

async function resolveStadsdorpId(deps: Deps, input: AccountInput): Promise<number | null> {
  if (input.role !== 'stadsdorp') return null;
  return (await getStadsdorp(deps, input.stadsdorp!)).id;
}

/** createAccount adds an account; an address that has one already is refused. */
export async function createAccount(deps: Deps, actor: Actor | null, input: AccountInput): Promise<Account> {
  const stadsdorpId = await resolveStadsdorpId(deps, input);
  let id: number;
  try {
    id = await repo.insertAccount(deps.db, {
      email: input.email,
      name: input.name,
      role: input.role,
      stadsdorpId,
      now: iso(deps.now()),
    });
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) {
      throw new AppError('conflict', `Er is al een account voor ${input.email}.`, {
        email: `Er is al een account voor ${input.email}.`,
      });
    }
    throw err;
  }
  if (actor) await logActivity(deps, actor, 'account-create', input.email);
  return (await repo.findAccountById(deps.db, id))!;
}

/** inviteAccount makes an account and mails its owner a link valid 7 days. */
export async function inviteAccount(deps: Deps, actor: Actor, input: AccountInput): Promise<Account> {
  const account = await createAccount(deps, null, input);
  await mailLink(deps, account, 'invite', null, [
    repo.activityStmt({
      accountId: actor.accountId,
      actorName: actor.name,
      action: 'invite',
      subject: `${account.name} <${account.email}> (${account.role === 'coco' ? 'CoCo' : 'redacteur'})`,
      now: iso(deps.now()),
    }),
  ]);
  return account;
}

/** firstAccountLink makes a link to create the first CoCo account, or answers null when accounts exist. */
export async function firstAccountLink(deps: Deps): Promise<string | null> {
  if ((await repo.countAccounts(deps.db)) > 0) return null;
  const link = newLink(deps, 'first-account', null, null);
  await deps.db.batch([link.statement]);
  return link.url;
}

/** LinkState is what a link page shows: a button to press, or why the link no longer works. */
export type LinkState =
  | { status: 'valid'; purpose: LinkPurpose; account: Account | null }
  | { status: 'used' | 'expired' | 'invalid' };

async function lookUpLink(deps: Deps, token: string) {
  const link = await repo.findLinkByHash(deps.db, hashSecret(token));
  if (!link) return { state: { status: 'invalid' } as LinkState };
  if (link.used_at) return { state: { status: 'used' } as LinkState };
  if (link.expires_at <= iso(deps.now())) return { state: { status: 'expired' } as LinkState };
  const account = link.account_id ? await repo.findAccountById(deps.db, link.account_id) : null;
  if (account?.disabledAt) return { state: { status: 'invalid' } as LinkState };
  if (link.purpose === 'first-account' && (await repo.countAccounts(deps.db)) > 0)
    return { state: { status: 'used' } as LinkState };
  return { link, state: { status: 'valid', purpose: link.purpose, account: account ?? null } as LinkState };
}

/** linkState tells what a link is, without changing anything (mail scanners open links). */
export async function linkState(deps: Deps, token: string): Promise<LinkState> {
  return (await lookUpLink(deps, token)).state;
}

/** NewSession is a session just made: the token for the cookie and where to go. */
export interface NewSession {
  token: string;
  account: Account;
  next: string;
}

async function startSession(
  deps: Deps,
  account: Account,
  userAgent: string,
  next: string | null,
): Promise<NewSession> {
  const now = deps.now();
  const token = randomBytes(32).toString('base64url');
  await deps.db.batch([
    repo.insertSessionStmt({
      tokenHash: hashSecret(token),
      accountId: account.id,
      now: iso(now),
      expiresAt: iso(new Date(now.getTime() + SESSION_MAX_MS)),
      userAgent: userAgent.slice(0, 300),
    }),
    repo.markLoginStmt(account.id, iso(now)),
    repo.activityStmt({
      accountId: account.id,
      actorName: account.name,
      action: 'login',
      subject: '',
      now: iso(now),
    }),
    ...pruneStatements(deps),
  ]);
  return { token, account: { ...account, lastLoginAt: iso(now) }, next: next ?? '/beheer' };
}

/** spendLoginLink spends a login or invitation link and starts a session. */
export async function spendLoginLink(deps: Deps, token: string, userAgent: string): Promise<NewSession> {
  const { link, state } = await lookUpLink(deps, token);
  if (state.status !== 'valid' || !link || !state.account) {
    throw new AppError('conflict', 'Deze link werkt niet meer. Vraag een nieuwe aan.');
  }
  await spend(deps, link.id);
  return startSession(deps, state.account, userAgent, safeNextPath(link.next_path));
}

// Spending comes first: of two presses at once, one wins and the other makes nothing.
async function spend(deps: Deps, linkId: number): Promise<void> {
  if (!(await repo.spendLink(deps.db, linkId, iso(deps.now())))) {
    throw new AppError('conflict', 'Deze link is al gebruikt of verlopen. Vraag een nieuwe aan.');
  }
}

/** createFirstAccount spends the first-start link: makes the first CoCo account and logs it in. */
export async function createFirstAccount(
  deps: Deps,
  token: string,
  input: { name: string; email: string },
  userAgent: string,
): Promise<NewSession> {
  const { link, state } = await lookUpLink(deps, token);
  if (state.status !== 'valid' || !link || state.purpose !== 'first-account') {
    throw new AppError(
      'conflict',
      'Deze link werkt niet meer: er is al een account, of de link is verlopen.',
    );
  }
  await spend(deps, link.id);
  const account = await createAccount(deps, null, { ...input, role: 'coco' });
  await logActivity(deps, actorOf(account), 'account-create', `${account.email} (eerste account)`);
  return startSession(deps, account, userAgent, null);
}

/**
 * setupSecretMatches compares a typed setup secret with SETUP_SECRET in constant time: both are
 * hashed first, so neither their length nor their first differing character shows in the time taken.
 */
export function setupSecretMatches(expected: string, given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** SetupState is what the setup page can do: nothing without SETUP_SECRET, nothing once a CoCo account is active. */
export type SetupState = 'off' | 'done' | 'open';

/** setupState tells whether the first CoCo account may be made with SETUP_SECRET. */
export async function setupState(deps: Deps): Promise<SetupState> {
  if (!deps.config.setupSecret) return 'off';
  return (await repo.hasActiveCoco(deps.db)) ? 'done' : 'open';
}

/**
 * createFirstAccountWithSecret makes the first CoCo account with the setup secret (where no
 * terminal on the server can print a first-start link, as on Workers) and logs it in. It works
 * only while no active CoCo account exists; the check and the insert are one statement.
 */
export async function createFirstAccountWithSecret(
  deps: Deps,
  secret: string,
  input: { name: string; email: string },
  userAgent: string,
): Promise<NewSession> {
  const expected = deps.config.setupSecret;
  if (!expected) throw new AppError('not_found', 'Deze pagina staat uit: SETUP_SECRET is niet ingesteld.');
  if (!setupSecretMatches(expected, secret)) {
    deps.log.warn('first account refused: wrong setup secret');
    throw new AppError('forbidden', 'Deze instelcode klopt niet.', {
      secret: 'Deze instelcode klopt niet. Vul de waarde van SETUP_SECRET precies in.',
    });
  }
  let id: number | null;
  try {
    id = await repo.insertFirstCocoAccount(deps.db, { ...input, now: iso(deps.now()) });
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE'))
      throw new AppError('conflict', `Er is al een account voor ${input.email}.`, {
        email: `Er is al een account voor ${input.email}; kies een ander e-mailadres.`,
      });
    throw err;
  }
  if (id === null)
    throw new AppError(
      'conflict',
      'Er is al een CoCo-account. Log in, of vraag een CoCo-lid om een uitnodiging.',
    );
  const account = (await repo.findAccountById(deps.db, id))!;
  await logActivity(
    deps,
    actorOf(account),
    'account-create',
    `${account.email} (eerste account, met SETUP_SECRET)`,
  );
  return startSession(deps, account, userAgent, null);
}

/** SessionView is a valid session with its account. */
export interface SessionView {
  session: Session;
  account: Account;
}

/**
 * sessionOf resolves a cookie's token to its session and account, or undefined when the
 * session is unknown, idle for 12 hours, older than 30 days, or its account disabled.
 */
export async function sessionOf(deps: Deps, token: string): Promise<SessionView | undefined> {
  const session = await repo.findSessionByHash(deps.db, hashSecret(token));
  if (!session) return undefined;
  const now = deps.now();
  const idleSince = now.getTime() - Date.parse(session.lastSeenAt);
  if (idleSince >= SESSION_IDLE_MS || Date.parse(session.expiresAt) <= now.getTime()) {
    await repo.deleteSession(deps.db, session.id);
    return undefined;
  }
  const account = await repo.findAccountById(deps.db, session.accountId);
  if (!account || account.disabledAt) return undefined;
  if (idleSince >= TOUCH_AFTER_MS) {
    await repo.touchSession(deps.db, session.id, iso(now));
    session.lastSeenAt = iso(now);
  }
  return { session, account };
}

/** endSession logs one session out. */
export async function endSession(deps: Deps, sessionId: number): Promise<void> {
  await repo.deleteSession(deps.db, sessionId);
}

/** endAllSessions logs an account out everywhere, this browser included. */
export async function endAllSessions(deps: Deps, account: Account): Promise<number> {
  const n = await repo.deleteSessionsOf(deps.db, account.id);
  await logActivity(deps, actorOf(account), 'logout-everywhere', `${n} sessies`);
  return n;
}

/** sessionsOf lists an account's sessions. */
export function sessionsOf(deps: Deps, account: Account): Promise<Session[]> {
  return repo.sessionsOf(deps.db, account.id);
}

/** accounts lists every account. */
export function accounts(deps: Deps): Promise<Account[]> {
  return repo.allAccounts(deps.db);
}

/** accountById finds an account, or throws not_found. */
export async function accountById(deps: Deps, id: number): Promise<Account> {
  return (await repo.findAccountById(deps.db, id)) ?? notFound(`Account ${id}`);
}

/** disableAccount closes an account: it can no longer log in and its sessions end at once. */
export async function disableAccount(deps: Deps, actor: Actor, id: number): Promise<Account> {
  const account = (await repo.findAccountById(deps.db, id)) ?? notFound(`Account ${id}`);
  if (account.id === actor.accountId) {
    throw new AppError('validation', 'U kunt uw eigen account niet uitschakelen. Vraag een ander CoCo-lid.');
  }
  const now = iso(deps.now());
  await deps.db.batch([
    ...repo.disableAccountStmts(id, now),
    repo.activityStmt({
      accountId: actor.accountId,
      actorName: actor.name,
      action: 'disable',
      subject: `${account.name} <${account.email}>`,
      now,
    }),
  ]);
  return (await repo.findAccountById(deps.db, id))!;
}

function pruneStatements(deps: Pick<AppDeps, 'now'>) {
  const now = deps.now().getTime();
  return repo.pruneStmts({
    now: new Date(now).toISOString(),
    idleBefore: new Date(now - SESSION_IDLE_MS).toISOString(),
    activityBefore: new Date(now - ACTIVITY_KEEP_MS).toISOString(),
  });
}

/** pruneAccounts forgets ended sessions, expired links and activity older than a year (run at each login and on a timer). */
export async function pruneAccounts(deps: Pick<AppDeps, 'db' | 'now'>): Promise<void> {
  await deps.db.batch(pruneStatements(deps));
}

/**
 * startupNotes are the lines the server logs when it starts: where the signup page and beheer
 * are, and while no account exists, the one-time link that makes the first CoCo account.
 */
export async function startupNotes(deps: Deps): Promise<string[]> {
  const base = deps.config.publicUrl;
  const lines = [`Aanmeldformulier: ${base}/aanmelden`, `Beheer: ${base}/beheer`];
  const first = await firstAccountLink(deps);
  if (first) {
    lines.push(
      `Er is nog geen account. Maak het eerste CoCo-account met deze link (${LINK_VALID_FOR['first-account']} geldig, één keer): ${first}`,
    );
  }
  return lines;
}
