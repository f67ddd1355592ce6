import { isConstraintError } from '../../db/constraint.js';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Principal } from '../../kernel/principal.js';
import { listStadsdorpen } from '../stadsdorpen/repo.js';
import { newPublicId } from './identity.js';
import {
  allLists,
  consentOf,
  findSubscriberByEmail,
  findSubscriberById,
  insertList,
  insertSubscriberStmt,
  searchSubscribers,
  setSuppressionStmt,
  subscriptionsOf,
  subscriptionsOfMany,
  updateList,
  updateSubscriberStmt,
} from './repo.js';
import {
  ACTIVE_STATUSES,
  type ConsentEntry,
  type ListCreate,
  type ListPatch,
  type MailingList,
  type PersonAdd,
  type Subscriber,
  type SubscriberCreate,
  type SubscriberItem,
  type SubscriberPatch,
  type SubscriberQuery,
  type Subscription,
} from './schema.js';
import {
  ChangeSet,
  erasePerson,
  exportOf,
  type ForgetCopies,
  resolveChoice,
  type SubscriberExport,
} from './service.js';

const userSource = (p: Principal) => `user:${p.name}`;

/** lists returns every list for the CoCo. */
export async function lists(deps: AppDeps): Promise<MailingList[]> {
  return allLists(deps.db);
}

/** createList adds a list; its slug must be new. */
export async function createList(deps: AppDeps, input: ListCreate): Promise<MailingList> {
  try {
    await insertList(deps.db, { ...input, now: deps.now().toISOString() });
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) {
      throw new AppError('conflict', `Er is al een lijst met de korte naam "${input.slug}".`, {
        slug: 'is al in gebruik',
      });
    }
    throw err;
  }
  return (await allLists(deps.db)).find((l) => l.slug === input.slug)!;
}

/** describeList changes a list's name and description; its slug and rules stay as they are. */
export async function describeList(deps: AppDeps, slug: string, patch: ListPatch): Promise<MailingList> {
  if (!(await updateList(deps.db, slug, patch))) notFound(`Lijst "${slug}"`);
  return (await allLists(deps.db)).find((l) => l.slug === slug)!;
}

async function toItems(deps: AppDeps, subs: Subscriber[]): Promise<SubscriberItem[]> {
  const [subscriptions, stadsdorpen] = await Promise.all([
    subscriptionsOfMany(
      deps.db,
      subs.map((s) => s.id),
    ),
    listStadsdorpen(deps.db),
  ]);
  return subs.map((s) => {
    const sd = s.stadsdorpId ? stadsdorpen.find((d) => d.id === s.stadsdorpId) : undefined;
    return {
      id: s.id,
      email: s.email,
      name: s.name,
      stadsdorp: sd ? { slug: sd.slug, name: sd.name } : null,
      subscriptions: (subscriptions.get(s.id) ?? []).map((x) => ({ list: x.list, status: x.status })),
      suppressed: s.suppressedAt !== null,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  });
}

/** findSubscribers searches and filters subscribers, one keyset page at a time. */
export async function findSubscribers(
  deps: AppDeps,
  q: SubscriberQuery,
): Promise<{ items: SubscriberItem[]; nextCursor: string | null }> {
  let listId: number | undefined;
  let stadsdorpId: number | undefined;
  if (q.stadsdorp) {
    stadsdorpId = (await listStadsdorpen(deps.db)).find((d) => d.slug === q.stadsdorp)?.id;
    if (stadsdorpId === undefined) {
      throw new AppError('validation', `Onbekend stadsdorp: ${q.stadsdorp}.`, {
        stadsdorp: 'Kies een stadsdorp uit de lijst.',
      });
    }
  }
  if (q.list) {
    const all = await allLists(deps.db);
    listId = all.find((l) => l.slug === q.list)?.id;
    if (listId === undefined) {
      throw new AppError('validation', `Onbekende lijst: ${q.list}.`, {
        list: `Kies uit: ${all.map((l) => l.slug).join(', ')}.`,
      });
    }
  }
  const page = await searchSubscribers(deps.db, { ...q, listId, stadsdorpId });
  const last = page.at(-1);
  return {
    items: await toItems(deps, page),
    nextCursor: page.length === q.limit && last ? String(last.id) : null,
  };
}

async function mustFind(deps: AppDeps, id: number): Promise<Subscriber> {
  return (await findSubscriberById(deps.db, id)) ?? notFound(`Abonnee ${id}`);
}

/** subscriberItem returns one subscriber as the admin API lists it. */
export async function subscriberItem(deps: AppDeps, id: number): Promise<SubscriberItem> {
  const [item] = await toItems(deps, [await mustFind(deps, id)]);
  return item!;
}

/** exportSubscriber returns everything we hold on one person. */
export async function exportSubscriber(deps: AppDeps, id: number): Promise<SubscriberExport> {
  return exportOf(deps, await mustFind(deps, id));
}

/** createSubscriber lets the CoCo add a person with chosen statuses; unconfirmed ones get a confirmation mail. */
export async function createSubscriber(
  deps: AppDeps,
  principal: Principal,
  input: SubscriberCreate,
): Promise<SubscriberItem> {
  const { lists: chosen, stadsdorp } = await resolveChoice(
    deps,
    input.lists.map((l) => l.list),
    input.stadsdorp,
  );
  if (await findSubscriberByEmail(deps.db, input.email)) {
    throw new AppError('conflict', 'Dit e-mailadres staat er al in; pas die abonnee aan.', {
      email: 'bestaat al',
    });
  }
  const who = { publicId: newPublicId(), email: input.email, name: input.name };
  const changes = new ChangeSet(deps.now());
  changes.statements.push(
    insertSubscriberStmt({ ...who, stadsdorpId: stadsdorp?.id ?? null, now: changes.now }),
  );
  for (const { list, status } of input.lists) {
    changes.setStatus(who, chosen.find((l) => l.slug === list)!, status, 'admin_edit', {
      source: userSource(principal),
      detail: `status: ${status}`,
    });
  }
  const unconfirmed = input.lists.filter((l) => l.status === 'unconfirmed');
  if (unconfirmed.length > 0) {
    const names = unconfirmed.map((u) => chosen.find((l) => l.slug === u.list)!.name);
    changes.mail(who, { kind: 'confirm', listNames: names });
  }
  await deps.db.batch(changes.statements);
  deps.runtime.wakeWorkers('transactional');
  const created = await findSubscriberByEmail(deps.db, input.email);
  return subscriberItem(deps, created!.id);
}

/** SubscriberDetail is one person with everything beheer's detail page shows and the version its form carries. */
export interface SubscriberDetail {
  item: SubscriberItem;
  suppressedAt: string | null;
  suppressionReason: string | null;
  subscriptions: Subscription[];
  consentLog: ConsentEntry[];
  /** Changes whenever name, stadsdorp, block or any status changes: the check against overwriting another's edit. */
  version: string;
}

// FNV-1a over the UTF-16 code units, twice with different offsets: a short fingerprint, not a
// secret (the version only tells an edit apart from the state it started from).
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193) >>> 0;
    b = Math.imul(b ^ ch, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * versionOf fingerprints what an edit can change. The consent log's length is in it, since
 * every status change appends to it: a change and its undo still count as a change, and
 * two changes within the same millisecond are still told apart.
 */
function versionOf(sub: Subscriber, subscriptions: Subscription[], log: ConsentEntry[]): string {
  return fingerprint(
    JSON.stringify([
      sub.name,
      sub.stadsdorpId,
      sub.suppressedAt,
      sub.suppressionReason,
      subscriptions.map((s) => [s.listId, s.status]),
      log.length,
    ]),
  );
}

/** subscriberDetail gathers one person for the detail page: lists with statuses, consent history, version. */
export async function subscriberDetail(deps: AppDeps, id: number): Promise<SubscriberDetail> {
  const sub = await mustFind(deps, id);
  const [item, subscriptions, consentLog] = await Promise.all([
    toItems(deps, [sub]).then((items) => items[0]!),
    subscriptionsOf(deps.db, id),
    consentOf(deps.db, id),
  ]);
  return {
    item,
    suppressedAt: sub.suppressedAt,
    suppressionReason: sub.suppressionReason,
    subscriptions,
    consentLog,
    version: versionOf(sub, subscriptions, consentLog),
  };
}

/** editSubscriber changes name, stadsdorp and statuses; every status change is logged as admin_edit. */
export async function editSubscriber(
  deps: AppDeps,
  principal: Principal,
  id: number,
  patch: SubscriberPatch,
  opts: { version?: string } = {},
): Promise<SubscriberItem> {
  const sub = await mustFind(deps, id);
  const current = await subscriptionsOf(deps.db, sub.id);
  if (opts.version !== undefined && opts.version !== versionOf(sub, current, await consentOf(deps.db, id))) {
    throw new AppError(
      'conflict',
      'Iemand anders heeft deze persoon gewijzigd terwijl u het formulier invulde. Uw wijzigingen zijn niet opgeslagen.',
      { _: 'Iemand anders heeft deze persoon intussen gewijzigd.' },
    );
  }
  const statusChanges = patch.lists ?? [];
  const stadsdorpSlug =
    patch.stadsdorp === undefined
      ? ((await listStadsdorpen(deps.db)).find((d) => d.id === sub.stadsdorpId)?.slug ?? null)
      : patch.stadsdorp;
  // Lists that stay active after the edit must still have what they require (a stadsdorp for besturen).
  const staying = new Set(current.filter((s) => ACTIVE_STATUSES.includes(s.status)).map((s) => s.list));
  for (const c of statusChanges) {
    if (c.status === 'unsubscribed') staying.delete(c.list);
    else staying.add(c.list);
  }
  const all = await allLists(deps.db);
  const unknown = statusChanges.filter((c) => !all.some((l) => l.slug === c.list)).map((c) => c.list);
  if (unknown.length > 0) {
    throw new AppError('validation', `Onbekende lijst: ${unknown.join(', ')}.`, {
      lists: `Kies uit: ${all.map((l) => l.slug).join(', ')}.`,
    });
  }
  const { stadsdorp } = await resolveChoice(deps, [...staying], stadsdorpSlug);
  const changes = new ChangeSet(deps.now());
  for (const c of statusChanges) {
    const list = all.find((l) => l.slug === c.list)!;
    const before = current.find((s) => s.listId === list.id)?.status ?? null;
    if (before === c.status) continue;
    changes.setStatus(sub, list, c.status, 'admin_edit', {
      source: userSource(principal),
      detail: `status: ${before ?? 'geen'} -> ${c.status}`,
    });
  }
  const name = patch.name === undefined ? sub.name : patch.name;
  const stadsdorpId = stadsdorp?.id ?? null;
  if (name !== sub.name || stadsdorpId !== sub.stadsdorpId) {
    changes.statements.push(updateSubscriberStmt(sub.publicId, { name, stadsdorpId, now: changes.now }));
  }
  if (changes.statements.length > 0) await deps.db.batch(changes.statements);
  return subscriberItem(deps, id);
}

/**
 * decide approves or rejects every pending_approval request of a subscriber
 * (a board request: the CoCo checked that the person is on that stadsdorp's bestuur).
 * A rejected request ends as unsubscribed; signing up again is a new request.
 */
export async function decide(
  deps: AppDeps,
  principal: Principal,
  id: number,
  verdict: 'approve' | 'reject',
): Promise<SubscriberItem> {
  const sub = await mustFind(deps, id);
  const pending: Subscription[] = (await subscriptionsOf(deps.db, id)).filter(
    (s) => s.status === 'pending_approval',
  );
  if (pending.length === 0) {
    throw new AppError('conflict', 'Deze abonnee heeft geen aanvraag die op goedkeuring wacht.');
  }
  if (verdict === 'approve' && !sub.stadsdorpId && pending.some((s) => s.requiresStadsdorp)) {
    throw new AppError('validation', 'Kies eerst het stadsdorp van dit bestuurslid.', {
      stadsdorp: 'verplicht voor deze lijst',
    });
  }
  const changes = new ChangeSet(deps.now());
  for (const s of pending) {
    changes.setStatus(sub, s, verdict === 'approve' ? 'confirmed' : 'unsubscribed', verdict, {
      source: userSource(principal),
    });
  }
  // The board member hears that Netwerkmails now reach them; a rejection is left to the
  // CoCo's own words, since its reason (not on that bestuur?) needs a person to explain.
  if (verdict === 'approve') {
    changes.mail(sub, {
      kind: 'welcome',
      listNames: pending.map((s) => s.listName),
      pendingApproval: false,
      approved: true,
    });
  }
  await deps.db.batch(changes.statements);
  deps.runtime.wakeWorkers('transactional');
  return subscriberItem(deps, id);
}

/** eraseSubscriber forgets a person (AVG right to erasure) in one batch; the consent log keeps only the salted hash. */
export async function eraseSubscriber(
  deps: AppDeps,
  principal: Principal,
  id: number,
  forgetCopies: ForgetCopies,
): Promise<void> {
  await erasePerson(deps, await mustFind(deps, id), userSource(principal), forgetCopies);
}

/** unsubscribeAll ends every active subscription of a person at their request (by phone, by letter). */
export async function unsubscribeAll(deps: AppDeps, principal: Principal, id: number): Promise<string[]> {
  const sub = await mustFind(deps, id);
  const ending = (await subscriptionsOf(deps.db, id)).filter((s) => ACTIVE_STATUSES.includes(s.status));
  if (ending.length === 0) throw new AppError('conflict', 'Deze persoon staat op geen enkele lijst meer.');
  const changes = new ChangeSet(deps.now());
  for (const s of ending) {
    changes.setStatus(sub, s, 'unsubscribed', 'unsubscribe', {
      source: userSource(principal),
      detail: 'afgemeld door de CoCo',
    });
  }
  await deps.db.batch(changes.statements);
  return ending.map((s) => s.listName);
}

/**
 * blockAddress suppresses an address on every list by hand (a wrong address, a request to
 * never be mailed): nothing goes to it any more, whatever its statuses. A block is no
 * change of consent, so the consent log is untouched; beheer logs who did it.
 */
export async function blockAddress(deps: AppDeps, id: number, reason: string): Promise<void> {
  const sub = await mustFind(deps, id);
  if (sub.suppressedAt) throw new AppError('conflict', 'Dit adres is al geblokkeerd.');
  const now = deps.now().toISOString();
  await deps.db.batch([
    setSuppressionStmt(sub.publicId, { at: now, reason: `door de CoCo: ${reason}`, now }),
  ]);
}

/**
 * liftBlock lets mail reach an address again. Lists that bounced or complained stay so until
 * the CoCo sets them again, which asks for the person's consent.
 */
export async function liftBlock(deps: AppDeps, id: number): Promise<void> {
  const sub = await mustFind(deps, id);
  if (!sub.suppressedAt) throw new AppError('conflict', 'Dit adres is niet geblokkeerd.');
  const now = deps.now().toISOString();
  await deps.db.batch([setSuppressionStmt(sub.publicId, { at: null, reason: null, now })]);
}

const CONSENT_LABEL: Record<PersonAdd['consent'], string> = {
  mondeling: 'mondeling',
  schriftelijk: 'schriftelijk (brief of formulier met handtekening)',
  'e-mail': 'per e-mail',
  'formulier-op-papier': 'op een papieren aanmeldformulier',
};

/**
 * addPerson lets the CoCo add someone who consented outside the website: confirmed at once
 * on the chosen lists, with how they consented and which account added them in the consent
 * log, and the welcome mail with their preference and unsubscribe links.
 */
export async function addPerson(
  deps: AppDeps,
  principal: Principal,
  input: PersonAdd,
  addedBy: { accountId: number },
): Promise<SubscriberItem> {
  const { lists: chosen, stadsdorp } = await resolveChoice(deps, input.lists, input.stadsdorp);
  const existing = await findSubscriberByEmail(deps.db, input.email);
  if (existing) {
    throw new AppError('conflict', 'Dit e-mailadres staat er al in.', {
      email: `Dit adres staat er al in (abonnee ${existing.id}); pas die persoon aan.`,
    });
  }
  const who = { publicId: newPublicId(), email: input.email, name: input.name };
  const changes = new ChangeSet(deps.now());
  changes.statements.push(
    insertSubscriberStmt({ ...who, stadsdorpId: stadsdorp?.id ?? null, now: changes.now }),
  );
  const detail = [
    `toestemming: ${CONSENT_LABEL[input.consent]}`,
    input.consentNote || null,
    `toegevoegd door account ${addedBy.accountId}`,
  ]
    .filter(Boolean)
    .join('; ');
  for (const list of chosen) {
    changes.setStatus(who, list, 'confirmed', 'signup', { source: userSource(principal), detail });
  }
  changes.mail(who, { kind: 'welcome', listNames: chosen.map((l) => l.name), pendingApproval: false });
  await deps.db.batch(changes.statements);
  deps.runtime.wakeWorkers('transactional');
  const created = await findSubscriberByEmail(deps.db, input.email);
  return subscriberItem(deps, created!.id);
}
