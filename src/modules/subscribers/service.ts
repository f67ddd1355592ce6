import type { Statement } from '../../db/port.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { forgetOutboxStatement } from '../../mail/transports/outbox.js';
import { type LinkPurpose, verifyLinkToken } from '../auth/link-token.js';
import type { TransactionalMail } from '../notifications/mails.js';
import { findStadsdorpById, findStadsdorpBySlug } from '../stadsdorpen/repo.js';
import type { Stadsdorp } from '../stadsdorpen/schema.js';
import { hashEmail, newPublicId } from './identity.js';
import { queueMailStmt } from './mail-queue.js';
import {
  allLists,
  consentOf,
  consentStmt,
  eraseStmts,
  findSubscriberByEmail,
  findSubscriberByPublicId,
  insertSubscriberStmt,
  setStatusStmt,
  subscriptionsOf,
  updateSubscriberStmt,
} from './repo.js';
import {
  ACTIVE_STATUSES,
  type ConsentAction,
  type ConsentEntry,
  type MailingList,
  type SignupInput,
  type Subscriber,
  type Subscription,
  type SubscriptionStatus,
} from './schema.js';

/** SOURCES names every public form and link version, as the consent log records it. */
export const SOURCES = {
  api: 'api:signup@v1',
  form: 'form:aanmelden@v1',
  confirm: 'link:bevestigen@v1',
  preferences: 'form:voorkeuren@v1',
  unsubscribe: 'link:afmelden@v1',
  oneClick: 'one-click:afmelden@v1',
  erase: 'form:wissen@v1',
} as const;

/** Origin is where a change of consent came from: a form or API version, an import, a user. */
export interface Origin {
  source: string;
  detail?: string | null;
}

/** ChangeSet collects one request's statements and consent entries, written in one batch. */
export class ChangeSet {
  readonly statements: Statement[] = [];
  readonly now: string;
  constructor(now: Date) {
    this.now = now.toISOString();
  }

  /** setStatus changes a subscription and logs it as action. */
  setStatus(
    who: { publicId: string; email: string },
    list: MailingList | Pick<Subscription, 'listId'>,
    status: SubscriptionStatus,
    action: ConsentAction,
    origin: Origin,
  ): void {
    const listId = 'listId' in list ? list.listId : list.id;
    this.statements.push(setStatusStmt(who.publicId, listId, status, this.now));
    this.log(who, listId, action, origin);
  }

  /** mail queues a mail of the subscriber flow in the same batch, sent by the mail worker once it commits. */
  mail(who: { publicId: string }, mail: TransactionalMail): void {
    this.statements.push(queueMailStmt(who.publicId, mail, this.now));
  }

  /** log appends a consent entry without a status change. */
  log(
    who: { publicId: string; email: string },
    listId: number | null,
    action: ConsentAction,
    origin: Origin,
  ) {
    this.statements.push(
      consentStmt({
        publicId: who.publicId,
        listId,
        action,
        source: origin.source,
        detail: origin.detail ?? null,
        now: this.now,
      }),
    );
  }
}

/** resolveChoice checks list slugs and a stadsdorp slug together, so one answer names every wrong field. */
export async function resolveChoice(
  deps: Pick<AppDeps, 'db'>,
  slugs: string[],
  stadsdorpSlug: string | null,
): Promise<{ lists: MailingList[]; stadsdorp: Stadsdorp | null; all: MailingList[] }> {
  const all = await allLists(deps.db);
  const fields: Record<string, string> = {};
  const lists = all.filter((l) => slugs.includes(l.slug));
  const unknown = slugs.filter((s) => !all.some((l) => l.slug === s));
  if (unknown.length > 0) {
    fields.lists = `Onbekende lijst: ${unknown.join(', ')}. Kies uit: ${all.map((l) => l.slug).join(', ')}.`;
  }
  let stadsdorp: Stadsdorp | null = null;
  if (stadsdorpSlug) {
    stadsdorp = (await findStadsdorpBySlug(deps.db, stadsdorpSlug)) ?? null;
    if (!stadsdorp)
      fields.stadsdorp = `Onbekend stadsdorp: "${stadsdorpSlug}". Kies een stadsdorp uit de lijst.`;
  }
  const needsStadsdorp = lists.find((l) => l.requiresStadsdorp);
  if (needsStadsdorp && !stadsdorp && !fields.stadsdorp) {
    fields.stadsdorp = `Kies uw stadsdorp: dat is nodig voor de lijst ${needsStadsdorp.name}.`;
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError('validation', Object.values(fields).join(' '), fields);
  }
  return { lists, stadsdorp, all };
}

/**
 * signup records a request to join lists and mails a confirmation link. It answers
 * nothing, whatever the address's history, so no one can probe who is subscribed.
 * A known person's name and stadsdorp are only filled in, never overwritten: the
 * form proves nothing about who typed it. Someone who unsubscribed and signs up
 * again gives new consent, and confirms again.
 */
export async function signup(deps: AppDeps, input: SignupInput, origin: Origin): Promise<void> {
  const { lists, stadsdorp } = await resolveChoice(deps, input.lists, input.stadsdorp);
  // Nearly every signup is of an address not known yet: its batch is written without reading
  // first. Every row in it hangs on the new person's row (found by their new public id), so
  // when the address turns out to be known, the insert does nothing, nor does the rest, and
  // the known person's path below follows.
  const fresh = new ChangeSet(deps.now());
  const newcomer = { publicId: newPublicId(), email: input.email, name: input.name };
  fresh.statements.push(
    insertSubscriberStmt({ ...newcomer, stadsdorpId: stadsdorp?.id ?? null, now: fresh.now }),
  );
  signupChanges(fresh, newcomer, lists, [], origin);
  const [inserted] = await deps.db.batch(fresh.statements);
  if ((inserted?.changes ?? 0) > 0) {
    deps.runtime.wakeWorkers('transactional');
    return;
  }
  const changes = new ChangeSet(deps.now());
  const existing = await findSubscriberByEmail(deps.db, input.email);
  let who: { publicId: string; email: string; name: string | null };
  let current: Subscription[] = [];
  if (!existing) {
    // Erased between the two batches: a new person after all.
    who = newcomer;
    changes.statements.push(
      insertSubscriberStmt({ ...who, stadsdorpId: stadsdorp?.id ?? null, now: changes.now }),
    );
  } else {
    // A bounced or complaining address is suppressed: mailing it again would hurt the sender's reputation.
    if (existing.suppressedAt) return;
    who = { publicId: existing.publicId, email: existing.email, name: existing.name ?? input.name };
    current = await subscriptionsOf(deps.db, existing.id);
    if ((!existing.name && input.name) || (!existing.stadsdorpId && stadsdorp)) {
      changes.statements.push(
        updateSubscriberStmt(existing.publicId, {
          name: who.name,
          stadsdorpId: existing.stadsdorpId ?? stadsdorp?.id ?? null,
          now: changes.now,
        }),
      );
    }
  }
  signupChanges(changes, who, lists, current, origin);
  if (changes.statements.length > 0) {
    await deps.db.batch(changes.statements);
    deps.runtime.wakeWorkers('transactional');
  }
}

/**
 * signupChanges adds what a signup to these lists changes for a person with these current
 * subscriptions: new or unsubscribed ones become unconfirmed (with consent), and one mail
 * asks to confirm every list still waiting for it.
 */
function signupChanges(
  changes: ChangeSet,
  who: { publicId: string; email: string },
  lists: MailingList[],
  current: Subscription[],
  origin: Origin,
): void {
  for (const list of lists) {
    const status = current.find((s) => s.listId === list.id)?.status;
    if (status === undefined || status === 'unsubscribed') {
      changes.setStatus(who, list, 'unconfirmed', 'signup', origin);
    }
  }
  const waiting = lists.filter((l) => {
    const status = current.find((s) => s.listId === l.id)?.status;
    return status === undefined || status === 'unsubscribed' || status === 'unconfirmed';
  });
  if (waiting.length > 0) changes.mail(who, { kind: 'confirm', listNames: waiting.map((l) => l.name) });
}

/** LinkSubject is a verified link: the subscriber it names, or why it does not work. */
export type LinkSubject =
  | { status: 'valid' | 'expired'; subscriber: Subscriber; extra?: string }
  | { status: 'invalid' };

/** subjectOf verifies a link token and finds the subscriber it names; an erased person's link is invalid. */
export async function subjectOf(deps: AppDeps, token: string, purpose: LinkPurpose): Promise<LinkSubject> {
  const v = verifyLinkToken(deps.config.secretKey, token, purpose, deps.now());
  if (v.status === 'invalid') return v;
  const subscriber = await findSubscriberByPublicId(deps.db, v.claims.subject);
  if (!subscriber) return { status: 'invalid' };
  return { status: v.status, subscriber, extra: v.claims.extra };
}

/** ConfirmOutcome is what the confirmation page shows. */
export type ConfirmOutcome =
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'confirmed'; publicId: string; name: string | null; subscriptions: Subscription[] };

/** confirmationLink reads a confirmation link: whose, their subscriptions, and those still unconfirmed. */
async function confirmationLink(deps: AppDeps, token: string) {
  const subject = await subjectOf(deps, token, 'confirm');
  if (subject.status === 'invalid') return null;
  const sub = subject.subscriber;
  const current = await subscriptionsOf(deps.db, sub.id);
  return { status: subject.status, sub, current, open: current.filter((s) => s.status === 'unconfirmed') };
}

/** confirmed is the confirmation page of a person: the lists they are (or wait to be) on. */
function confirmed(
  sub: Subscriber,
  subscriptions: Subscription[],
): Extract<ConfirmOutcome, { kind: 'confirmed' }> {
  return {
    kind: 'confirmed',
    publicId: sub.publicId,
    name: sub.name,
    subscriptions: subscriptions.filter((s) => s.status !== 'unsubscribed'),
  };
}

/**
 * confirm turns every unconfirmed subscription of the link's subscriber into
 * confirmed, or pending_approval for lists that need the CoCo's approval, and
 * sends the welcome mail. A second visit changes nothing and shows the same page;
 * an expired link whose work is already done shows that page too.
 */
export async function confirm(deps: AppDeps, token: string): Promise<ConfirmOutcome> {
  const link = await confirmationLink(deps, token);
  if (!link) return { kind: 'invalid' };
  const { sub, open } = link;
  if (open.length === 0) return confirmed(sub, link.current);
  if (link.status === 'expired') return { kind: 'expired' };
  const changes = new ChangeSet(deps.now());
  for (const s of open) {
    changes.setStatus(sub, s, s.requiresApproval ? 'pending_approval' : 'confirmed', 'confirm', {
      source: SOURCES.confirm,
    });
  }
  changes.mail(sub, {
    kind: 'welcome',
    listNames: open.map((s) => s.listName),
    pendingApproval: open.some((s) => s.requiresApproval),
  });
  await deps.db.batch(changes.statements);
  deps.runtime.wakeWorkers('transactional');
  return confirmed(sub, await subscriptionsOf(deps.db, sub.id));
}

/** ConfirmView is what the confirmation link shows before the button is pressed. */
export type ConfirmView =
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'ask'; listNames: string[] }
  | Extract<ConfirmOutcome, { kind: 'confirmed' }>;

/**
 * confirmationOf tells what confirm would do with this link, and changes nothing:
 * mail link scanners open every link, so only the button's POST may confirm. When
 * nothing waits any more it answers as confirm does, since confirming again is harmless.
 */
export async function confirmationOf(deps: AppDeps, token: string): Promise<ConfirmView> {
  const link = await confirmationLink(deps, token);
  if (!link) return { kind: 'invalid' };
  if (link.open.length === 0) return confirmed(link.sub, link.current);
  if (link.status === 'expired') return { kind: 'expired' };
  return { kind: 'ask', listNames: link.open.map((s) => s.listName) };
}

/** resendConfirmation mails a fresh confirmation link for an (expired) confirmation link, if anything still waits. */
export async function resendConfirmation(deps: AppDeps, token: string): Promise<boolean> {
  const link = await confirmationLink(deps, token);
  if (!link) return false;
  const { sub, open } = link;
  if (open.length > 0 && !sub.suppressedAt) {
    const changes = new ChangeSet(deps.now());
    changes.mail(sub, { kind: 'confirm', listNames: open.map((s) => s.listName) });
    await deps.db.batch(changes.statements);
    deps.runtime.wakeWorkers('transactional');
  }
  return true;
}

/** PreferencesView is what the preference page needs: the person, every list and their status. */
export interface PreferencesView {
  name: string | null;
  email: string;
  stadsdorpSlug: string | null;
  lists: (MailingList & { status: SubscriptionStatus | null })[];
}

/** preferencesOf builds the preference page for a subscriber. */
export async function preferencesOf(deps: AppDeps, sub: Subscriber): Promise<PreferencesView> {
  const [lists, current, stadsdorp] = await Promise.all([
    allLists(deps.db),
    subscriptionsOf(deps.db, sub.id),
    sub.stadsdorpId ? findStadsdorpById(deps.db, sub.stadsdorpId) : undefined,
  ]);
  return {
    name: sub.name,
    email: sub.email,
    stadsdorpSlug: stadsdorp?.slug ?? null,
    lists: lists.map((l) => ({ ...l, status: current.find((s) => s.listId === l.id)?.status ?? null })),
  };
}

/**
 * savePreferences applies the preference form. The link proves the address, so a
 * list added here is confirmed at once (pending_approval where the CoCo approves);
 * an unticked list is unsubscribed. Bounced and complained stay as they are.
 */
export async function savePreferences(
  deps: AppDeps,
  sub: Subscriber,
  input: { name: string | null; lists: string[]; stadsdorp: string | null },
): Promise<void> {
  const { all, stadsdorp } = await resolveChoice(deps, input.lists, input.stadsdorp);
  const current = await subscriptionsOf(deps.db, sub.id);
  const changes = new ChangeSet(deps.now());
  const origin = { source: SOURCES.preferences };
  for (const list of all) {
    const status = current.find((s) => s.listId === list.id)?.status ?? null;
    const wanted = input.lists.includes(list.slug);
    if (wanted && (status === null || status === 'unsubscribed' || status === 'unconfirmed')) {
      if (status !== 'unconfirmed') changes.log(sub, list.id, 'signup', origin);
      changes.setStatus(sub, list, list.requiresApproval ? 'pending_approval' : 'confirmed', 'confirm', {
        ...origin,
        detail: 'adres bewezen door de voorkeurenlink',
      });
    } else if (!wanted && status !== null && ACTIVE_STATUSES.includes(status)) {
      changes.setStatus(sub, list, 'unsubscribed', 'unsubscribe', origin);
    }
  }
  const stadsdorpId = stadsdorp?.id ?? null;
  if (input.name !== sub.name || stadsdorpId !== sub.stadsdorpId) {
    changes.statements.push(
      updateSubscriberStmt(sub.publicId, { name: input.name, stadsdorpId, now: changes.now }),
    );
  }
  if (changes.statements.length > 0) await deps.db.batch(changes.statements);
}

/** UnsubscribeOutcome is what the unsubscribe page shows. */
export type UnsubscribeOutcome =
  | { kind: 'invalid' }
  | { kind: 'done'; listNames: string[]; all: boolean; changed: boolean };

/**
 * unsubscribe ends the link's list (its extra claim), or every list when it names
 * none. The "unsubscribed" mail goes only when something changed, so repeated
 * posts (mail clients retry one-click) mail once.
 */
export async function unsubscribe(
  deps: AppDeps,
  token: string,
  oneClick: boolean,
): Promise<UnsubscribeOutcome> {
  const subject = await subjectOf(deps, token, 'unsubscribe');
  if (subject.status === 'invalid') {
    // A well-signed link of an erased person: there is nothing left to unsubscribe.
    const v = verifyLinkToken(deps.config.secretKey, token, 'unsubscribe', deps.now());
    return v.status === 'invalid'
      ? { kind: 'invalid' }
      : { kind: 'done', listNames: [], all: true, changed: false };
  }
  const sub = subject.subscriber;
  const current = await subscriptionsOf(deps.db, sub.id);
  const targets = subject.extra ? current.filter((s) => s.list === subject.extra) : current;
  const ending = targets.filter((s) => ACTIVE_STATUSES.includes(s.status));
  if (ending.length > 0) {
    const changes = new ChangeSet(deps.now());
    const origin = { source: oneClick ? SOURCES.oneClick : SOURCES.unsubscribe };
    for (const s of ending) changes.setStatus(sub, s, 'unsubscribed', 'unsubscribe', origin);
    changes.mail(sub, { kind: 'unsubscribed', listNames: ending.map((s) => s.listName) });
    await deps.db.batch(changes.statements);
    deps.runtime.wakeWorkers('transactional');
  }
  return {
    kind: 'done',
    listNames: (ending.length > 0 ? ending : targets).map((s) => s.listName),
    all: !subject.extra,
    changed: ending.length > 0,
  };
}

/** SubscriberExport is everything held on one person: the AVG right of access. */
export interface SubscriberExport {
  exportedAt: string;
  subscriber: {
    id: number;
    email: string;
    name: string | null;
    stadsdorp: { slug: string; name: string } | null;
    suppressedAt: string | null;
    suppressionReason: string | null;
    createdAt: string;
    updatedAt: string;
  };
  subscriptions: {
    list: string;
    listName: string;
    status: SubscriptionStatus;
    createdAt: string;
    updatedAt: string;
  }[];
  consentLog: ConsentEntry[];
}

/** exportOf gathers everything we hold on a subscriber, consent log included. */
export async function exportOf(deps: AppDeps, sub: Subscriber): Promise<SubscriberExport> {
  const [subscriptions, consentLog, stadsdorp] = await Promise.all([
    subscriptionsOf(deps.db, sub.id),
    consentOf(deps.db, sub.id),
    sub.stadsdorpId ? findStadsdorpById(deps.db, sub.stadsdorpId) : undefined,
  ]);
  return {
    exportedAt: deps.now().toISOString(),
    subscriber: {
      id: sub.id,
      email: sub.email,
      name: sub.name,
      stadsdorp: stadsdorp ? { slug: stadsdorp.slug, name: stadsdorp.name } : null,
      suppressedAt: sub.suppressedAt,
      suppressionReason: sub.suppressionReason,
      createdAt: sub.createdAt,
      updatedAt: sub.updatedAt,
    },
    subscriptions: subscriptions.map((s) => ({
      list: s.list,
      listName: s.listName,
      status: s.status,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    })),
    consentLog,
  };
}

/** ErasedPerson is who an erase forgets, as the modules holding copies of them find those. */
export interface ErasedPerson {
  id: number;
  email: string;
  name: string | null;
  /** The salted hash the consent log keeps in their place. */
  emailHash: string;
}

/**
 * ForgetCopies gives the statements with which modules above subscribers forget their copies
 * of a person in the batch of their erase. They are handed in (app.ts, the public pages and
 * beheer pass delivery's forgetCopiesOfPerson: delivery's address copies and accounts'
 * activity log), since subscribers may not import them.
 */
export type ForgetCopies = (person: ErasedPerson, now: string) => Statement[];

/**
 * erasePerson forgets a person (AVG right to erasure) in one batch: the row, subscriptions
 * and queued mails go; the consent log trades the person for the salted hash of the
 * address, and an `erase` entry records who asked (source). The outbox copies of mails to
 * them live in the outbox's own database: they go first, so that an erase cut short by a
 * crash leaves the person to erase again, and once more after, for a mail the worker stored
 * in between. forgetCopies forgets what modules above this one copied (delivery's
 * deliveries keep the address for retries, beheer's activity log names the person), in the
 * same batch.
 */
export async function erasePerson(
  deps: AppDeps,
  sub: Subscriber,
  source: string,
  forgetCopies: ForgetCopies,
): Promise<void> {
  const forget = forgetOutboxStatement(sub.email);
  await deps.outboxDb.run(forget.sql, forget.params);
  const now = deps.now().toISOString();
  const emailHash = hashEmail(deps.config.secretKey, sub.email);
  await deps.db.batch(
    eraseStmts(
      { id: sub.id, emailHash, source, now },
      forgetCopies({ id: sub.id, email: sub.email, name: sub.name, emailHash }, now),
    ),
  );
  await deps.outboxDb.run(forget.sql, forget.params);
}

/**
 * requestErase mails the person the link that erases them. The preference page's link sits
 * in every mail and travels with a forwarded one, so erasing, which cannot be undone, asks
 * for proof that the request comes from the mailbox itself.
 */
export async function requestErase(deps: AppDeps, sub: Subscriber): Promise<void> {
  const changes = new ChangeSet(deps.now());
  changes.mail(sub, { kind: 'erase', listNames: [] });
  await deps.db.batch(changes.statements);
  deps.runtime.wakeWorkers('transactional');
}

/** EraseOutcome is what the erase link's page shows. */
export type EraseOutcome = { kind: 'invalid' } | { kind: 'expired' } | { kind: 'erased' };

/** eraseByLink erases the person a valid erase link names (source form:wissen@v1). */
export async function eraseByLink(
  deps: AppDeps,
  token: string,
  forgetCopies: ForgetCopies,
): Promise<EraseOutcome> {
  const subject = await subjectOf(deps, token, 'erase');
  if (subject.status === 'invalid') return { kind: 'invalid' };
  if (subject.status === 'expired') return { kind: 'expired' };
  await erasePerson(deps, subject.subscriber, SOURCES.erase, forgetCopies);
  return { kind: 'erased' };
}
