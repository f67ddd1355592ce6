-- Foundation: stadsdorpen, lists, subscribers with their consent log, API tokens, the outbox.
-- Timestamps are ISO-8601 UTC text so that SQLite and D1 sort and compare them alike.

CREATE TABLE stadsdorpen (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  gebied TEXT NOT NULL CHECK (gebied IN ('West', 'Zuid', 'Centrum', 'Oost', 'Zuidoost', 'Nieuw-West', 'Noord', 'Weesp', 'Regio Amsterdam')),
  website TEXT,
  contact_email TEXT,
  -- Demo rows are marked so nobody mistakes them for real stadsdorpen.
  is_example INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE lists (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- besturen: joining needs CoCo approval and a stadsdorp, because Netwerkmails are for boards only.
  requires_approval INTEGER NOT NULL DEFAULT 0,
  requires_stadsdorp INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

INSERT INTO lists (slug, name, description, requires_approval, requires_stadsdorp) VALUES
  ('besturen', 'Besturen', 'Bestuursleden van stadsdorpen: Netwerkmails en de Nieuwsbrief.', 1, 1),
  ('geinteresseerden', 'Geïnteresseerden', 'Iedereen die de Netwerk Nieuwsbrief wil ontvangen.', 0, 0);

CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY,
  -- Random id used inside signed link tokens; the integer id never leaves the admin API.
  public_id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  stadsdorp_id INTEGER REFERENCES stadsdorpen (id) ON DELETE SET NULL,
  -- A permanent bounce or a complaint suppresses the address on every list.
  suppressed_at TEXT,
  suppression_reason TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE subscriptions (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'pending_approval', 'confirmed', 'unsubscribed', 'bounced', 'complained')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (subscriber_id, list_id)
) WITHOUT ROWID;

-- The freeze walks confirmed subscriptions of a list.
CREATE INDEX subscriptions_list_status ON subscriptions (list_id, status, subscriber_id);

-- Append-only: every change of consent, with its source. After an erase the
-- subscriber_id is cleared and only the salted hash of the address remains.
CREATE TABLE consent_log (
  id INTEGER PRIMARY KEY,
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
  email_hash TEXT NOT NULL,
  list_id INTEGER REFERENCES lists (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action IN ('signup', 'confirm', 'approve', 'reject', 'unsubscribe', 'import', 'admin_edit', 'erase', 'bounce', 'complaint')),
  -- Where it happened: 'form:aanmelden@v1', 'api:signup@v1', 'import:leden-2026.csv', 'user:Anna', 'webhook:resend'.
  source TEXT NOT NULL,
  detail TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX consent_log_subscriber ON consent_log (subscriber_id);
CREATE INDEX consent_log_email_hash ON consent_log (email_hash);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('coco', 'stadsdorp')),
  -- An editor (role stadsdorp) reaches exactly one stadsdorp.
  stadsdorp_id INTEGER REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  -- Only a SHA-256 of the token is stored; the token itself is shown once.
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_used_at TEXT,
  revoked_at TEXT,
  CHECK ((role = 'stadsdorp') = (stadsdorp_id IS NOT NULL))
);

-- The outbox transport keeps every message here instead of sending it.
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT,
  from_address TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  headers_json TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX outbox_messages_to ON outbox_messages (to_address, id);
CREATE INDEX outbox_messages_idempotency ON outbox_messages (idempotency_key);
