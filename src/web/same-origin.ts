import type { Context, MiddlewareHandler } from 'hono';
import { cspFor } from './csp.js';
import { CrossSitePage } from './pages/geweigerd.js';

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/;

/**
 * sameOriginPosts refuses a state-changing browser request that another site made, as
 * hono/csrf does: it passes when the browser says Sec-Fetch-Site: same-origin or sends an
 * Origin equal to PUBLIC_URL's (behind a proxy the request URL is not what people see).
 * A request with a bearer token is an API call, which no form can forge. Posts that come
 * from elsewhere by design pass through crossSiteAllowed. A refusal is a Dutch page with 403.
 */
export function sameOriginPosts(
  publicUrl: string,
  crossSiteAllowed: (c: Context) => boolean | Promise<boolean>,
): MiddlewareHandler {
  const ownOrigin = new URL(publicUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.test(c.req.method)) return next();
    if (/^bearer\s/i.test(c.req.header('authorization') ?? '')) return next();
    if (c.req.header('sec-fetch-site') === 'same-origin' || c.req.header('origin') === ownOrigin)
      return next();
    if (await crossSiteAllowed(c)) return next();
    c.header('cache-control', 'no-store');
    c.header('content-security-policy', cspFor('public'));
    return c.html(`<!doctype html>${await CrossSitePage()}`, 403);
  };
}
