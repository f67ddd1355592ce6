import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { except } from 'hono/combine';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatabaseUnavailable } from './db/faults.js';
import type { AppDeps } from './deps.js';
import { AppError, statusOf } from './errors.js';
import { type AppEnv, BODY_MAX_BYTES, limitBody } from './http.js';
import { archiveRoutes } from './modules/campaigns/archive.js';
import { campaignRoutes, layoutRoutes } from './modules/campaigns/routes.js';
import { csvRoutes } from './modules/csv/routes.js';
import { deliveryCounts } from './modules/delivery/counts-repo.js';
import { forgetCopiesOfPerson } from './modules/delivery/forget.js';
import { deliveryRoutes, webhookRoutes } from './modules/delivery/routes.js';
import { outboxRoutes } from './modules/outbox/routes.js';
import { photoRoutes } from './modules/photos/routes.js';
import { printRoutes, shortLinkRoutes, stadsdorpPrintRoutes } from './modules/print/routes.js';
import { signupSourceRoutes, stadsdorpSignupSourceRoutes } from './modules/signup-sources/routes.js';
import { stadsdorpRoutes } from './modules/stadsdorpen/routes.js';
import { listRoutes, signupRoutes, subscriberRoutes } from './modules/subscribers/routes.js';
import { adminRoutes } from './web/admin/routes.js';
import { hasSessionCookie } from './web/admin/session.js';
import { csp } from './web/csp.js';
import { archivePages } from './web/pages/archief.js';
import { crossSitePostAllowed, publicRoutes } from './web/public-routes.js';
import { sameOriginPosts } from './web/same-origin.js';

/**
 * createApp builds the whole HTTP surface from its dependencies. Every route and
 * the role it needs reads as one table: the mounts below, then each routes.ts.
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    await next();
  });

  // Every body is limited while it is read, before parsing, signature or login checks. These
  // routes set their own limit: bigger files, or a rate limit that must come before reading.
  app.use(
    except(
      [
        '/api/webhooks/resend',
        '/api/subscribers/import',
        '/beheer/import',
        '/beheer/bijdragen/nieuws',
        '/beheer/campagnes/:id/artikelen/:n/foto',
        '/api/stadsdorpen/:slug/logo',
        '/beheer/stadsdorpen/:slug/logo',
        '/beheer/stadsdorpen/:slug/posters/foto',
        '/api/signup',
        '/aanmelden',
      ],
      limitBody(BODY_MAX_BYTES),
    ),
  );

  // Browser posts must come from our own pages; /api is called with bearer tokens, the
  // signup API and the signed webhook. Exceptions: crossSitePostAllowed in public-routes.ts.
  app.use(except('/api/*', sameOriginPosts(deps.config.publicUrl, crossSitePostAllowed)));

  // Content-Security-Policy by area (src/web/csp.ts); the public pages set theirs with each page.
  app.use('/beheer/*', csp('beheer'));

  // Answers from a read, so a write lock held elsewhere does not hold it up; a full disk
  // makes it 503 until a write succeeds again, so monitoring sees what every write meets.
  app.get('/healthz', async (c) => {
    await deps.db.get('SELECT 1 AS ok');
    if (deps.db.health?.().storageFull) {
      c.header('Retry-After', '60');
      return c.json(
        {
          status: 'storage_full',
          message: 'De opslag van de server is vol: er kan niets worden opgeslagen.',
        },
        503,
      );
    }
    return c.json({ status: 'ok' });
  });

  app.route('/api/outbox', outboxRoutes(deps));
  // A preview is a document the volunteers' app shows in a frame; nobody else may frame it.
  app.use('/api/campaigns/:id/preview', csp('preview'));
  app.route('/api/campaigns', deliveryRoutes(deps));
  app.route('/api/campaigns', campaignRoutes(deps, deliveryCounts));
  app.route('/api/webhooks', webhookRoutes(deps));
  app.route('/api/layouts', layoutRoutes(deps));
  app.use('/archief/*', csp('archive'));
  app.route('/archief', archiveRoutes(deps, archivePages));
  app.route('/api/subscribers', csvRoutes(deps));
  app.route('/api/subscribers', subscriberRoutes(deps, forgetCopiesOfPerson));
  app.route('/api/stadsdorpen', stadsdorpRoutes(deps));
  app.route('/api/stadsdorpen', stadsdorpPrintRoutes(deps));
  app.route('/api/stadsdorpen', stadsdorpSignupSourceRoutes(deps));
  app.route('/api/signup-sources', signupSourceRoutes(deps));
  app.route('/api/print', printRoutes(deps));
  app.route('/s', shortLinkRoutes(deps));
  app.route('/fotos', photoRoutes(deps));
  app.route('/api/lists', listRoutes(deps));
  app.route('/api/signup', signupRoutes(deps));
  app.route('/beheer', adminRoutes(deps));
  // A volunteer with a session goes to beheer; everyone else to the signup page.
  app.get('/', (c) => c.redirect(hasSessionCookie(deps, c) ? '/beheer' : '/aanmelden', 302));
  app.route('/', publicRoutes(deps));

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `Niet gevonden: ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((err, c) => {
    if (err instanceof AppError) {
      const body = {
        error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      };
      const res = c.json(body, statusOf[err.code]);
      if (err.code === 'unauthorized') res.headers.set('WWW-Authenticate', 'Bearer');
      if (err instanceof DatabaseUnavailable) res.headers.set('Retry-After', String(err.retryAfterSeconds));
      return res;
    }
    // Malformed JSON and the like come from Hono itself as HTTPException with a 4xx status.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json(
        { error: { code: 'validation', message: `Het verzoek kon niet worden gelezen: ${err.message}` } },
        status as ContentfulStatusCode,
      );
    }
    const requestId = c.get('requestId');
    deps.log.error('unhandled error', { requestId, path: c.req.path, error: String(err), stack: err.stack });
    return c.json(
      { error: { code: 'internal', message: `Er ging iets mis aan onze kant (referentie ${requestId}).` } },
      500,
    );
  });

  return app;
}

/** App is the type of the Hono app createApp returns. */
export type App = ReturnType<typeof createApp>;
