import { describe, expect, it } from 'vitest';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';
import { linkIn, mailsTo, postForm } from './subscribers-support.js';

async function setup() {
  const t = await makeTestApp();
  const jordaan = await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
  const noord = await addStadsdorp(t.deps, { slug: 'noord', name: 'Stadsdorp Noord', gebied: 'Noord' });
  const editor = await editorToken(t.deps, jordaan);
  const noordEditor = await editorToken(t.deps, noord);
  const signup = (email: string, stadsdorp: string, bron?: string) =>
    postForm(t.app, '/aanmelden', [
      ['email', email],
      ['lists', 'geinteresseerden'],
      ['stadsdorp', stadsdorp],
      ...(bron ? [['bron', bron] as [string, string]] : []),
    ]);
  const confirm = async (email: string) => {
    const path = linkIn((await mailsTo(t, email))[0]!, 'bevestigen');
    const res = await postForm(t.app, path, [['actie', 'bevestigen']]);
    expect(res.status).toBe(303);
  };
  const get = async (path: string, token: string) => {
    const res = await t.app.request(path, { headers: auth(token) });
    return { status: res.status, body: await res.json() };
  };
  // Two people from a Jordaan poster (one confirms), one from a Noord poster, one without a source.
  await signup('a@example.nl', 'jordaan', 'poster-kennismaking-A3');
  await signup('b@example.nl', 'jordaan', 'poster-kennismaking-A3');
  await signup('c@example.nl', 'noord', 'poster-activiteit-A4');
  await signup('d@example.nl', 'jordaan');
  await confirm('a@example.nl');
  await confirm('c@example.nl');
  return { ...t, editor, noordEditor, get };
}

describe('which posters bring people in', () => {
  it('counts, for the CoCo, the signups per source and stadsdorp with how many confirmed', async () => {
    const { get, coco } = await setup();
    const { status, body } = await get('/api/signup-sources', coco);
    expect(status).toBe(200);
    expect(body.items).toMatchObject([
      {
        bron: 'poster-kennismaking-A3',
        stadsdorp: { slug: 'jordaan', name: 'Stadsdorp Jordaan' },
        signups: 2,
        confirmed: 1,
      },
      { bron: 'poster-activiteit-A4', stadsdorp: { slug: 'noord' }, signups: 1, confirmed: 1 },
    ]);
    expect(body.total).toEqual({ signups: 3, confirmed: 2 });
    expect(JSON.stringify(body)).not.toContain('@example.nl');
  });

  it('shows an editor their own stadsdorp only', async () => {
    const { get, editor } = await setup();
    const own = await get('/api/stadsdorpen/jordaan/signup-sources', editor);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ bron: 'poster-kennismaking-A3', signups: 2, confirmed: 1 });
    expect((await get('/api/stadsdorpen/noord/signup-sources', editor)).status).toBe(403);
    expect((await get('/api/signup-sources', editor)).status).toBe(403);
    expect((await get('/api/signup-sources?stadsdorp=noord', editor)).status).toBe(403);
  });

  it('keeps counting a signup after the person is erased, without their stadsdorp or address', async () => {
    const t = await setup();
    const list = await t.get('/api/subscribers?q=a%40example.nl', t.coco);
    const id = list.body.items[0].id;
    expect(
      (await t.app.request(`/api/subscribers/${id}`, { method: 'DELETE', headers: auth(t.coco) })).status,
    ).toBe(204);
    const { body } = await t.get('/api/signup-sources', t.coco);
    expect(body.total).toEqual({ signups: 3, confirmed: 2 });
    expect(body.items).toContainEqual(
      expect.objectContaining({ bron: 'poster-kennismaking-A3', stadsdorp: null, signups: 1, confirmed: 1 }),
    );
  });

  it('takes a period of whole days and says what is wrong with a bad one', async () => {
    const { get, coco, clock } = await setup();
    const today = clock.now().toISOString().slice(0, 10);
    const day = await get(`/api/signup-sources?from=${today}&to=${today}`, coco);
    expect(day.body.total.signups).toBe(3);
    expect((await get('/api/signup-sources?to=2020-01-31', coco)).body.items).toEqual([]);
    const reversed = await get(`/api/signup-sources?from=${today}&to=2020-01-31`, coco);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields).toHaveProperty('from');
    const bad = await get('/api/signup-sources?to=morgen', coco);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('to');
    expect((await get('/api/stadsdorpen/bestaat-niet/signup-sources', coco)).status).toBe(404);
  });
});
