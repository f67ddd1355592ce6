// What the CoCo's start page shows: counts per list and status, signups per week, campaigns
// under way and board requests waiting. Read only; every figure comes from one query.
import type { AppDeps } from '../../deps.js';
import { listCampaigns } from '../campaigns/repo.js';
import type { Campaign } from '../campaigns/schema.js';
import { findSubscribers } from '../subscribers/admin.js';
import type { SubscriberItem } from '../subscribers/schema.js';
import { statusCounts, weeklySignups } from './repo.js';

const WEEK_MS = 7 * 86_400_000;
/** WEEKS: the signups chart covers the last 26 weeks (six months). */
export const WEEKS = 26;

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
  weeks: { week: string; signups: number }[];
}

function mondayOf(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/** signupWeeks is the last WEEKS weeks, oldest first, with zero for a week without signups. */
export async function signupWeeks(
  deps: Pick<AppDeps, 'db' | 'now'>,
): Promise<{ week: string; signups: number }[]> {
  const first = new Date(mondayOf(deps.now()).getTime() - (WEEKS - 1) * WEEK_MS);
  const counted = new Map((await weeklySignups(deps.db, first.toISOString())).map((r) => [r.week, r.n]));
  return Array.from({ length: WEEKS }, (_, i) => {
    const week = new Date(first.getTime() + i * WEEK_MS).toISOString().slice(0, 10);
    return { week, signups: counted.get(week) ?? 0 };
  });
}

/** overview gathers the CoCo's start page. */
export async function overview(deps: AppDeps): Promise<Overview> {
  const [counts, requests, scheduled, sending, weeks] = await Promise.all([
    statusCounts(deps.db),
    findSubscribers(deps, { list: 'besturen', status: 'pending_approval', limit: 50 }),
    listCampaigns(deps.db, { status: 'scheduled', limit: 20 }),
    listCampaigns(deps.db, { status: 'sending', limit: 20 }),
    signupWeeks(deps),
  ]);
  const lists = new Map<string, ListCounts>();
  for (const c of counts) {
    const entry = lists.get(c.list) ?? { list: c.list, name: c.name, byStatus: {} };
    if (c.status) entry.byStatus[c.status] = c.n;
    lists.set(c.list, entry);
  }
  return {
    lists: [...lists.values()],
    boardRequests: requests.items,
    campaigns: [...sending, ...scheduled],
    weeks,
  };
}
