// What beheer's send page keeps besides the campaign itself: the saved test addresses, the
// last test mail and the version it showed, a Netwerkmail's choice of besturen, and whether a
// sent Nieuwsbrief is public in the archief.
import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowOf } from '../../db/rows.js';

/** testAddressRows lists the saved test addresses, alphabetically. */
export async function testAddressRows(db: Db): Promise<string[]> {
  const rows = await db.all<{ email: string }>('SELECT email FROM test_addresses ORDER BY email');
  return rows.map((r) => r.email);
}

/** insertTestAddress saves a test address; false when it was saved already. */
export async function insertTestAddress(db: Db, email: string, now: string): Promise<boolean> {
  const r = await db.run(
    'INSERT INTO test_addresses (email, added_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING',
    [email, now],
  );
  return r.changes === 1;
}

/** deleteTestAddress removes a saved test address. */
export async function deleteTestAddress(db: Db, email: string): Promise<boolean> {
  return (await db.run('DELETE FROM test_addresses WHERE email = ?', [email])).changes === 1;
}

const TestedRow = z.object({ tested_at: z.string().nullable(), tested_fingerprint: z.string().nullable() });

/** testedVersion reads when the last test mail of a campaign went out and the fingerprint of what it showed. */
export async function testedVersion(
  db: Db,
  campaignId: number,
): Promise<{ testedAt: string | null; testedFingerprint: string | null }> {
  const row = await db.get('SELECT tested_at, tested_fingerprint FROM campaigns WHERE id = ?', [campaignId]);
  return row ? rowOf(TestedRow, row) : { testedAt: null, testedFingerprint: null };
}

// A test changes no content: updated_at stays, so a freeze rendered before it still matches.
/** recordTest notes that a test mail of this fingerprint went out now. */
export async function recordTest(
  db: Db,
  campaignId: number,
  fingerprint: string,
  now: string,
): Promise<void> {
  await db.run('UPDATE campaigns SET tested_at = ?, tested_fingerprint = ? WHERE id = ?', [
    now,
    fingerprint,
    campaignId,
  ]);
}

/**
 * writeAudienceFilter stores the choice of besturen while the campaign has not started, and
 * moves updated_at: a freeze rendered before the change then refuses, as for any edit.
 */
export async function writeAudienceFilter(
  db: Db,
  campaignId: number,
  json: string | null,
  now: string,
): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET audience_filter_json = ?, updated_at = ?
      WHERE id = ? AND (status = 'draft' OR (status = 'scheduled' AND started_at IS NULL))`,
    [json, now, campaignId],
  );
  return r.changes === 1;
}

/**
 * writePublic sets whether a frozen campaign (sending, paused or sent) shows in the archief:
 * the archief reads it at every visit, and the mails were rendered already. Before the freeze
 * the choice is part of the draft (updateCampaign), since it decides the web-version link.
 */
export async function writePublic(db: Db, campaignId: number, isPublic: boolean): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET is_public = ? WHERE id = ? AND status IN ('sending', 'paused', 'sent')`,
    [isPublic ? 1 : 0, campaignId],
  );
  return r.changes === 1;
}
