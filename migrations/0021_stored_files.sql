-- Uploaded files (logos and poster photos, each with its print version) move out of their
-- owners' tables into one store behind the runtime port's FileStore: SQLite here, R2 on
-- Workers. The tables keep what is known of a picture, not its bytes. A file of more than
-- 1 MiB takes several parts (D1 refuses rows over 2 MB); see src/runtime/file-store.ts.
CREATE TABLE stored_files (
  key TEXT NOT NULL,
  part INTEGER NOT NULL CHECK (part >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (key, part)
) WITHOUT ROWID;

-- Each picture stored so far moves under the keys the print module uses
-- (src/modules/print/logo-store.ts): print-logos/<stadsdorp>/<sha256> for the logo as
-- uploaded, the same with '.print' for its print version; print-photos/... likewise. A
-- picture kept in one row can be larger than a part (uploads are at most 5 MB, print
-- versions of photos can be larger), so it is cut here as the store would: parts 0 to 63.
-- Logos from before migration 0014 have no print version yet: the Node service makes it at
-- its start (entry/node-runtime.ts, makeLogoPrintVersions).
WITH RECURSIVE
  numbers (part) AS (SELECT 0 UNION ALL SELECT part + 1 FROM numbers WHERE part < 63),
  pictures (key, bytes) AS MATERIALIZED (
    SELECT 'print-logos/' || stadsdorp_id || '/' || sha256, bytes FROM print_logos
    UNION ALL
    SELECT 'print-logos/' || stadsdorp_id || '/' || sha256 || '.print', print_bytes FROM print_logos
      WHERE print_bytes IS NOT NULL
    UNION ALL
    SELECT 'print-photos/' || stadsdorp_id || '/' || sha256, bytes FROM print_photos
    UNION ALL
    SELECT 'print-photos/' || stadsdorp_id || '/' || sha256 || '.print', print_bytes FROM print_photos
  )
INSERT INTO stored_files (key, part, bytes)
  SELECT key, part, substr(bytes, part * 1048576 + 1, 1048576) FROM pictures JOIN numbers
    WHERE part = 0 OR part * 1048576 < length(bytes);

ALTER TABLE print_logos DROP COLUMN bytes;
ALTER TABLE print_logos DROP COLUMN print_bytes;
ALTER TABLE print_photos DROP COLUMN bytes;
ALTER TABLE print_photos DROP COLUMN print_bytes;
