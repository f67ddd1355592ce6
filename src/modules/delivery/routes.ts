/**
 * Delivery routes (mounted at /api/campaigns, beside the campaigns module):
 *   POST /:id/send     coco  freeze now, or { scheduledAt } to plan it
 *   POST /:id/pause    coco  stop leasing new batches (a batch in flight finishes)
 *   POST /:id/resume   coco  continue a paused send
 *   POST /:id/cancel   coco  scheduled -> draft; sending/paused -> cancelled
 * Webhook routes (mounted at /api/webhooks):
 *   POST /resend       public, Svix-signed: delivered, bounced, complained, delayed, failed (body: 1 MB)
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../http.js';
import { limitBody, validate } from '../../http.js';
import { logActivity } from '../accounts/service.js';
import { requireRole } from '../auth/middleware.js';
import { findCampaign } from '../campaigns/repo.js';
import { CampaignIdParam, SendBody } from './schema.js';
import { cancelCampaign, pauseCampaign, resumeCampaign, sendCampaign } from './service.js';
import { handleResendWebhook, verifyResendWebhook } from './webhooks.js';

/** deliveryRoutes is the sub-app with send, pause, resume and cancel of a campaign. */
export function deliveryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const coco = requireRole(deps.db, 'coco');

  // Sending and cancelling go in the activity log under the token's name: the CoCo reads
  // there who sent what, whether from beheer or from a script.
  const logged = async (c: Context<AppEnv>, action: string, campaignId: number, detail = '') => {
    const campaign = await findCampaign(deps.db, campaignId);
    const subject = `${campaign?.subject ?? 'campagne'} (#${campaignId})${detail}`;
    await logActivity(
      deps,
      { accountId: null, name: `${c.get('principal').name} (API-token)` },
      action,
      subject,
    );
  };

  // Without a body (or with {}) the campaign is frozen now.
  app.post('/:id/send', coco, validate('param', CampaignIdParam), validate('json', SendBody), async (c) => {
    const id = c.req.valid('param').id;
    const result = await sendCampaign(deps, id, { scheduledAt: c.req.valid('json').scheduledAt });
    if (result.status === 'scheduled')
      await logged(c, 'campaign-schedule', id, `, voor ${result.scheduledAt}`);
    else await logged(c, 'campaign-send', id);
    return c.json(result, result.status === 'scheduled' ? 200 : 202);
  });

  app.post('/:id/pause', coco, validate('param', CampaignIdParam), async (c) =>
    c.json(await pauseCampaign(deps, c.req.valid('param').id)),
  );

  app.post('/:id/resume', coco, validate('param', CampaignIdParam), async (c) =>
    c.json(await resumeCampaign(deps, c.req.valid('param').id)),
  );

  app.post('/:id/cancel', coco, validate('param', CampaignIdParam), async (c) => {
    const id = c.req.valid('param').id;
    const result = await cancelCampaign(deps, id);
    await logged(c, 'campaign-cancel', id, result.status === 'draft' ? ', terug naar concept' : '');
    return c.json(result);
  });

  return app;
}

/** WEBHOOK_MAX_BYTES bounds a webhook body: Resend's events are a few kB, so 1 MB leaves room and no more. */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;

/** webhookRoutes is the public sub-app for provider webhooks; the signature is the authentication. */
export function webhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/resend', limitBody(WEBHOOK_MAX_BYTES), async (c) => {
    // The signature covers the exact bytes sent, so read the raw body before any parsing.
    const raw = await c.req.text();
    const id = c.req.header('svix-id');
    verifyResendWebhook(deps, raw, {
      id,
      timestamp: c.req.header('svix-timestamp'),
      signature: c.req.header('svix-signature'),
    });
    const result = await handleResendWebhook(deps, id ?? '', raw);
    return c.json({ ok: true, ...result });
  });

  return app;
}
