// What the CoCo's start page shows: counts per list and status, signups per week, campaigns
// under way and board requests waiting. Read only; every figure comes from one query.
import type { AppDeps } from '../../deps.js';
import { listCampaigns } from '../campaigns/repo.js';
import type { Campaign } from '../campaigns/schema.js';
import { findSubscribers } from '../subscribers/admin.js';
import type { SubscriberItem } from '../subscribers/schema.js';
import { type Feedback, recentFeedback, type SignupSource, statusCounts, weeklySignups } from './repo.js';

export type { Feedback, SignupSource };

const WEEK_MS = 7 * 86_400_000;
/** WEEKS: the signups chart covers the last 26 weeks (six months). */
export const WEEKS = 26;
/** FEEDBACK_DAYS: the start page lists bounces and complaints of the last 30 days. */
export const FEEDBACK_DAYS = 30;
const FEEDBACK_SHOWN = 50;
/** SIGNUP_SOURCES: the chart's sources, in the order they are stacked. */
export const SIGNUP_SOURCES: readonly SignupSource[] = ['bron', 'form', 'api', 'other'];

/** SignupWeek is one week of the chart: its Monday, the people who signed up, and them by source. */
export interface SignupWeek {
  week: string;
  signups: number;
  bySource: Record<SignupSource, number>;
}

/** ListCounts is one list with its number of people per status. */
export interface ListCounts {
  list: string;
  name: string;
  byStatus: Record<string, number>;
}

/** Overview is the CoCo's start page. */
export interface Overview {
  lists: ListCounts[];
  boardRequests: SubscriberItem[];
  campaigns: Campaign[];
  weeks: SignupWeek[];
  /** Bounces and complaints of the last FEEDBACK_DAYS days, newest first (at most 50). */
  feedback: Feedback[];
}

function mondayOf(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/** signupWeeks is the last WEEKS weeks, oldest first, with zero for a week or source without signups. */
export async function signupWeeks(deps: Pick<AppDeps, 'db' | 'now'>): Promise<SignupWeek[]> {
  const first = new Date(mondayOf(deps.now()).getTime() - (WEEKS - 1) * WEEK_MS);
  const counted = new Map<string, SignupWeek['bySource']>();
  for (const r of await weeklySignups(deps.db, first.toISOString())) {
    const week = counted.get(r.week) ?? { bron: 0, form: 0, api: 0, other: 0 };
    week[r.source] = r.n;
    counted.set(r.week, week);
  }
  return Array.from({ length: WEEKS }, (_, i) => {
    const week = new Date(first.getTime() + i * WEEK_MS).toISOString().slice(0, 10);
    const bySource = counted.get(week) ?? { bron: 0, form: 0, api: 0, other: 0 };
    return { week, signups: SIGNUP_SOURCES.reduce((n, s) => n + bySource[s], 0), bySource };
  });
}

function byList(counts: Awaited<ReturnType<typeof statusCounts>>): ListCounts[] {
  const lists = new Map<string, ListCounts>();
  for (const c of counts) {
    const entry = lists.get(c.list) ?? { list: c.list, name: c.name, byStatus: {} };
    if (c.status) entry.byStatus[c.status] = c.n;
    lists.set(c.list, entry);
  }
  return [...lists.values()];
}

/** listCounts is every list with its number of people per status (the lists page). */
export async function listCounts(deps: Pick<AppDeps, 'db'>): Promise<ListCounts[]> {
  return byList(await statusCounts(deps.db));
}

/** overview gathers the CoCo's start page. */
export async function overview(deps: AppDeps): Promise<Overview> {
  const since = new Date(deps.now().getTime() - FEEDBACK_DAYS * 86_400_000).toISOString();
  const [counts, requests, scheduled, sending, weeks, feedback] = await Promise.all([
    statusCounts(deps.db),
    findSubscribers(deps, { list: 'besturen', status: 'pending_approval', limit: 50 }),
    listCampaigns(deps.db, { status: 'scheduled', limit: 20 }),
    listCampaigns(deps.db, { status: 'sending', limit: 20 }),
    signupWeeks(deps),
    recentFeedback(deps.db, since, FEEDBACK_SHOWN),
  ]);
  return {
    lists: byList(counts),
    boardRequests: requests.items,
    campaigns: [...sending, ...scheduled],
    weeks,
    feedback,
  };
}
