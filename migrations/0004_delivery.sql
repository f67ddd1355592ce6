-- Delivery: the frozen content of a campaign, one row per recipient, batches with leases,
-- and the webhook events already handled. See src/modules/delivery/README.md.

-- The content rendered once at the freeze, with placeholders for the per-recipient values.
-- Its primary key makes a second freeze of the same campaign impossible.
CREATE TABLE campaign_snapshots (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  -- Random per freeze: the statements of one freeze batch only act on their own snapshot.
  freeze_id TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  lists_json TEXT NOT NULL,
  frozen_at TEXT NOT NULL
);

-- One provider call each: at most 100 deliveries, a fixed idempotency key, a lease while in flight.
CREATE TABLE delivery_batches (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  batch_no INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'leased', 'sent', 'failed', 'cancelled')),
  -- Earliest moment the batch may be leased (back-off after 5xx, retry-after after 429).
  due_at TEXT NOT NULL,
  lease_token TEXT,
  lease_expires_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Set when the batch's payload was decided (who is in, who is skipped); never changes after.
  built_at TEXT,
  -- SHA-256 of the payload as first sent: a retry must send exactly this.
  payload_hash TEXT,
  first_attempt_at TEXT,
  last_error TEXT,
  finished_at TEXT,
  UNIQUE (campaign_id, batch_no)
);
CREATE INDEX delivery_batches_due ON delivery_batches (status, due_at);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  batch_no INTEGER NOT NULL,
  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE SET NULL,
  -- Copied at the freeze, so a retried batch personalises exactly as the first attempt did.
  email TEXT NOT NULL,
  name TEXT,
  public_id TEXT NOT NULL,
  -- The one target list the recipient is on (for a list-specific unsubscribe link), NULL if several.
  list_slug TEXT,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'skipped', 'sent', 'delivered', 'bounced', 'complained', 'failed', 'cancelled')),
  provider_id TEXT,
  -- Latest provider event (email.delivery_delayed etc.) and the reason for a skip or failure.
  last_event TEXT,
  error TEXT,
  sent_at TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (campaign_id, subscriber_id)
);
CREATE INDEX deliveries_batch ON deliveries (campaign_id, batch_no, id);
CREATE INDEX deliveries_status ON deliveries (campaign_id, status);
CREATE INDEX deliveries_provider ON deliveries (provider_id) WHERE provider_id IS NOT NULL;

-- Each Svix message id is handled once; replays are answered 200 and ignored.
CREATE TABLE webhook_events (
  svix_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;

-- SMTP has no idempotency keys: the smtp transport notes each message of a batch the
-- server accepted (or refused for good), so a retried batch skips what already went out.
CREATE TABLE smtp_sends (
  idempotency_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  -- NULL when accepted; the server's answer when it refused the recipient for good (5xx).
  error TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (idempotency_key, position)
) WITHOUT ROWID;
