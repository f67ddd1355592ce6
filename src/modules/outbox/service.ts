// What the outbox transport stored instead of sending, for the CoCo to read in beheer. The
// messages live in the outbox's own database (deps.outboxDb); only the outbox transport fills it.
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { findOutboxMessage, type OutboxMessage, type OutboxSummary, searchOutbox } from './repo.js';

type Deps = Pick<AppDeps, 'outboxDb' | 'transport'>;

/** OUTBOX_PAGE: messages per page of the list. */
export const OUTBOX_PAGE = 50;

/** outboxInUse tells whether mail goes to the outbox (the embedded default) rather than out. */
export function outboxInUse(deps: Pick<AppDeps, 'transport'>): boolean {
  return deps.transport.name === 'outbox';
}

/**
 * outboxPage lists stored messages newest first, a page before an id, for addresses that
 * contain `address` (any part of it, in any case) when given.
 */
export async function outboxPage(
  deps: Deps,
  q: { address?: string; before?: number },
): Promise<{ items: OutboxSummary[]; nextBefore: number | null }> {
  const part = q.address?.trim().toLowerCase() || undefined;
  const items = await searchOutbox(deps.outboxDb, { part, beforeId: q.before, limit: OUTBOX_PAGE });
  return { items, nextBefore: items.length === OUTBOX_PAGE ? items.at(-1)!.id : null };
}

/** outboxMessage reads one stored message, or throws not_found. */
export async function outboxMessage(deps: Deps, id: number): Promise<OutboxMessage> {
  return (await findOutboxMessage(deps.outboxDb, id)) ?? notFound(`Bericht ${id} in de outbox`);
}
