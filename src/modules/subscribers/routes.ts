import { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { type AppEnv, BODY_MAX_BYTES, limitBody, validate } from '../../http.js';
import { requireRole } from '../auth/middleware.js';
import {
  createList,
  createSubscriber,
  decide,
  describeList,
  editSubscriber,
  eraseSubscriber,
  exportSubscriber,
  findSubscribers,
  lists,
  subscriberItem,
} from './admin.js';
import {
  IdParam,
  ListCreate,
  ListPatch,
  SignupInput,
  SubscriberCreate,
  SubscriberPatch,
  SubscriberQuery,
} from './schema.js';
import { type ForgetCopies, SOURCES, signup } from './service.js';
import { limitSignup } from './signup-limit.js';

// GET    /api/lists                        coco     every list
// POST   /api/lists                        coco     add a list
// PATCH  /api/lists/:slug                  coco     change a list's name and description
// POST   /api/signup                       public   sign up (202, same answer for every address; rate-limited)
// GET    /api/subscribers                  coco     ?q=&list=&status=&stadsdorp=&source=&after=&limit=, keyset pages with nextCursor
// POST   /api/subscribers                  coco     add a person with statuses per list
// GET    /api/subscribers/:id              coco     one subscriber
// PATCH  /api/subscribers/:id              coco     change name, stadsdorp, statuses
// POST   /api/subscribers/:id/approve      coco     approve pending board requests
// POST   /api/subscribers/:id/reject       coco     reject pending board requests
// GET    /api/subscribers/:id/export       coco     everything held on the person (AVG access)
// DELETE /api/subscribers/:id              coco     erase the person (AVG erasure)
// (CSV import and export of a list live in csv-routes.ts, mounted on the same prefix before these.)

/** listRoutes lets the CoCo read and add lists. */
export function listRoutes(deps: AppDeps) {
  const coco = requireRole(deps.db, 'coco');
  return new Hono<AppEnv>()
    .get('/', coco, async (c) => c.json({ items: await lists(deps) }))
    .post('/', coco, validate('json', ListCreate), async (c) =>
      c.json(await createList(deps, c.req.valid('json')), 201),
    )
    .patch('/:slug', coco, validate('json', ListPatch), async (c) =>
      c.json(await describeList(deps, c.req.param('slug').toLowerCase(), c.req.valid('json'))),
    );
}

/** SIGNUP_ACCEPTED is the one answer to every signup, so nobody can tell known from new addresses. */
export const SIGNUP_ACCEPTED = {
  status: 'accepted',
  message:
    'Bedankt! Als dit adres nog bevestigd moet worden, ontvangt u een e-mail met een bevestigingslink.',
} as const;

/** signupRoutes is the public JSON signup; it counts the attempt before it reads the body. */
export function signupRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/',
    async (c, next) => {
      await limitSignup(deps, c);
      await next();
    },
    limitBody(BODY_MAX_BYTES),
    validate('json', SignupInput),
    async (c) => {
      await signup(deps, c.req.valid('json'), { source: SOURCES.api });
      return c.json(SIGNUP_ACCEPTED, 202);
    },
  );
}

/**
 * subscriberRoutes is the CoCo's admin API on subscribers. forgetCopies: what an erase must
 * also forget in modules above this one (app.ts hands in delivery's).
 */
export function subscriberRoutes(deps: AppDeps, forgetCopies: ForgetCopies) {
  const coco = requireRole(deps.db, 'coco');
  return new Hono<AppEnv>()
    .get('/', coco, validate('query', SubscriberQuery), async (c) =>
      c.json(await findSubscribers(deps, c.req.valid('query'))),
    )
    .post('/', coco, validate('json', SubscriberCreate), async (c) =>
      c.json(await createSubscriber(deps, c.get('principal'), c.req.valid('json')), 201),
    )
    .get('/:id', coco, validate('param', IdParam), async (c) =>
      c.json(await subscriberItem(deps, c.req.valid('param').id)),
    )
    .patch('/:id', coco, validate('param', IdParam), validate('json', SubscriberPatch), async (c) =>
      c.json(await editSubscriber(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/approve', coco, validate('param', IdParam), async (c) =>
      c.json(await decide(deps, c.get('principal'), c.req.valid('param').id, 'approve')),
    )
    .post('/:id/reject', coco, validate('param', IdParam), async (c) =>
      c.json(await decide(deps, c.get('principal'), c.req.valid('param').id, 'reject')),
    )
    .get('/:id/export', coco, validate('param', IdParam), async (c) => {
      const id = c.req.valid('param').id;
      c.header('content-disposition', `attachment; filename="abonnee-${id}.json"`);
      return c.json(await exportSubscriber(deps, id));
    })
    .delete('/:id', coco, validate('param', IdParam), async (c) => {
      await eraseSubscriber(deps, c.get('principal'), c.req.valid('param').id, forgetCopies);
      return c.body(null, 204);
    });
}
