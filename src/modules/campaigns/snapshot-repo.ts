// The snapshot: a campaign's content rendered once at its freeze, placeholders included.
// Campaigns owns `campaign_snapshots` (the archief serves them); delivery's freeze writes
// one with snapshotStatement inside its own batch, and its dispatch reads it back here.
import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowOf, sqlJson } from '../../db/rows.js';
import { filteredAudienceSql } from '../subscribers/audience-repo.js';

/** Snapshot is the content of a campaign rendered once at its freeze, placeholders included. */
export interface Snapshot {
  campaignId: number;
  /** Random per freeze; part of every idempotency key of the campaign. */
  freezeId: string;
  subject: string;
  html: string;
  text: string;
  lists: string[];
}

/**
 * snapshotStatement writes the snapshot of a freeze, but only if the campaign is still as it
 * was rendered (draft or scheduled, the same updated_at) and its lists have at least one
 * recipient. Every other statement of the freeze acts through this row (by its freeze id),
 * so when this one writes nothing the whole freeze changes nothing; a second freeze fails on
 * the primary key.
 */
export function snapshotStatement(
  s: Snapshot & { renderedAt: string; now: string; audienceFilter: string | null },
): Statement {
  return stmt(
    `INSERT INTO campaign_snapshots (campaign_id, freeze_id, subject, html, text, lists_json, frozen_at)
     SELECT c.id, ?2, ?3, ?4, ?5, ?1, ?6 FROM campaigns c
      WHERE c.id = ?7 AND c.status IN ('draft', 'scheduled') AND c.updated_at = ?8
        AND EXISTS (${filteredAudienceSql('?9')})`,
    [
      JSON.stringify(s.lists),
      s.freezeId,
      s.subject,
      s.html,
      s.text,
      s.now,
      s.campaignId,
      s.renderedAt,
      s.audienceFilter,
    ],
  );
}

const SnapshotRow = z.object({
  campaign_id: z.number(),
  freeze_id: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  lists: sqlJson(z.array(z.string())),
});

/** getSnapshot reads the frozen content of a campaign. */
export async function getSnapshot(db: Db, campaignId: number): Promise<Snapshot | undefined> {
  const row = await db.get(
    `SELECT campaign_id, freeze_id, subject, html, text, lists_json AS lists
       FROM campaign_snapshots WHERE campaign_id = ?`,
    [campaignId],
  );
  return row ? rowOf(SnapshotRow, row) : undefined;
}

/** snapshotFreezeId reads only the freeze id of a campaign's snapshot (cheap; the content is cached by it). */
export async function snapshotFreezeId(db: Db, campaignId: number): Promise<string | undefined> {
  return (
    await db.get<{ freeze_id: string }>('SELECT freeze_id FROM campaign_snapshots WHERE campaign_id = ?', [
      campaignId,
    ])
  )?.freeze_id;
}
