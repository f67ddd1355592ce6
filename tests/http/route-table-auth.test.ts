import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

// Walks the app's whole route table, so a route added without a guard fails here.

/** Routes anyone may call: the signup API and the Resend webhook (which checks its own signature). */
const PUBLIC = new Set(['POST /api/signup', 'POST /api/webhooks/resend']);

/** Routes an editor of any stadsdorp may call, whatever stadsdorp they concern. */
const EDITOR_ANYWHERE = new Set([
  'GET /api/print/templates',
  'GET /api/stadsdorpen',
  'GET /api/stadsdorpen/:slug',
]);

/** Routes under one stadsdorp that its own editor may call, and another stadsdorp's editor may not. */
const isStadsdorpScoped = (path: string) => /^\/api\/stadsdorpen\/:slug\/.+/.test(path);

function concrete(path: string, slug: string): string {
  return path
    .replace(':slug', slug)
    .replace(/:template\b/, 'kennismaking')
    .replace(/:[A-Za-z]+(\{[^}]*\})?/g, '1');
}

async function setup() {
  const t = await makeTestApp();
  const own = await addStadsdorp(t.deps, { slug: 'eigen-dorp', name: 'Eigen Dorp' });
  await addStadsdorp(t.deps, { slug: 'ander-dorp', name: 'Ander Dorp' });
  const editor = await editorToken(t.deps, own);
  const routes = [
    ...new Map(
      t.app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }]),
    ).values(),
  ];
  return { ...t, editor, routes };
}

describe('the route table', () => {
  it('has the admin routes of every module mounted', async () => {
    const { routes } = await setup();
    const paths = new Set(routes.map((r) => r.path));
    for (const p of [
      '/api/outbox',
      '/api/subscribers',
      '/api/lists',
      '/api/campaigns',
      '/api/print/templates',
    ]) {
      expect(paths, `${p} is mounted`).toContain(p);
    }
  });

  it('answers 401 on every non-public API route without a token or with an unknown one', async () => {
    const { app, routes } = await setup();
    const guarded = routes.filter((r) => !PUBLIC.has(`${r.method} ${r.path}`));
    expect(guarded.length).toBeGreaterThan(20);
    for (const r of guarded) {
      const url = concrete(r.path, 'eigen-dorp');
      for (const headers of [{}, auth('nas_onbekend-token')]) {
        const res = await app.request(url, { method: r.method, headers });
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
      }
    }
  });

  it("answers 403 to an editor on CoCo routes and on another stadsdorp's routes", async () => {
    const { app, routes, editor } = await setup();
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (PUBLIC.has(key) || EDITOR_ANYWHERE.has(key)) continue;
      const slug = isStadsdorpScoped(r.path) ? 'ander-dorp' : 'eigen-dorp';
      const res = await app.request(concrete(r.path, slug), { method: r.method, headers: auth(editor) });
      expect(res.status, key).toBe(403);
    }
  });

  it("lets an editor past the guard on their own stadsdorp's routes", async () => {
    const { app, routes, editor } = await setup();
    const own = routes.filter(
      (r) => isStadsdorpScoped(r.path) || EDITOR_ANYWHERE.has(`${r.method} ${r.path}`),
    );
    expect(own.length).toBeGreaterThan(3);
    for (const r of own) {
      const res = await app.request(concrete(r.path, 'eigen-dorp'), {
        method: r.method,
        headers: auth(editor),
      });
      expect([401, 403], `${r.method} ${r.path}`).not.toContain(res.status);
    }
  });
});
