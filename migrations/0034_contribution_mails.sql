-- Two more mails to accounts through the one mail queue: the reason a contribution was declined,
-- to its editor, and the CoCo's daily digest of waiting contributions. mail_queue as in 0032,
-- with these kinds in its CHECK.

CREATE TABLE mail_queue_new (
  id INTEGER PRIMARY KEY,
  -- An erased person's unsent mails go with them.
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
  -- Login and invitation links, and notices, go to an account.
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (
    kind = 'confirm' OR kind = 'welcome' OR kind = 'unsubscribed' OR kind = 'erase' OR kind = 'login-link'
    OR kind = 'notice' OR kind = 'contribution-declined' OR kind = 'contributions-digest'
  ),
  -- What the template needs besides the person: list names, pending approval, the link's public id,
  -- a notice's counts, a declined contribution's title and reason.
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
  last_error TEXT,
  CHECK ((subscriber_id IS NULL) <> (account_id IS NULL))
);
INSERT INTO mail_queue_new (id, subscriber_id, account_id, kind, data_json, idempotency_key, created_at,
                            next_attempt_at, attempts, batch_key, sent_at, failed_at, last_error)
  SELECT id, subscriber_id, account_id, kind, data_json, idempotency_key, created_at,
         next_attempt_at, attempts, batch_key, sent_at, failed_at, last_error FROM mail_queue;
DROP TABLE mail_queue;
ALTER TABLE mail_queue_new RENAME TO mail_queue;
-- The worker reads only what is still to send, in order.
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
-- "Was a notice queued in the last day?" reads a handful of rows, not the queue.
CREATE INDEX mail_queue_notices ON mail_queue (created_at) WHERE kind = 'notice';
-- "Was a digest of waiting contributions queued in the last day?" likewise.
CREATE INDEX mail_queue_digests ON mail_queue (created_at) WHERE kind = 'contributions-digest';
