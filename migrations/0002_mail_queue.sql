-- Transactional mails of the subscriber flow (confirm, welcome, unsubscribed) are
-- queued in the same batch as the change of consent that causes them, and a mail
-- worker sends them afterwards. A request thus never waits on a mail provider, and a
-- provider outage delays a mail instead of losing it.
CREATE TABLE mail_queue (
  id INTEGER PRIMARY KEY,
  -- An erased person's unsent mails go with them.
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'welcome', 'unsubscribed')),
  -- What the template needs besides the person: list names, pending approval.
  data_json TEXT NOT NULL,
  -- Unique to the event (kind, person, moment, lists); sent as the provider's idempotency
  -- key for a batch of one. Not indexed: nothing looks a mail up by it.
  idempotency_key TEXT NOT NULL,
  -- The moment of the event: a confirmation link expires counted from here.
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
-- The worker reads only what is still to send, in order.
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
