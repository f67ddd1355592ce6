-- The print renderer runs on Node and on Workers alike, where no image library runs. So each
-- picture is prepared for print once, when it is uploaded: flattened on white, capped in
-- size, as a JPEG that the PDF writer copies byte for byte (print_bytes). Logos uploaded
-- before this migration get theirs when the Node service starts (entry/node-runtime.ts).
ALTER TABLE print_logos ADD COLUMN print_bytes BLOB;

-- The optional photo on a stadsdorp's posters: checked and stored like the logo.
CREATE TABLE print_photos (
  stadsdorp_id INTEGER PRIMARY KEY REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  bytes BLOB NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  sha256 TEXT NOT NULL,
  source_format TEXT NOT NULL CHECK (source_format IN ('png', 'jpeg', 'svg')),
  print_bytes BLOB NOT NULL,
  uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
