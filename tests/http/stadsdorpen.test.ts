import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';

async function setup() {
  const t = await makeTestApp();
  const own = await addStadsdorp(t.deps, { slug: 'eigen-dorp', name: 'Eigen Dorp' });
  const editor = await editorToken(t.deps, own);
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    t.app.request(`/api/stadsdorpen${path}`, {
      method,
      headers: { ...(token ? auth(token) : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { ...t, editor, call };
}

describe('/api/stadsdorpen', () => {
  it('lets the CoCo add a stadsdorp and makes the slug from its name', async () => {
    const { call, coco } = await setup();
    const res = await call('POST', '', coco, {
      name: 'Stadsdorp Élandsgracht & Omstreken',
      gebied: 'Centrum',
      website: 'https://elandsgracht.example',
      contactEmail: 'Bestuur@Elandsgracht.example',
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({
      slug: 'stadsdorp-elandsgracht-omstreken',
      gebied: 'Centrum',
      contactEmail: 'bestuur@elandsgracht.example',
      isExample: false,
    });
    const again = await call('POST', '', coco, {
      name: 'Stadsdorp Elandsgracht Omstreken',
      gebied: 'Centrum',
    });
    expect((await again.json()).slug).toBe('stadsdorp-elandsgracht-omstreken-2');
  });

  it('refuses a slug that is taken with a 409 naming the field', async () => {
    const { call, coco } = await setup();
    const res = await call('POST', '', coco, { name: 'Nog een', slug: 'eigen-dorp', gebied: 'West' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields).toHaveProperty('slug');
  });

  it.each([
    ['an unknown gebied', { name: 'X', gebied: 'Haarlem' }, 'gebied'],
    ['no name', { gebied: 'West' }, 'name'],
    ['a bad website', { name: 'X', gebied: 'West', website: 'geen url' }, 'website'],
    ['a bad contact address', { name: 'X', gebied: 'West', contactEmail: 'nee' }, 'contactEmail'],
    ['a bad slug', { name: 'X', gebied: 'West', slug: 'Met Spaties' }, 'slug'],
    ['an unknown field', { name: 'X', gebied: 'West', kleur: 'rood' }, '_'],
  ])('refuses %s with a 400', async (_n, body, field) => {
    const { call, coco } = await setup();
    const res = await call('POST', '', coco, body);
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.fields;
    if (field === '_') expect(Object.keys(fields).length).toBeGreaterThan(0);
    else expect(fields).toHaveProperty(field);
  });

  it('lets the CoCo change and delete a stadsdorp', async () => {
    const { call, coco } = await setup();
    const patched = await call('PATCH', '/eigen-dorp', coco, {
      gebied: 'Noord',
      slug: 'dorp-noord',
      website: '',
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      slug: 'dorp-noord',
      gebied: 'Noord',
      name: 'Eigen Dorp',
      website: null,
    });
    expect((await call('GET', '/eigen-dorp', coco)).status).toBe(404);
    expect((await call('DELETE', '/dorp-noord', coco)).status).toBe(204);
    expect((await call('GET', '/dorp-noord', coco)).status).toBe(404);
  });

  it('lets an editor read every stadsdorp but change none', async () => {
    const { call, editor } = await setup();
    const list = await call('GET', '', editor);
    expect(list.status).toBe(200);
    expect((await list.json()).items.map((s: { slug: string }) => s.slug)).toEqual(['eigen-dorp']);
    expect((await call('GET', '/eigen-dorp', editor)).status).toBe(200);
    expect((await call('POST', '', editor, { name: 'X', gebied: 'West' })).status).toBe(403);
    expect((await call('PATCH', '/eigen-dorp', editor, { name: 'Y' })).status).toBe(403);
    expect((await call('DELETE', '/eigen-dorp', editor)).status).toBe(403);
  });

  it('answers 401 to every route without a token', async () => {
    const { call } = await setup();
    for (const [m, p] of [
      ['GET', ''],
      ['GET', '/eigen-dorp'],
      ['POST', ''],
      ['PATCH', '/eigen-dorp'],
      ['DELETE', '/eigen-dorp'],
    ] as const) {
      expect((await call(m, p, null)).status, `${m} ${p}`).toBe(401);
    }
  });

  it('keeps board members when their stadsdorp is deleted, without a stadsdorp', async () => {
    const t = await setup();
    await t.db.run(
      "INSERT INTO subscribers (public_id, email, stadsdorp_id) VALUES ('p1', 'b@example.nl', 1)",
    );
    expect((await t.call('DELETE', '/eigen-dorp', t.coco)).status).toBe(204);
    const row = await t.db.get<{ stadsdorp_id: number | null }>('SELECT stadsdorp_id FROM subscribers');
    expect(row!.stadsdorp_id).toBeNull();
  });
});
