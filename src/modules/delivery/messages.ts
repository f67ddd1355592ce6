import type { AppDeps } from '../../deps.js';
import type { OutgoingMessage } from '../../mail/transport.js';
import { campaignMessage } from '../campaigns/message.js';
import type { Campaign } from '../campaigns/schema.js';
import type { Snapshot } from '../campaigns/snapshot-repo.js';
import type { Recipient } from './batch-repo.js';

/**
 * recipientMessage builds one delivery's message from the frozen snapshot and the values
 * frozen in its row: the same input on every attempt, so the same payload. The delivery id
 * rides along as a tag, so a webhook that beats our own bookkeeping still finds its delivery.
 */
export function recipientMessage(
  deps: AppDeps,
  campaign: Campaign,
  snapshot: Snapshot,
  r: Recipient,
): OutgoingMessage {
  const message = campaignMessage(
    deps.config,
    { id: campaign.id, slug: campaign.slug, kind: campaign.kind, lists: snapshot.lists },
    snapshot,
    r,
  );
  return {
    ...message,
    tags: [...(message.tags ?? []), { name: 'delivery_id', value: String(r.deliveryId) }],
  };
}
