import type { Statement } from '../../db/port.js';
import { stmt } from '../../db/port.js';
import { type Snapshot, snapshotStatement } from '../campaigns/snapshot-repo.js';
import { startSendingStatement } from '../campaigns/status.js';
import { filteredAudienceSql } from '../subscribers/audience-repo.js';

/**
 * freezeStatements is the freeze as one batch, across three owners: the snapshot and the
 * campaign's move to `sending` are campaigns', the audience is subscribers', the deliveries
 * and batches are ours. Every statement after the first acts only through the snapshot row
 * with this freezeId, and the first inserts that row only if the campaign is still as it was
 * rendered (status, updated_at) and has at least one recipient. So the batch either freezes
 * everything or changes nothing, and a second freeze fails on the snapshot's primary key.
 */
export function freezeStatements(f: {
  campaignId: number;
  freezeId: string;
  renderedAt: string;
  snapshot: Omit<Snapshot, 'campaignId' | 'freezeId'>;
  batchSize: number;
  now: string;
  /** The campaign's choice of besturen as JSON (filterParam), or null for everyone on the lists. */
  audienceFilter: string | null;
}): Statement[] {
  const lists = JSON.stringify(f.snapshot.lists);
  return [
    snapshotStatement({
      ...f.snapshot,
      campaignId: f.campaignId,
      freezeId: f.freezeId,
      renderedAt: f.renderedAt,
      now: f.now,
      audienceFilter: f.audienceFilter,
    }),
    stmt(
      `INSERT INTO deliveries (campaign_id, batch_no, subscriber_id, email, name, public_id, list_slug, updated_at)
       SELECT sn.campaign_id, (ROW_NUMBER() OVER (ORDER BY r.subscriber_id) - 1) / CAST(?3 AS INTEGER),
              r.subscriber_id, s.email, s.name, s.public_id, r.list_slug, ?4
         FROM campaign_snapshots sn
         JOIN (${filteredAudienceSql('?5')}) r
         JOIN subscribers s ON s.id = r.subscriber_id
        WHERE sn.freeze_id = ?2`,
      [lists, f.freezeId, f.batchSize, f.now, f.audienceFilter],
    ),
    stmt(
      `INSERT INTO delivery_batches (campaign_id, batch_no, due_at)
       SELECT campaign_id, batch_no, ?2 FROM deliveries
        WHERE campaign_id = (SELECT campaign_id FROM campaign_snapshots WHERE freeze_id = ?1)
        GROUP BY batch_no`,
      [f.freezeId, f.now],
    ),
    startSendingStatement(f.freezeId, f.now),
  ];
}
