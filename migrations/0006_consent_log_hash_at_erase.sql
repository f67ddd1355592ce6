-- The salted hash of the address is written when a person is erased, not with every
-- entry. While the person exists an entry points at them (subscriber_id); the erase
-- replaces that pointer by the hash on all of their entries at once. So the log keeps
-- the same AVG evidence after an erase, and a signup or a 100,000-row import no longer
-- computes and stores a hash per entry that nobody reads while the person is here.
-- An entry always says whose it is: a subscriber, or (after an erase) a hash.
CREATE TABLE consent_log_new (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
  email_hash TEXT,
  list_id INTEGER REFERENCES lists (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('signup', 'confirm', 'approve', 'reject', 'unsubscribe', 'import', 'admin_edit', 'erase', 'bounce', 'complaint')),
  -- Where it happened: 'form:aanmelden@v1', 'api:signup@v1', 'import:leden-2026.csv', 'user:Anna', 'webhook:resend'.
  source TEXT NOT NULL,
  detail TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (subscriber_id IS NOT NULL OR email_hash IS NOT NULL)
);
INSERT INTO consent_log_new (id, subscriber_id, email_hash, list_id, action, source, detail, created_at)
  SELECT id, subscriber_id, email_hash, list_id, action, source, detail, created_at FROM consent_log;
DROP TABLE consent_log;
ALTER TABLE consent_log_new RENAME TO consent_log;
CREATE INDEX consent_log_subscriber ON consent_log (subscriber_id);
