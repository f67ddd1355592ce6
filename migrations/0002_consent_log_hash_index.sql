-- The consent log's index on email_hash goes: every signup, import row and change of
-- consent paid for it (a random page written per entry, which on a 100,000-row import
-- is a large share of the work), and nothing reads by it on a hot path. The hash is
-- kept after an erase so that a later AVG question ("did you hold my address, and
-- when did I consent?") can still be answered; that is a rare, manual lookup, for
-- which a scan of the log is fine.
DROP INDEX IF EXISTS consent_log_email_hash;
