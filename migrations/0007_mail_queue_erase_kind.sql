-- A person who erases their own data first gets a mail with a link that does it (kind
-- 'erase'), so a forwarded mail's preference link cannot erase someone. SQLite cannot
-- change a CHECK, so the queue is rebuilt with the same columns and index.
CREATE TABLE mail_queue_new (
  id INTEGER PRIMARY KEY,
  -- An erased person's unsent mails go with them.
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'welcome', 'unsubscribed', 'erase')),
  -- What the template needs besides the person: list names, pending approval.
  data_json TEXT NOT NULL,
  -- Unique to the event (kind, person, moment, lists); sent as the provider's idempotency
  -- key for a batch of one. Not indexed: nothing looks a mail up by it.
  idempotency_key TEXT NOT NULL,
  -- The moment of the event: a confirmation or erase link expires counted from here.
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Set before a send: a retry resends exactly this batch under this key, so a
  -- provider that accepted a batch whose answer was lost does not send it twice.
  batch_key TEXT,
  sent_at TEXT,
  failed_at TEXT,
  last_error TEXT
);
INSERT INTO mail_queue_new (id, subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at,
                            attempts, batch_key, sent_at, failed_at, last_error)
  SELECT id, subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at,
         attempts, batch_key, sent_at, failed_at, last_error FROM mail_queue;
DROP TABLE mail_queue;
ALTER TABLE mail_queue_new RENAME TO mail_queue;
-- The worker reads only what is still to send, in order.
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
