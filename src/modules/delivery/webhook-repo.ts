import { type Db, type Statement, stmt } from '../../db/port.js';
import { ACTIVE_STATUSES } from '../subscribers/schema.js';

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

/** findSubscriberIdByEmail resolves a stored (normalised) address. */
export async function findSubscriberIdByEmail(db: Db, email: string): Promise<number | undefined> {
  return (await db.get<{ id: number }>('SELECT id FROM subscribers WHERE email = ?', [email]))?.id;
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

/**
 * suppressStatements suppresses an address on every list after a permanent bounce or a
 * complaint: each active subscription gets the new status and a consent log row.
 */
export function suppressStatements(s: {
  subscriberId: number;
  status: 'bounced' | 'complained';
  reason: string;
  now: string;
}): Statement[] {
  const active = `(${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;
  const action = s.status === 'bounced' ? 'bounce' : 'complaint';
  return [
    stmt(
      `INSERT INTO consent_log (subscriber_id, list_id, action, source, detail, created_at)
       SELECT subscriber_id, list_id, ?, 'webhook:resend', ?, ? FROM subscriptions
        WHERE subscriber_id = ? AND status IN ${active}`,
      [action, s.reason, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscriptions SET status = ?, updated_at = ? WHERE subscriber_id = ? AND status IN ${active}`,
      [s.status, s.now, s.subscriberId],
    ),
    stmt(
      `UPDATE subscribers SET suppressed_at = COALESCE(suppressed_at, ?1), suppression_reason = COALESCE(suppression_reason, ?2),
              updated_at = ?1
        WHERE id = ?3`,
      [s.now, s.reason, s.subscriberId],
    ),
  ];
}
