import type { Db } from '../db/port.js';
import type { WindowCounters } from '../deps.js';

/**
 * dbWindowCounters keeps the counts in the window_counters table, which it owns: every
 * isolate of a Worker sees the same counts, where memory would give each isolate a limit of
 * its own. One statement per event, so two isolates counting at once both count.
 */
export function dbWindowCounters(db: Db): WindowCounters {
  return {
    async add(key, windowMs, at) {
      const start = Math.floor(at.getTime() / windowMs) * windowMs;
      const row = await db.get<{ count: number }>(
        `INSERT INTO window_counters (key, window_ms, window_start, count) VALUES (?1, ?2, ?3, 1)
           ON CONFLICT (key, window_ms, window_start) DO UPDATE SET count = count + 1
           RETURNING count`,
        [key, windowMs, start],
      );
      return row?.count ?? 1;
    },
  };
}

/** pruneWindowCounters deletes the windows that ended before `now`; the cron calls it. */
export async function pruneWindowCounters(db: Db, now: Date): Promise<number> {
  const r = await db.run('DELETE FROM window_counters WHERE window_start + window_ms <= ?', [now.getTime()]);
  return r.changes;
}
