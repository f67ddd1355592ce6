import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../db/port.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http.js';
import type { Role } from '../../kernel/principal.js';
import { authenticate } from './service.js';

/**
 * requireRole admits a request with a valid bearer token of one of the roles:
 * no or an unknown token is 401, a valid token of another role is 403.
 */
export function requireRole(db: Db, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new AppError('unauthorized', 'Log in: stuur een geldig token mee (Authorization: Bearer ...).');
    const principal = await authenticate(db, match[1]!);
    if (!principal) throw new AppError('unauthorized', 'Dit token is onbekend of ingetrokken.');
    if (!roles.includes(principal.role)) {
      throw new AppError('forbidden', 'Uw account heeft geen toegang tot deze functie.');
    }
    c.set('principal', principal);
    await next();
  };
}
