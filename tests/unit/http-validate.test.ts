import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/errors.js';
import { type AppEnv, validate } from '../../src/http.js';

// A small app with the project's error shape, so each case reads as a request and its answer.
function appWith(schema: z.ZodType) {
  const app = new Hono<AppEnv>();
  app.post('/', validate('json', schema), (c) => c.json({ got: c.req.valid('json') }));
  app.onError((err, c) =>
    err instanceof AppError
      ? c.json({ error: { code: err.code, message: err.message, fields: err.fields } }, 400)
      : c.json({ error: String(err) }, 500),
  );
  return app;
}

const post = (app: Hono<AppEnv>, body: unknown) =>
  app.request('/', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('validate', () => {
  const Person = z.object({ email: z.email(), name: z.string().trim().min(1).optional() });

  it('hands the handler the parsed value, transforms applied', async () => {
    const res = await post(appWith(Person), { email: 'a@example.nl', name: '  Anna ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { email: 'a@example.nl', name: 'Anna' } });
  });

  it('answers 400 naming each wrong field', async () => {
    const res = await post(appWith(Person), { email: 'geen-adres', name: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; fields: Record<string, string> };
    };
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toMatch(/^Controleer de JSON body: /);
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'name']);
  });

  it('still checks a schema with an async refinement, which zod will not check synchronously', async () => {
    const Taken = z.object({
      slug: z.string().refine(async (s) => s !== 'bezet', { message: 'Deze naam is al in gebruik.' }),
    });
    const ok = await post(appWith(Taken), { slug: 'vrij' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ got: { slug: 'vrij' } });
    const refused = await post(appWith(Taken), { slug: 'bezet' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      slug: 'Deze naam is al in gebruik.',
    });
  });
});
