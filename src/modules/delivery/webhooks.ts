import { Webhook } from 'svix';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { normalizeEmail } from '../../kernel/email-address.js';
import { findSubscriberIdByEmail, suppressStatements } from '../subscribers/repo.js';
import {
  deliveryEventStatement,
  findDeliveryForEvent,
  markEventStatement,
  webhookSeen,
} from './webhook-repo.js';

const Tags = z.union([
  z.record(z.string(), z.string()),
  z
    .array(z.object({ name: z.string(), value: z.string() }))
    .transform((a) => Object.fromEntries(a.map((t) => [t.name, t.value]))),
]);

/** ResendEvent is the part of a Resend webhook payload the delivery module reads. */
const ResendEvent = z.object({
  type: z.string(),
  data: z
    .object({
      email_id: z.string().optional(),
      to: z.union([z.string(), z.array(z.string())]).optional(),
      tags: Tags.optional(),
      bounce: z
        .object({
          type: z.string().optional(),
          subType: z.string().optional(),
          message: z.string().optional(),
        })
        .optional(),
      failed: z.object({ reason: z.string().optional() }).optional(),
    })
    .loose(),
});

const unauthorized = () => new AppError('unauthorized', 'Ongeldige of ontbrekende webhook-handtekening.');

/**
 * verifyResendWebhook checks the Svix signature over the raw body (svix-id, svix-timestamp
 * within 5 minutes, svix-signature with RESEND_WEBHOOK_SECRET). Anything else is 401.
 */
export function verifyResendWebhook(
  deps: AppDeps,
  rawBody: string,
  headers: { id?: string; timestamp?: string; signature?: string },
): void {
  const secret = deps.config.resendWebhookSecret;
  if (!secret || !headers.id || !headers.timestamp || !headers.signature) throw unauthorized();
  try {
    new Webhook(secret).verify(rawBody, {
      'svix-id': headers.id,
      'svix-timestamp': headers.timestamp,
      'svix-signature': headers.signature,
    });
  } catch {
    throw unauthorized();
  }
}

/**
 * handleResendWebhook applies one verified event, once per svix-id: the event id is
 * written in the same batch as the effects, so a replay (or a concurrent duplicate)
 * changes nothing. Permanent bounces and complaints suppress the address everywhere.
 */
export async function handleResendWebhook(
  deps: AppDeps,
  svixId: string,
  rawBody: string,
): Promise<{ handled: boolean; type: string }> {
  let event: z.infer<typeof ResendEvent>;
  try {
    event = ResendEvent.parse(JSON.parse(rawBody));
  } catch {
    throw new AppError('validation', 'De webhook bevat geen leesbaar Resend-event.');
  }
  if (await webhookSeen(deps.db, svixId)) return { handled: false, type: event.type };

  const now = deps.now().toISOString();
  const d = event.data;
  const to = Array.isArray(d.to) ? d.to[0] : d.to;
  const email = to ? normalizeEmail(to.replace(/^.*<([^>]+)>.*$/, '$1')) : null;
  const tagId = Number(d.tags?.delivery_id);
  const delivery = await findDeliveryForEvent(deps.db, {
    providerId: d.email_id ?? null,
    deliveryId: Number.isInteger(tagId) ? tagId : null,
  });

  const effect = effectOf(event);
  const statements = [markEventStatement(svixId, event.type)];
  if (delivery && effect) {
    statements.push(
      deliveryEventStatement(
        { deliveryId: delivery.id, providerId: d.email_id ?? null },
        { status: effect.status, event: event.type, error: effect.error, now },
      ),
    );
  }
  if (effect?.suppress && email) {
    const subscriberId = delivery?.subscriberId ?? (await findSubscriberIdByEmail(deps.db, email));
    if (subscriberId !== undefined && subscriberId !== null) {
      statements.push(
        ...suppressStatements({
          subscriberId,
          status: effect.suppress,
          reason: effect.error ?? event.type,
          now,
        }),
      );
    }
  }
  try {
    await deps.db.batch(statements);
  } catch (err) {
    // The same svix-id arriving twice at once: the second batch fails on the key and changes nothing.
    if (await webhookSeen(deps.db, svixId)) return { handled: false, type: event.type };
    throw err;
  }
  if (!delivery && effect)
    deps.log.warn('webhook for an unknown delivery', { type: event.type, emailId: d.email_id });
  return { handled: true, type: event.type };
}

interface Effect {
  status: 'delivered' | 'bounced' | 'complained' | 'failed' | null;
  error: string | null;
  suppress?: 'bounced' | 'complained';
}

function effectOf(event: z.infer<typeof ResendEvent>): Effect | null {
  const d = event.data;
  switch (event.type) {
    case 'email.delivered':
      return { status: 'delivered', error: null };
    case 'email.delivery_delayed':
      return { status: null, error: null };
    case 'email.failed':
      return { status: 'failed', error: d.failed?.reason ?? 'Resend: verzenden mislukt' };
    case 'email.bounced': {
      const permanent = d.bounce?.type === 'Permanent';
      const error =
        `bounce ${d.bounce?.type ?? ''} ${d.bounce?.subType ?? ''}: ${d.bounce?.message ?? ''}`.trim();
      return { status: 'bounced', error, ...(permanent ? { suppress: 'bounced' as const } : {}) };
    }
    case 'email.complained':
      return { status: 'complained', error: 'klacht (als spam gemarkeerd)', suppress: 'complained' };
    default:
      return null;
  }
}
