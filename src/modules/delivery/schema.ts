import { z } from 'zod';
import { decimalId } from '../../http.js';

/** DeliveryStatus is what became of one delivery (one campaign to one recipient). */
export const DeliveryStatus = z.enum([
  'queued',
  'skipped',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
  'cancelled',
]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** CampaignIdParam is the :id of a campaign route. */
export const CampaignIdParam = z.object({
  id: decimalId('Het campagnenummer moet een getal zijn, alleen cijfers.'),
});

/** SendBody: scheduledAt (ISO 8601 with a time zone) plans the send; without it the campaign goes now. */
export const SendBody = z
  .strictObject({
    scheduledAt: z.iso
      .datetime({ offset: true, error: 'Geef een datum en tijd als 2026-12-01T09:00:00+01:00.' })
      .transform((s) => new Date(s))
      .optional(),
  })
  .default({});
