import type { MiddlewareHandler } from 'hono';

/**
 * CspArea names the parts of the site that differ in what a page may load or who may frame it:
 * - public:  aanmelden, bevestigen, voorkeuren, afmelden, wissen: no script, no framing at all.
 * - archive: the same, except that a Nieuwsbrief's photos may come from any https site.
 * - beheer:  the volunteers' app: its own scripts, and its own documents in frames (previews).
 * - preview: a mail as a document of its own, framed by this app only (in a sandboxed frame).
 */
export type CspArea = 'public' | 'archive' | 'beheer' | 'preview';

// Shared by every area: nothing loads unless named, no <base> games, no plugins.
const base = ["default-src 'none'", "base-uri 'none'"];

const policies: Record<CspArea, string[]> = {
  public: [
    ...base,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ],
  archive: [
    ...base,
    "style-src 'unsafe-inline'",
    "img-src 'self' data: https:",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ],
  beheer: [
    ...base,
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ],
  preview: [
    ...base,
    "style-src 'unsafe-inline'",
    "img-src 'self' data: https:",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ],
};

/** cspFor is the Content-Security-Policy header value of one area. */
export function cspFor(area: CspArea): string {
  return policies[area].join('; ');
}

/**
 * csp sets the area's policy on every response of the routes it is used on, unless a handler
 * set a policy of its own: the most specific part of the app decides.
 */
export function csp(area: CspArea): MiddlewareHandler {
  const value = cspFor(area);
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', value);
  };
}
