import type { WindowCounters } from '../deps.js';

/**
 * memoryWindowCounters keeps the counts in this process's memory: enough where one process
 * serves every request (Node). Only the current window of each length is kept, so memory
 * stays one map per window length however long the service runs.
 */
export function memoryWindowCounters(): WindowCounters {
  const windows = new Map<number, { start: number; counts: Map<string, number> }>();
  return {
    async add(key, windowMs, at) {
      const start = Math.floor(at.getTime() / windowMs);
      let w = windows.get(windowMs);
      if (!w || w.start !== start) {
        w = { start, counts: new Map() };
        windows.set(windowMs, w);
      }
      const n = (w.counts.get(key) ?? 0) + 1;
      w.counts.set(key, n);
      return n;
    },
  };
}
