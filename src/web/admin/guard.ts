// The headers every beheer answer carries besides its CSP. The CSP (area 'beheer') and the
// refusal of cross-site form posts are the service's own, set in src/app.ts for all of it:
// src/web/csp.ts and src/web/same-origin.ts.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http.js';

/** adminHeaders sets the headers every beheer answer carries besides its CSP. */
export function adminHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    // Not no-referrer: under it Chromium sends "Origin: null" with our own form posts.
    c.res.headers.set('referrer-policy', 'same-origin');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
