-- Uploaded files (logos now, photos next) move out of their owners' tables into one store
-- behind the runtime port's FileStore: SQLite here, R2 on Workers. A file of more than 1 MiB
-- takes several parts (D1 refuses rows over 2 MB); see src/runtime/file-store.ts.
CREATE TABLE stored_files (
  key TEXT NOT NULL,
  part INTEGER NOT NULL CHECK (part >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (key, part)
) WITHOUT ROWID;

-- Each logo stored so far moves under the key the print module uses: print-logos/<stadsdorp>/<sha256>.
INSERT INTO stored_files (key, part, bytes)
  SELECT 'print-logos/' || stadsdorp_id || '/' || sha256, 0, bytes FROM print_logos;

ALTER TABLE print_logos DROP COLUMN bytes;
