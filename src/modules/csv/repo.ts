// The reads of the CSV import and export, composed from the tables' owners: lists and
// subscriptions are subscribers', stadsdorpen are stadsdorpen's. The import's writes are
// statement builders of subscribers (../subscribers/bulk-repo.ts), put into one db.batch.
import type { Db } from '../../db/port.js';
import { listStadsdorpen } from '../stadsdorpen/repo.js';
import { subscriptionPageAfter } from '../subscribers/bulk-repo.js';
import { findListBySlug as findList } from '../subscribers/repo.js';
import type { SubscriptionStatus } from '../subscribers/schema.js';

/** CsvList is a list as the import and export need it. */
export interface CsvList {
  id: number;
  slug: string;
  name: string;
  requiresStadsdorp: boolean;
}

/** findListBySlug returns the list with this slug, or undefined. */
export async function findListBySlug(db: Db, slug: string): Promise<CsvList | undefined> {
  const l = await findList(db, slug);
  return l && { id: l.id, slug: l.slug, name: l.name, requiresStadsdorp: l.requiresStadsdorp };
}

/**
 * allStadsdorpen returns every stadsdorp (a few dozen) by id: the import matches rows against
 * them in memory, a later one winning where two fold to the same key.
 */
export async function allStadsdorpen(db: Db): Promise<{ id: number; slug: string; name: string }[]> {
  return (await listStadsdorpen(db))
    .sort((a, b) => a.id - b.id)
    .map((s) => ({ id: s.id, slug: s.slug, name: s.name }));
}

/** ExportRecord is one subscription of a list as the export writes it. */
export interface ExportRecord {
  id: number;
  email: string;
  name: string | null;
  stadsdorp: string | null;
  status: SubscriptionStatus;
  createdAt: string;
}

/** listSubscriptionsAfter is one keyset page of a list's subscriptions, ordered by subscriber id, with stadsdorp names. */
export async function listSubscriptionsAfter(
  db: Db,
  q: { listId: number; status: string | null; afterId: number; limit: number },
): Promise<ExportRecord[]> {
  const page = await subscriptionPageAfter(db, q);
  if (page.length === 0) return [];
  const names = new Map((await listStadsdorpen(db)).map((s) => [s.id, s.name]));
  return page.map(({ stadsdorpId, ...r }) => ({
    ...r,
    stadsdorp: stadsdorpId === null ? null : (names.get(stadsdorpId) ?? null),
  }));
}
