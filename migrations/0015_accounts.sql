-- Accounts of the volunteers' web app (/beheer): who may log in, their sessions, the one-time
-- links that log them in, and the activity log. The mail queue also carries login links now:
-- a queued mail goes to a subscriber or to an account, never both.

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  -- Stored trimmed and lower-cased, like subscribers' addresses.
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role = 'coco' OR role = 'stadsdorp'),
  -- An editor (role stadsdorp) reaches exactly one stadsdorp.
  stadsdorp_id INTEGER REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  disabled_at TEXT,
  last_login_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((role = 'stadsdorp') = (stadsdorp_id IS NOT NULL))
);

-- One login of an account in one browser. The cookie holds a random token; only its SHA-256
-- is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  -- The latest moment the session may live (30 days after the login); idle time is counted from last_seen_at.
  expires_at TEXT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- One-time links: log in (15 minutes), an invitation (7 days), the very first CoCo account.
-- The token is derived from public_id with the secret key, so a mail can be rendered from the
-- queue without the token ever being stored; token_hash is what a click is checked against.
CREATE TABLE account_links (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL CHECK (purpose = 'login' OR purpose = 'invite' OR purpose = 'first-account'),
  -- Empty only for the first account, which does not exist yet.
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  -- Where to go after logging in (a same-origin path), if the person asked for a page.
  next_path TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  CHECK ((purpose = 'first-account') = (account_id IS NULL))
);
CREATE INDEX account_links_expires ON account_links (expires_at);

-- Who did what in beheer, kept a year. actor_name stays readable after the account is gone.
CREATE TABLE activity_log (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX activity_log_created ON activity_log (created_at, id);

-- mail_queue as in 0009, with the kind 'login-link' and a recipient that is a subscriber or an account.
CREATE TABLE mail_queue_new (
  id INTEGER PRIMARY KEY,
  -- An erased person's unsent mails go with them.
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
  -- Login and invitation links go to an account.
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (
    kind = 'confirm' OR kind = 'welcome' OR kind = 'unsubscribed' OR kind = 'erase' OR kind = 'login-link'
  ),
  -- What the template needs besides the person: list names, pending approval, the link's public id.
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
INSERT INTO mail_queue_new (id, subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at,
                            attempts, batch_key, sent_at, failed_at, last_error)
  SELECT id, subscriber_id, kind, data_json, idempotency_key, created_at, next_attempt_at,
         attempts, batch_key, sent_at, failed_at, last_error FROM mail_queue;
DROP TABLE mail_queue;
ALTER TABLE mail_queue_new RENAME TO mail_queue;
-- The worker reads only what is still to send, in order.
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
