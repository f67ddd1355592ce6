import type { Context, Env, MiddlewareHandler, ValidationTargets } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { AppError, fieldsFromZod } from './errors.js';
import type { Principal } from './kernel/principal.js';

/** AppEnv types the Hono context of every module: the logged-in principal and the request id. */
export interface AppEnv extends Env {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}

const targetNames: Record<keyof ValidationTargets, string> = {
  json: 'JSON body',
  form: 'form',
  query: 'query string',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
};

/**
 * validate is the zod validator every route uses: on failure it throws a validation
 * AppError naming each field, so all bad input answers in the one error shape.
 * Every schema here is synchronous, so it is checked without a promise per field. Zod
 * refuses an async refinement in a synchronous check; a schema with one is then checked
 * asynchronously, so adding one later still works.
 */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  const accept = (parsed: z.ZodSafeParseResult<z.output<S>>): z.output<S> => {
    if (!parsed.success) {
      throw new AppError(
        'validation',
        `Controleer de ${targetNames[target]}: ${parsed.error.issues.map((i) => `${i.path.join('.') || target}: ${i.message}`).join('; ')}`,
        fieldsFromZod(parsed.error),
      );
    }
    return parsed.data;
  };
  return validator(target, (value, _c: Context) => {
    try {
      return accept(schema.safeParse(value));
    } catch (err) {
      if (err instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value).then(accept);
      throw err;
    }
  }) as MiddlewareHandler<AppEnv, string, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }>;
}

/** BODY_MAX_BYTES is the limit on a JSON or form body: the largest real one (a campaign's Markdown) is far below it. */
export const BODY_MAX_BYTES = 256 * 1024;

function sizeInDutch(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} kB`;
}

/**
 * limitBody refuses a body above maxBytes with 413 while it is read, before any parsing,
 * signature or login check: a declared Content-Length above the limit is refused unread,
 * and a chunked body is counted as it streams in and refused at the first byte too many.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new AppError(
      'payload_too_large',
      `Het verzoek is te groot: stuur hoogstens ${sizeInDutch(maxBytes)}.`,
    );
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    // A declared length is judged from the header alone. Touching the request's body stream
    // here would make @hono/node-server build a whole web Request for every request, which
    // cost a signup about 40% of its throughput; only a chunked body needs the counting.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) > maxBytes) tooLarge();
      return next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return streamed(c, next);
  };
}

/**
 * decimalId is a numeric id (or keyset cursor) from a path or query string: decimal digits
 * only, so "0x10", "1e3", " 7" or "7.0" are refused rather than read as another number,
 * and at least min.
 */
export function decimalId(message: string, min = 1) {
  return z
    .string({ error: message })
    .regex(/^[0-9]{1,15}$/, { error: message })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: message }));
}
