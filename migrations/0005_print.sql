-- Printed matter: each stadsdorp's print profile, its logo, and its saved designs.

-- One row per stadsdorp that set anything for print; absent means the Netwerk defaults.
CREATE TABLE print_profiles (
  stadsdorp_id INTEGER PRIMARY KEY REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  brand_colour TEXT CHECK (brand_colour IS NULL OR (length(brand_colour) = 7 AND brand_colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]')),
  -- Printed as given, so short forms like www.stadsdorpjordaan.nl stay short.
  website TEXT,
  contact TEXT,
  -- { fieldName: text }: the stadsdorp's own default for a field of any template.
  default_texts_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The checked logo as it is printed: PNG or JPEG, re-encoded by the upload check (an SVG is
-- rasterised at print resolution), so nothing stored here can carry a script.
CREATE TABLE print_logos (
  stadsdorp_id INTEGER PRIMARY KEY REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  bytes BLOB NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  sha256 TEXT NOT NULL,
  -- What was uploaded: png, jpeg or svg.
  source_format TEXT NOT NULL CHECK (source_format IN ('png', 'jpeg', 'svg')),
  uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A stadsdorp's saved field values for one template, to print the same poster again later.
CREATE TABLE print_designs (
  id INTEGER PRIMARY KEY,
  stadsdorp_id INTEGER NOT NULL REFERENCES stadsdorpen (id) ON DELETE CASCADE,
  template TEXT NOT NULL,
  name TEXT NOT NULL,
  -- Only the fields the editor filled in; the others follow the profile and the template defaults.
  fields_json TEXT NOT NULL DEFAULT '{}',
  size TEXT NOT NULL CHECK (size IN ('A4', 'A3')),
  bleed INTEGER NOT NULL DEFAULT 0 CHECK (bleed IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (stadsdorp_id, template, name)
);
