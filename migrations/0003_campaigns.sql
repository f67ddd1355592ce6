-- Campaigns (a Nieuwsbrief or a Netwerkmail being prepared and delivered) and the MJML layouts
-- the CoCo uploaded. Built-in layouts live in templates/mail/*.mjml; a row here overrides one.

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  -- The archive address: year-month, kind and subject, e.g. 2026-11-nieuwsbrief-november.
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('nieuwsbrief', 'netwerkmail')),
  subject TEXT NOT NULL,
  preheader TEXT,
  -- The kind's content as validated by src/modules/campaigns/schema.ts.
  content_json TEXT NOT NULL,
  -- Target list slugs, e.g. ["besturen","geinteresseerden"].
  lists_json TEXT NOT NULL,
  layout_name TEXT,
  -- Shown in the public archive once sent.
  is_public INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')),
  scheduled_at TEXT,
  started_at TEXT,
  sent_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- The scheduler looks for scheduled campaigns that are due; the archive for sent public ones.
CREATE INDEX campaigns_status ON campaigns (status, scheduled_at);

CREATE TABLE mail_layouts (
  name TEXT PRIMARY KEY,
  mjml TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
