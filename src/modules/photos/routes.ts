import { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http.js';
import { photoFile } from './service.js';

// GET /fotos/:name   public   a photo of a Nieuwsbrief (<id>-<token>.jpg): its bytes never change

/** photoRoutes serves the photos of the Nieuwsbrief to anyone who has the address (mail clients, the archief). */
export function photoRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/:name', async (c) => {
    const bytes = await photoFile(deps, c.req.param('name'));
    if (!bytes) throw new AppError('not_found', 'Deze foto bestaat niet.');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'image/jpeg',
      // One address, one set of bytes for ever: mail clients and proxies may keep it a year.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
