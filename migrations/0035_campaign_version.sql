-- Two CoCo members may edit one draft at once. Every edit of a campaign's fields raises its
-- version by one, and an edit made from an older version is refused instead of silently
-- overwriting the other's work. updated_at cannot serve: two saves may fall in one millisecond.
ALTER TABLE campaigns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
