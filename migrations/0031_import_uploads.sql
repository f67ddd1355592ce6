-- A file uploaded in beheer's import steps (upload, check, import) waits here between the
-- steps: for an hour at most (expires_at; pruned), and only for the account that uploaded it.
-- Nothing reaches the lists before the last step; then status, progress and the import's
-- result are kept here until the row expires, so the result page and the refused rows
-- stay at hand.
CREATE TABLE import_uploads (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  charset TEXT,
  bytes BLOB NOT NULL,
  list_slug TEXT NOT NULL,
  -- JSON {field: column index}, once the volunteer chose the columns; NULL: by header names.
  columns TEXT,
  status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'running', 'done', 'failed')),
  -- JSON ImportProgress while running; JSON result when done or failed.
  progress TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE INDEX import_uploads_expires_at ON import_uploads (expires_at);
