import type { Context, Env, MiddlewareHandler, ValidationTargets } from 'hono';
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
