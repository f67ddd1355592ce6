// Contributions: news and agenda items the stadsdorp editors submit for the next Nieuwsbrief,
// which the CoCo takes into a draft or declines with a reason (mailed to the editor through the
// one mail queue). An editor reaches only their own stadsdorp's items.
import type { AppDeps } from '../../deps.js';
import { AppError, fieldsFromZod, notFound } from '../../errors.js';
import type { Account } from '../accounts/schema.js';
import { findCampaign, getCampaign, listCampaigns } from '../campaigns/repo.js';
import type { Campaign, NieuwsbriefContent } from '../campaigns/schema.js';
import { updateCampaign } from '../campaigns/service.js';
import { storePhoto } from '../photos/service.js';
import { allStadsdorpen } from '../stadsdorpen/service.js';
import { queueContributionDeclinedStmt } from '../subscribers/account-mail-repo.js';
import {
  type ContributionRow,
  contributionsOfStadsdorp,
  countTakenInto,
  declineStmt,
  findContribution,
  insertContribution,
  markTaken,
  unmarkTaken,
  waitingContributionRows,
} from './repo.js';
import {
  AgendaEntry,
  type Contribution,
  type ContributionState,
  DeclineReason,
  NewsItem,
  NewsText,
} from './schema.js';

type Deps = AppDeps;

/** PhotoUpload is a photo sent with a news item: its bytes and the alt text the editor wrote. */
export interface PhotoUpload {
  bytes: Uint8Array;
  alt: string;
}

const invalid = (err: { issues: unknown[] } & Parameters<typeof fieldsFromZod>[0]): never => {
  const fields = fieldsFromZod(err);
  throw new AppError('validation', `Controleer het formulier: ${Object.values(fields).join(' ')}`, fields);
};

function editorStadsdorp(account: Account): number {
  if (account.role !== 'stadsdorp' || account.stadsdorpId === null)
    throw new AppError('forbidden', 'Alleen een redacteur van een stadsdorp kan iets insturen.');
  return account.stadsdorpId;
}

/** amsterdamToday is today's date in Amsterdam, as 2026-12-03. */
function amsterdamToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/**
 * submitNews stores an editor's news item for the next Nieuwsbrief: the campaign's own article
 * rules, a photo (when sent) checked, scaled and stored with its required alt text. The text
 * is checked before the photo is stored, so a refused form leaves no photo behind.
 */
export async function submitNews(
  deps: Deps,
  account: Account,
  input: { title: string; body: string; link?: string },
  photo?: PhotoUpload,
): Promise<Contribution> {
  const stadsdorpId = editorStadsdorp(account);
  const text = NewsText.safeParse(input);
  if (!text.success) invalid(text.error);
  let item: NewsItem = { ...text.data! };
  let photoId: number | null = null;
  if (photo) {
    if (!photo.alt.trim()) {
      const message =
        'Beschrijf de foto in een paar woorden (alt-tekst): lezers met een schermlezer zien hem niet.';
      throw new AppError('validation', message, { alt: message });
    }
    const stored = await storePhoto(deps, photo.bytes, photo.alt, account.name);
    item = { ...item, imageUrl: stored.url, imageAlt: stored.alt };
    photoId = stored.id;
  }
  const checked = NewsItem.parse(item);
  const id = await insertContribution(deps.db, {
    stadsdorpId,
    accountId: account.id,
    submittedBy: account.name,
    kind: 'news',
    item: checked,
    photoId,
    now: deps.now().toISOString(),
  });
  return contributionFor(deps, account, id);
}

/** submitAgenda stores an editor's agenda item: the campaign's own agenda rules, and a date still to come. */
export async function submitAgenda(
  deps: Deps,
  account: Account,
  input: { date: string; time?: string; title: string; place?: string; link?: string },
): Promise<Contribution> {
  const stadsdorpId = editorStadsdorp(account);
  const parsed = AgendaEntry.safeParse(input);
  if (!parsed.success) invalid(parsed.error);
  const item = parsed.data!;
  if (item.date < amsterdamToday(deps.now())) {
    const message = 'Deze datum is al voorbij. Kies een datum vanaf vandaag.';
    throw new AppError('validation', message, { date: message });
  }
  const id = await insertContribution(deps.db, {
    stadsdorpId,
    accountId: account.id,
    submittedBy: account.name,
    kind: 'agenda',
    item,
    photoId: null,
    now: deps.now().toISOString(),
  });
  return contributionFor(deps, account, id);
}

/** viewOf turns rows into contributions with their state: 'sent' when their campaign was sent. */
async function viewOf(deps: Deps, rows: ContributionRow[]): Promise<Contribution[]> {
  const names = new Map((await allStadsdorpen(deps)).map((s) => [s.id, s.name]));
  const campaigns = new Map<number, Campaign | undefined>();
  for (const id of new Set(rows.flatMap((r) => (r.campaignId === null ? [] : [r.campaignId]))))
    campaigns.set(id, await findCampaign(deps.db, id));
  return rows.map((r) => {
    const campaign = r.campaignId === null ? undefined : campaigns.get(r.campaignId);
    let state: ContributionState = r.status;
    if (r.status === 'taken' && !campaign) state = 'submitted';
    if (r.status === 'taken' && campaign?.status === 'sent') state = 'sent';
    const base = {
      id: r.id,
      stadsdorpId: r.stadsdorpId,
      stadsdorpName: names.get(r.stadsdorpId) ?? '(verwijderd stadsdorp)',
      accountId: r.accountId,
      submittedBy: r.submittedBy,
      state,
      campaignId: campaign ? campaign.id : null,
      campaignSubject: campaign?.subject ?? null,
      campaignSentAt: campaign?.sentAt ?? null,
      declineReason: r.declineReason,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      createdAt: r.createdAt,
    };
    const item: unknown = JSON.parse(r.itemJson);
    return r.kind === 'news'
      ? { ...base, kind: 'news' as const, item: NewsItem.parse(item) }
      : { ...base, kind: 'agenda' as const, item: AgendaEntry.parse(item) };
  });
}

/** contributionsOf lists what an editor's stadsdorp sent in, newest first, each with its state. */
export async function contributionsOf(deps: Deps, account: Account): Promise<Contribution[]> {
  return viewOf(deps, await contributionsOfStadsdorp(deps.db, editorStadsdorp(account)));
}

/**
 * contributionFor reads one contribution for an account: the CoCo reads any, an editor only
 * their own stadsdorp's. Another stadsdorp's item answers not_found, as if it did not exist.
 */
export async function contributionFor(deps: Deps, account: Account, id: number): Promise<Contribution> {
  const row = await findContribution(deps.db, id);
  if (!row || (account.role !== 'coco' && row.stadsdorpId !== account.stadsdorpId))
    return notFound(`Inzending ${id}`);
  return (await viewOf(deps, [row]))[0]!;
}

/**
 * takenIntoCount counts the items taken into a campaign: they wait for the CoCo again when
 * that draft is deleted (the campaign's id goes, the status stays 'taken').
 */
export async function takenIntoCount(deps: Deps, campaignId: number): Promise<number> {
  return countTakenInto(deps.db, campaignId);
}

/** waitingContributions lists every contribution waiting for the CoCo, by stadsdorp, oldest first within one. */
export async function waitingContributions(deps: Deps): Promise<Contribution[]> {
  const items = await viewOf(deps, await waitingContributionRows(deps.db));
  return items.sort((a, b) => a.stadsdorpName.localeCompare(b.stadsdorpName, 'nl') || a.id - b.id);
}

/** agendaOrder compares agenda items by date, then time; an item without a time comes first on its day. */
export function agendaOrder(a: AgendaEntry, b: AgendaEntry): number {
  return a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? '');
}

/**
 * withContribution is a Nieuwsbrief's content with one more item: a news item after the
 * articles, an agenda item at its place by date and time (the CoCo's own order otherwise kept).
 */
export function withContribution(content: NieuwsbriefContent, c: Contribution): NieuwsbriefContent {
  if (c.kind === 'news') return { ...content, articles: [...content.articles, c.item] };
  const agenda = [...content.agenda];
  const at = agenda.findIndex((existing) => agendaOrder(existing, c.item) > 0);
  agenda.splice(at === -1 ? agenda.length : at, 0, c.item);
  return { ...content, agenda };
}

/**
 * takeIntoCampaign takes a waiting contribution into a draft Nieuwsbrief: a news item after its
 * articles (photo address and alt text with it), an agenda item in date order. The item is
 * marked first (so two CoCo members cannot take it twice) and put back if the campaign refuses
 * it (not a draft, full, changed meanwhile).
 */
export async function takeIntoCampaign(
  deps: Deps,
  contributionId: number,
  campaignId: number,
  takenBy = 'CoCo',
): Promise<Contribution> {
  const coco = { role: 'coco' } as Account;
  const c = await contributionFor(deps, coco, contributionId);
  if (c.state !== 'submitted')
    throw new AppError(
      'conflict',
      `"${c.item.title}" wacht niet meer: de inzending is al overgenomen of afgewezen.`,
    );
  const campaign = await getCampaign(deps.db, campaignId);
  if (campaign.kind !== 'nieuwsbrief')
    throw new AppError('conflict', 'Inzendingen gaan in een Nieuwsbrief, niet in een Netwerkmail.');
  if (campaign.status !== 'draft')
    throw new AppError(
      'conflict',
      'Deze Nieuwsbrief is geen concept meer. Kies een concept of maak een nieuwe.',
    );
  if (!(await markTaken(deps.db, c.id, { campaignId, by: takenBy, now: deps.now().toISOString() })))
    throw new AppError('conflict', `"${c.item.title}" is zojuist al overgenomen of afgewezen.`);
  try {
    await updateCampaign(deps, campaignId, {
      content: { ...withContribution(campaign.content, c) },
    });
  } catch (err) {
    await unmarkTaken(deps.db, c.id, campaignId);
    throw err;
  }
  return contributionFor(deps, coco, c.id);
}

/**
 * declineContribution declines a waiting contribution with the CoCo's reason, and queues the
 * mail with that reason to the editor in the same batch.
 */
export async function declineContribution(
  deps: Deps,
  contributionId: number,
  reason: string,
  declinedBy: string,
): Promise<Contribution> {
  const coco = { role: 'coco' } as Account;
  const parsed = DeclineReason.safeParse(reason);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new AppError('validation', message, { reden: message });
  }
  const c = await contributionFor(deps, coco, contributionId);
  if (c.state !== 'submitted')
    throw new AppError(
      'conflict',
      `"${c.item.title}" wacht niet meer: de inzending is al overgenomen of afgewezen.`,
    );
  const now = deps.now().toISOString();
  const statements = [declineStmt(c.id, { reason: parsed.data, by: declinedBy, now })];
  if (c.accountId !== null)
    statements.push(
      queueContributionDeclinedStmt({
        accountId: c.accountId,
        contributionId: c.id,
        title: c.item.title,
        reason: parsed.data,
        now,
      }),
    );
  const [declined, mailed] = await deps.db.batch(statements);
  if (declined?.changes !== 1)
    throw new AppError('conflict', `"${c.item.title}" is zojuist al overgenomen of afgewezen.`);
  if ((mailed?.changes ?? 0) > 0) deps.runtime.wakeWorkers('transactional');
  return contributionFor(deps, coco, c.id);
}

/** draftNieuwsbrieven lists the draft Nieuwsbrieven a contribution can be taken into, newest first. */
export async function draftNieuwsbrieven(deps: Deps): Promise<{ id: number; subject: string }[]> {
  const drafts = await listCampaigns(deps.db, { status: 'draft', limit: 50 });
  return drafts.filter((c) => c.kind === 'nieuwsbrief').map((c) => ({ id: c.id, subject: c.subject }));
}
