import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { type AppEnv, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import { Slug, StadsdorpCreate, StadsdorpPatch } from './schema.js';
import { allStadsdorpen, createStadsdorp, editStadsdorp, getStadsdorp, removeStadsdorp } from './service.js';

// GET    /api/stadsdorpen          coco, stadsdorp   every stadsdorp (editors read names for forms)
// GET    /api/stadsdorpen/:slug    coco, stadsdorp   one stadsdorp
// POST   /api/stadsdorpen          coco              add a stadsdorp (slug made from the name when absent)
// PATCH  /api/stadsdorpen/:slug    coco              change name, slug, gebied, website, contactEmail
// DELETE /api/stadsdorpen/:slug    coco              remove a stadsdorp
// (The print module mounts /:slug/logo, /:slug/profile, /:slug/print/... and /:slug/designs on the same prefix.)

const SlugParam = z.object({ slug: Slug });

/** stadsdorpRoutes is the CoCo's CRUD of stadsdorpen. */
export function stadsdorpRoutes(deps: AppDeps) {
  const readers = requireRole(deps.db, 'coco', 'stadsdorp');
  const coco = requireRole(deps.db, 'coco');
  return new Hono<AppEnv>()
    .get('/', readers, async (c) => c.json({ items: await allStadsdorpen(deps) }))
    .get('/:slug', readers, validate('param', SlugParam), async (c) =>
      c.json(await getStadsdorp(deps, c.req.valid('param').slug)),
    )
    .post('/', coco, validate('json', StadsdorpCreate), async (c) =>
      c.json(await createStadsdorp(deps, c.req.valid('json')), 201),
    )
    .patch('/:slug', coco, validate('param', SlugParam), validate('json', StadsdorpPatch), async (c) =>
      c.json(await editStadsdorp(deps, c.req.valid('param').slug, c.req.valid('json'))),
    )
    .delete('/:slug', coco, validate('param', SlugParam), async (c) => {
      await removeStadsdorp(deps, c.req.valid('param').slug);
      return c.body(null, 204);
    });
}
