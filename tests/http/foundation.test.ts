import { describe, expect, it } from 'vitest';
import { auth, makeTestApp } from '../support/app.js';

describe('foundation', () => {
  it('answers /healthz when the database is reachable', async () => {
    const { app } = await makeTestApp();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses the outbox without a token and with an unknown token', async () => {
    const { app } = await makeTestApp();
    expect((await app.request('/api/outbox')).status).toBe(401);
    const res = await app.request('/api/outbox', { headers: auth('nas_not-a-real-token') });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it('answers an unknown path with a JSON 404', async () => {
    const { app } = await makeTestApp();
    const res = await app.request('/api/bestaat-niet');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('names the query field when a value is wrong', async () => {
    const { app, coco } = await makeTestApp();
    const res = await app.request('/api/outbox?limit=abc', { headers: auth(coco) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields).toHaveProperty('limit');
  });
});
