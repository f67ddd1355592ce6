import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { type AppEnv, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import { signupSources } from './service.js';

// GET /api/signup-sources?from=&to=&stadsdorp=              coco              signups per source (bron) and stadsdorp
// GET /api/stadsdorpen/:slug/signup-sources?from=&to=      coco, stadsdorp   the same for one stadsdorp

const Day = z.iso.date({ error: 'Een datum als 2026-03-31 (jaar-maand-dag).' });
const Period = z.object({ from: Day.optional(), to: Day.optional() });
const CocoQuery = Period.extend({ stadsdorp: z.string().trim().min(1).optional() });
const SlugParam = z.object({ slug: z.string().min(1) });

/** signupSourceRoutes is the CoCo's overview of every stadsdorp, on /api/signup-sources. */
export function signupSourceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireRole(deps.db, 'coco'), validate('query', CocoQuery), async (c) =>
    c.json(await signupSources(deps, c.get('principal'), c.req.valid('query'))),
  );
}

/** stadsdorpSignupSourceRoutes is one stadsdorp's report, for its editor too, on /api/stadsdorpen. */
export function stadsdorpSignupSourceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/:slug/signup-sources',
    requireRole(deps.db, 'coco', 'stadsdorp'),
    validate('param', SlugParam),
    validate('query', Period),
    async (c) =>
      c.json(
        await signupSources(deps, c.get('principal'), {
          ...c.req.valid('query'),
          stadsdorp: c.req.valid('param').slug,
        }),
      ),
  );
}
