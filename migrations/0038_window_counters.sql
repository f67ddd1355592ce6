-- Fixed-window counts behind the runtime port's WindowCounters where several isolates serve
-- requests (Workers): the signup and beheer login limits. One row per key and window; the
-- cron deletes windows that have ended (src/runtime/db-window-counters.ts). Node keeps these
-- counts in memory and leaves this table empty.
CREATE TABLE window_counters (
  key TEXT NOT NULL,
  window_ms INTEGER NOT NULL CHECK (window_ms > 0),
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (key, window_ms, window_start)
) WITHOUT ROWID;
