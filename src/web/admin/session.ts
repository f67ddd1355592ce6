import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps.js';
import { SESSION_MAX_MS, type SessionView, sessionOf } from '../../modules/accounts/service.js';

/**
 * sessionCookieName has the __Host- prefix when PUBLIC_URL is https: behind a TLS-ending proxy
 * the service itself sees http, so the address people use decides, not the request.
 */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '__Host-beheer' : 'beheer';
}

/** setSessionCookie puts a new session's token in a signed, HttpOnly, SameSite=Lax cookie. */
export async function setSessionCookie(deps: AppDeps, c: Context, token: string): Promise<void> {
  const secure = deps.config.publicUrl.startsWith('https:');
  await setSignedCookie(c, sessionCookieName(deps.config.publicUrl), token, deps.config.secretKey, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_MS / 1000,
  });
}

/** clearSessionCookie removes the cookie from the browser. */
export function clearSessionCookie(deps: AppDeps, c: Context): void {
  deleteCookie(c, sessionCookieName(deps.config.publicUrl), {
    path: '/',
    secure: deps.config.publicUrl.startsWith('https:'),
  });
}

/** sessionToken reads the cookie's token if its signature holds. */
export async function sessionToken(deps: AppDeps, c: Context): Promise<string | undefined> {
  const v = await getSignedCookie(c, deps.config.secretKey, sessionCookieName(deps.config.publicUrl));
  return typeof v === 'string' && v ? v : undefined;
}

/** currentSession is the request's valid session, if any. */
export async function currentSession(deps: AppDeps, c: Context): Promise<SessionView | undefined> {
  const token = await sessionToken(deps, c);
  return token ? sessionOf(deps, token) : undefined;
}

/** hasSessionCookie tells whether the request carries a beheer cookie at all (GET / uses it). */
export function hasSessionCookie(deps: AppDeps, c: Context): boolean {
  return (c.req.header('cookie') ?? '').includes(`${sessionCookieName(deps.config.publicUrl)}=`);
}
