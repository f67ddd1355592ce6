// The protections of /beheer in one place: its content security policy and the refusal of
// cross-site form posts. The hardening work adds the same for the whole service
// (src/web/csp.ts); this is beheer's own until the two are joined.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http.js';

/** ADMIN_CSP: scripts and frames only from the service itself, never framed by another site. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "connect-src 'self'",
].join('; ');

/** adminHeaders sets the CSP and the other headers every beheer answer carries. */
export function adminHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', ADMIN_CSP);
    c.res.headers.set('x-content-type-options', 'nosniff');
    // Not no-referrer: under it Chromium sends "Origin: null" with our own form posts.
    c.res.headers.set('referrer-policy', 'same-origin');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}

/**
 * isCrossSite tells whether a state-changing request comes from another site: its Origin is
 * not PUBLIC_URL's origin, or the browser says Sec-Fetch-Site is not same-origin. A request
 * with neither header comes from no browser (curl, a script) and carries no one's cookie by
 * accident, so it passes.
 */
export function isCrossSite(headers: { origin?: string; secFetchSite?: string }, publicUrl: string): boolean {
  const own = new URL(publicUrl).origin;
  // "null" says only that the browser hid the origin (a privacy setting, a sandbox): then
  // Sec-Fetch-Site decides, and without it the request is refused.
  if (headers.origin !== undefined && headers.origin !== '' && headers.origin !== 'null')
    return headers.origin !== own;
  if (headers.secFetchSite !== undefined && headers.secFetchSite !== '')
    return headers.secFetchSite !== 'same-origin' && headers.secFetchSite !== 'none';
  return headers.origin === 'null';
}

/** sameOriginPosts refuses, with a Dutch 403 page, any non-GET request from another site. */
export function sameOriginPosts(
  publicUrl: string,
  refuse: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const cross = isCrossSite(
      { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') },
      publicUrl,
    );
    if (cross) return refuse(c, next);
    return next();
  };
}
