import { type Db, type Statement, stmt } from '../../db/port.js';

/** webhookSeen tells whether a Svix message id was handled already. */
export async function webhookSeen(db: Db, svixId: string): Promise<boolean> {
  return (await db.get('SELECT 1 FROM webhook_events WHERE svix_id = ?', [svixId])) !== undefined;
}

/** findDeliveryForEvent finds the delivery a provider event is about: by provider id, else by our tag. */
export async function findDeliveryForEvent(
  db: Db,
  e: { providerId: string | null; deliveryId: number | null },
): Promise<{ id: number; subscriberId: number | null } | undefined> {
  const row = await db.get<{ id: number; subscriber_id: number | null }>(
    `SELECT id, subscriber_id FROM deliveries WHERE provider_id = ?1
     UNION ALL SELECT id, subscriber_id FROM deliveries WHERE id = ?2
     LIMIT 1`,
    [e.providerId, e.deliveryId],
  );
  return row ? { id: row.id, subscriberId: row.subscriber_id } : undefined;
}

/** markEventStatement records a Svix id; a replay fails on the primary key and rolls its batch back. */
export function markEventStatement(svixId: string, type: string): Statement {
  return stmt('INSERT INTO webhook_events (svix_id, type) VALUES (?, ?)', [svixId, type]);
}

/** deliveryEventStatement applies a provider event to a delivery; a later state never goes back to an earlier one. */
export function deliveryEventStatement(
  d: { deliveryId: number; providerId: string | null },
  e: {
    status: 'delivered' | 'bounced' | 'complained' | 'failed' | null;
    event: string;
    error: string | null;
    now: string;
  },
): Statement {
  const from: Record<string, string> = {
    delivered: `('queued', 'sent')`,
    failed: `('queued', 'sent')`,
    bounced: `('queued', 'sent', 'delivered')`,
    complained: `('queued', 'sent', 'delivered', 'bounced')`,
  };
  return stmt(
    `UPDATE deliveries
        SET status = CASE WHEN ?1 IS NOT NULL AND status IN ${e.status ? from[e.status] : '()'} THEN ?1 ELSE status END,
            error = COALESCE(?2, error), last_event = ?3, provider_id = COALESCE(provider_id, ?4), updated_at = ?5
      WHERE id = ?6`,
    [e.status, e.error, e.event, d.providerId, e.now, d.deliveryId],
  );
}
