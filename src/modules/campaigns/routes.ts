import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { type AppEnv, decimalId, validate } from '../../http.js';
import { EmailAddress } from '../../kernel/email-address.js';
import { requireRole } from '../auth/middleware.js';
import { findLayout, getLayout, listLayouts, putLayout, removeLayout } from './layouts.js';
import { getCampaign, listCampaigns } from './repo.js';
import { CampaignStatus, CreateCampaign, UpdateCampaign } from './schema.js';
import {
  campaignView,
  createCampaign,
  type DeliveryCounter,
  deleteCampaign,
  MAX_TEST_RECIPIENTS,
  previewCampaign,
  sendTest,
  updateCampaign,
} from './service.js';

// POST   /api/campaigns                 coco   create a draft Nieuwsbrief or Netwerkmail
// GET    /api/campaigns                 coco   list, newest first (?status=&before=&limit=)
// GET    /api/campaigns/:id             coco   one campaign with status and delivery counts
// PATCH  /api/campaigns/:id             coco   edit while draft or scheduled-not-started (else 409)
// DELETE /api/campaigns/:id             coco   delete a draft (else 409)
// GET    /api/campaigns/:id/preview     coco   ?format=html|text&subscriber=ID, as that subscriber or a sample
// POST   /api/campaigns/:id/test        coco   { to: [emails] } a [TEST] mail through the transport, no deliveries
// (send, pause, resume, cancel: src/modules/delivery/routes.ts)

const IdParam = z.object({ id: decimalId('Ongeldig campagnenummer: gebruik alleen cijfers.') });

const ListQuery = z.object({
  status: CampaignStatus.optional(),
  before: decimalId('Gebruik de cursor van de vorige pagina.').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const PreviewQuery = z.object({
  format: z.enum(['html', 'text'], { error: 'Kies format=html of format=text.' }).default('html'),
  subscriber: decimalId('Het abonnee-id is een positief geheel getal, alleen cijfers.').optional(),
});

const TestBody = z.strictObject({
  to: z
    .array(EmailAddress, { error: 'Geef de testadressen als lijst: {"to": ["naam@voorbeeld.nl"]}.' })
    .min(1, { error: 'Geef minstens één testadres.' })
    .max(MAX_TEST_RECIPIENTS, { error: `Hoogstens ${MAX_TEST_RECIPIENTS} testadressen.` }),
});

/**
 * campaignRoutes is the CoCo's API for composing, previewing and testing campaigns;
 * countDeliveries adds the delivery counts (from the delivery module, see app.ts).
 */
export function campaignRoutes<Counts>(deps: AppDeps, countDeliveries: DeliveryCounter<Counts>) {
  const coco = requireRole(deps.db, 'coco');
  return new Hono<AppEnv>()
    .post('/', coco, validate('json', CreateCampaign), async (c) => {
      const campaign = await createCampaign(deps, c.req.valid('json'), c.get('principal').name);
      return c.json(await campaignView(deps, campaign, countDeliveries), 201);
    })
    .get('/', coco, validate('query', ListQuery), async (c) => {
      const q = c.req.valid('query');
      const items = await listCampaigns(deps.db, { status: q.status, beforeId: q.before, limit: q.limit });
      return c.json({
        items: items.map(({ content: _content, ...rest }) => rest),
        next: items.length === q.limit ? items[items.length - 1]?.id : null,
      });
    })
    .get('/:id', coco, validate('param', IdParam), async (c) => {
      return c.json(
        await campaignView(deps, await getCampaign(deps.db, c.req.valid('param').id), countDeliveries),
      );
    })
    .patch('/:id', coco, validate('param', IdParam), validate('json', UpdateCampaign), async (c) => {
      const campaign = await updateCampaign(deps, c.req.valid('param').id, c.req.valid('json'));
      return c.json(await campaignView(deps, campaign, countDeliveries));
    })
    .delete('/:id', coco, validate('param', IdParam), async (c) => {
      await deleteCampaign(deps, c.req.valid('param').id);
      return c.body(null, 204);
    })
    .get('/:id/preview', coco, validate('param', IdParam), validate('query', PreviewQuery), async (c) => {
      const q = c.req.valid('query');
      const message = await previewCampaign(deps, c.req.valid('param').id, q.subscriber);
      c.header('X-Mail-Subject', encodeURIComponent(message.subject));
      return q.format === 'text' ? c.text(message.text) : c.html(message.html);
    })
    .post('/:id/test', coco, validate('param', IdParam), validate('json', TestBody), async (c) => {
      return c.json(await sendTest(deps, c.req.valid('param').id, c.req.valid('json').to));
    });
}

const LayoutParam = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, {
    error: 'Een layoutnaam bestaat uit kleine letters, cijfers en streepjes.',
  }),
});

// GET    /api/layouts          coco   built-in and uploaded MJML layouts with their slots
// GET    /api/layouts/:name    coco   one layout including its MJML
// PUT    /api/layouts/:name    coco   add or replace (MJML as the body, or JSON {"mjml": "..."}); strict validation
// DELETE /api/layouts/:name    coco   delete an upload; an overridden built-in comes back

/** layoutRoutes lets the CoCo manage MJML layouts. */
export function layoutRoutes(deps: AppDeps) {
  const coco = requireRole(deps.db, 'coco');
  return new Hono<AppEnv>()
    .get('/', coco, async (c) => c.json({ items: await listLayouts(deps) }))
    .get('/:name', coco, validate('param', LayoutParam), async (c) => {
      return c.json(await getLayout(deps, c.req.valid('param').name));
    })
    .put('/:name', coco, validate('param', LayoutParam), async (c) => {
      const type = c.req.header('content-type') ?? '';
      let mjml: unknown;
      if (type.includes('json')) {
        mjml = ((await c.req.json().catch(() => ({}))) as { mjml?: unknown }).mjml;
      } else if (/^(text\/|application\/(xml|mjml))/.test(type) || type === '') {
        mjml = await c.req.text();
      } else {
        throw new AppError(
          'unsupported_media_type',
          'Stuur de layout als MJML-tekst (text/plain) of als JSON {"mjml": "..."}.',
        );
      }
      if (typeof mjml !== 'string' || !mjml.trim()) {
        throw new AppError('validation', 'Stuur de MJML van de layout mee.', { mjml: 'Vul de MJML in.' });
      }
      const name = c.req.valid('param').name;
      const existed = (await findLayout(deps, name)) !== undefined;
      return c.json(await putLayout(deps, name, mjml, deps.now()), existed ? 200 : 201);
    })
    .delete('/:name', coco, validate('param', LayoutParam), async (c) => {
      return c.json(await removeLayout(deps, c.req.valid('param').name));
    });
}
