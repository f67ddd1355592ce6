-- Photos for the Nieuwsbrief (the CoCo's own articles and the stadsdorpen's news), served by the
-- service itself at /fotos/<id>-<token>.jpg, and the contributions the stadsdorp editors submit.

CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  -- Random, in the public address: stable for a photo, not to be guessed from its id.
  token TEXT NOT NULL,
  -- Where the bytes are in the runtime port's file store (stored_files on Node, R2 on Workers).
  file_key TEXT NOT NULL UNIQUE,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  byte_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  alt TEXT NOT NULL CHECK (length(alt) > 0),
  uploaded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE contributions (
  id INTEGER PRIMARY KEY,
  stadsdorp_id INTEGER NOT NULL REFERENCES stadsdorpen (id),
  -- The editor who submitted it; the name stays when the account goes.
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  submitted_by TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'news' OR kind = 'agenda'),
  -- The item as the campaign content takes it: an article (with the photo's address and alt
  -- text) or an agenda item.
  item_json TEXT NOT NULL,
  photo_id INTEGER REFERENCES photos (id),
  -- 'sent' is not stored: it follows from the campaign's own status.
  status TEXT NOT NULL CHECK (status = 'submitted' OR status = 'taken' OR status = 'declined'),
  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
  decline_reason TEXT,
  decided_by TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
-- An editor's page lists their stadsdorp's items, newest first.
CREATE INDEX contributions_stadsdorp ON contributions (stadsdorp_id, id);
-- The CoCo's waiting items, and those taken into a campaign (to tell taken from sent).
CREATE INDEX contributions_status ON contributions (status, id);
