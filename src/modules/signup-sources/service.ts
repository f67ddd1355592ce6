// Which posters and links bring people in: the signups that carried a `bron`, per source
// and stadsdorp, in a period of days. Counts only, no personal data, so a stadsdorp's
// editor may see their own stadsdorp's.
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../../kernel/principal.js';
import { assertStadsdorpAccess } from '../auth/service.js';
import { getStadsdorp } from '../stadsdorpen/service.js';
import { countSignupSources, type SourceCount } from './repo.js';

/** DEFAULT_DAYS is the period when none is asked for: the last year, so last year's posters show. */
export const DEFAULT_DAYS = 365;
const DAY_MS = 86_400_000;

/** SignupSourcesReport is the answer: the period (whole days, both included), each source, and the totals. */
export interface SignupSourcesReport {
  from: string;
  to: string;
  stadsdorp: string | null;
  items: SourceCount[];
  total: { signups: number; confirmed: number };
}

/**
 * signupSources reports the period from `from` to `to` (YYYY-MM-DD, both included; by
 * default the last DEFAULT_DAYS days up to today), for one stadsdorp or, for the CoCo, all.
 */
export async function signupSources(
  deps: Pick<AppDeps, 'db' | 'now'>,
  principal: Principal,
  q: { from?: string; to?: string; stadsdorp?: string },
): Promise<SignupSourcesReport> {
  const to = q.to ?? deps.now().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  if (from > to) {
    throw new AppError('validation', `De periode begint (${from}) na het einde (${to}).`, {
      from: `Kies een begindatum op of voor ${to}.`,
    });
  }
  let stadsdorpId: number | null = null;
  if (q.stadsdorp) {
    const s = await getStadsdorp(deps, q.stadsdorp);
    assertStadsdorpAccess(principal, s.id);
    stadsdorpId = s.id;
  } else if (principal.role !== 'coco') {
    throw new AppError('forbidden', 'Alleen de CoCo ziet de bronnen van alle stadsdorpen.');
  }
  const items = await countSignupSources(deps.db, {
    fromIso: `${from}T00:00:00.000Z`,
    beforeIso: new Date(Date.parse(to) + DAY_MS).toISOString(),
    stadsdorpId,
  });
  return {
    from,
    to,
    stadsdorp: q.stadsdorp ?? null,
    items,
    total: {
      signups: items.reduce((n, i) => n + i.signups, 0),
      confirmed: items.reduce((n, i) => n + i.confirmed, 0),
    },
  };
}
