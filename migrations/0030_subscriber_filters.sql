-- Beheer's subscriber table filters by stadsdorp and walks by id (keyset): with this index a
-- page of one stadsdorp's people reads only their rows, at 100,000 people as at 100.
CREATE INDEX subscribers_stadsdorp ON subscribers (stadsdorp_id, id);

-- A person's page lists the mails they received; an erase clears their deliveries. Both look
-- deliveries up by subscriber, which the (campaign_id, subscriber_id) key cannot serve.
CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id);
