import type { Context, Env, MiddlewareHandler, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError, fieldsFromZod } from './errors.js';
import type { Principal } from './modules/auth/principal.js';

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
 */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, async (value, _c: Context) => {
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) {
      throw new AppError(
        'validation',
        `Controleer de ${targetNames[target]}: ${parsed.error.issues.map((i) => `${i.path.join('.') || target}: ${i.message}`).join('; ')}`,
        fieldsFromZod(parsed.error),
      );
    }
    return parsed.data as z.output<S>;
  }) as MiddlewareHandler<AppEnv, string, { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }>;
}
