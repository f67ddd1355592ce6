-- What beheer's send page keeps: a Netwerkmail's choice of besturen (only some gebieden or
-- stadsdorpen), the last test mail and the version it showed, and the saved test addresses.

-- {"gebieden": ["West"], "stadsdorpen": ["jordaan"]}: only recipients whose stadsdorp is one of
-- these or lies in one of these gebieden. NULL: everyone on the target lists.
ALTER TABLE campaigns ADD COLUMN audience_filter_json TEXT;
-- When the last test mail went out, and a fingerprint of the content it showed: the send page
-- asks for a new test when the content changed since (a schedule alone changes no content).
ALTER TABLE campaigns ADD COLUMN tested_at TEXT;
ALTER TABLE campaigns ADD COLUMN tested_fingerprint TEXT;

-- The CoCo's own addresses that every test mail goes to.
CREATE TABLE test_addresses (
  email TEXT PRIMARY KEY,
  added_at TEXT NOT NULL
) WITHOUT ROWID;
