// Each capability a module takes from the runtime port, run with an implementation that is not
// Node's: addresses from a header, counters in one shared object, assets from a map, files in
// memory, MJML by mjml-browser and images by the @jsquash WebAssembly codecs (Workers' own). The module works on what the port gives it and on nothing else (no disk, no socket,
// no table of its own), which is what a Workers runtime will hand in.
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.js';
import { type NodeRuntime, nodeAssets, nodeRuntime } from '../../src/entry/node-runtime.js';
import { FONT_FILES, type FontFace, fontAsset } from '../../src/modules/print/assets.js';
import { mapAssets } from '../../src/runtime/assets.js';
import { memoryFileStore } from '../../src/runtime/file-store.js';
import { jsquashImages } from '../../src/runtime/jsquash-images.js';
import { browserMjml } from '../../src/runtime/mjml-browser.js';
import { memoryWindowCounters } from '../../src/runtime/window-counters.js';
import { fixture } from '../fixtures/print/inspect.js';
import { addStadsdorp, auth, editorToken, makeTestApp } from '../support/app.js';
import { Browser } from '../support/beheer.js';
import { jsquashModules } from '../support/jsquash.js';

/** The print fonts as a Worker bundles them: bytes in memory, under their asset paths. */
const bundledFonts = Object.fromEntries(
  await Promise.all(
    (Object.keys(FONT_FILES) as FontFace[]).map(async (f) => [
      fontAsset(f),
      (await nodeAssets().read(fontAsset(f)))!,
    ]),
  ),
);

const workersImages = jsquashImages(await jsquashModules());

/**
 * portableRuntime is a runtime port built from the portable parts, with the client address in
 * a test header; waking the dispatcher and the send bucket are Node's (not under test here).
 */
function portableRuntime(parts: Partial<NodeRuntime> = {}): NodeRuntime {
  return {
    ...nodeRuntime(openSqlite(':memory:')),
    clientAddress: (c: Context) => c.req.header('x-test-peer'),
    windowCounters: memoryWindowCounters(),
    assets: mapAssets(bundledFonts),
    files: memoryFileStore(),
    mjml: browserMjml,
    images: workersImages,
    ...parts,
  };
}

type App = Awaited<ReturnType<typeof makeTestApp>>['app'];

async function signup(app: App, peer: string, n: number): Promise<number> {
  const res = await app.request('/api/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-peer': peer },
    body: JSON.stringify({ email: `p${n}@example.nl`, lists: ['geinteresseerden'] }),
  });
  return res.status;
}

describe('the signup limit through the runtime port', () => {
  it('counts against the address the runtime gives, not against headers the client sends', async () => {
    const t = await makeTestApp({ runtime: portableRuntime() }, { SIGNUP_RATE_PER_MINUTE: '2' });
    expect(await signup(t.app, '198.51.100.1', 1)).toBe(202);
    expect(await signup(t.app, '198.51.100.1', 2)).toBe(202);
    expect(await signup(t.app, '198.51.100.1', 3)).toBe(429);
    expect(await signup(t.app, '198.51.100.2', 4)).toBe(202);
  });

  it('shares one count between two app instances (two isolates) that share the counters', async () => {
    const windowCounters = memoryWindowCounters();
    const env = { SIGNUP_RATE_PER_MINUTE: '2' };
    const one = await makeTestApp({ runtime: portableRuntime({ windowCounters }) }, env);
    const two = await makeTestApp({ runtime: portableRuntime({ windowCounters }) }, env);
    expect(await signup(one.app, '198.51.100.1', 1)).toBe(202);
    expect(await signup(two.app, '198.51.100.1', 2)).toBe(202);
    expect(await signup(one.app, '198.51.100.1', 3)).toBe(429);
    expect(await signup(two.app, '198.51.100.1', 4)).toBe(429);
    // A minute later the window starts afresh, on the clock the app was given.
    one.clock.advance(60_000);
    expect(await signup(one.app, '198.51.100.1', 5)).toBe(202);
  });
});

describe('the beheer login limit through the runtime port', () => {
  const login = (app: App, peer: string) =>
    new Browser(app).post('/beheer/inloggen', [['email', 'x@y.nl']], { 'x-test-peer': peer });

  it('shares one count of login requests between two app instances that share the counters', async () => {
    const windowCounters = memoryWindowCounters();
    const one = await makeTestApp({ runtime: portableRuntime({ windowCounters }) });
    const two = await makeTestApp({ runtime: portableRuntime({ windowCounters }) });
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push((await login(i % 2 ? two.app : one.app, '198.51.100.1')).status);
    expect(answers).toEqual([...Array(10).fill(200), 429]);
    expect((await login(two.app, '198.51.100.1')).status).toBe(429);
    // Another address has a count of its own; a minute later the window starts afresh.
    expect((await login(one.app, '198.51.100.2')).status).toBe(200);
    two.clock.advance(60_000);
    expect((await login(two.app, '198.51.100.1')).status).toBe(200);
  });
});

describe('built-in layouts through the runtime port', () => {
  const proef = `<mjml lang="nl"><mj-body><mj-section><mj-column>
    <mj-text>PROEF {{greeting}} {{content}}</mj-text><mj-text>{{footer}}</mj-text>
  </mj-column></mj-section></mj-body></mjml>`;

  it('lists, shows and renders exactly the layouts the runtime bundles, nothing from disk', async () => {
    const assets = mapAssets({
      'templates/mail/proef.mjml': proef,
      'templates/mail/README.md': 'not a layout',
      'templates/mail/sub/diep.mjml': proef,
    });
    const t = await makeTestApp({ runtime: portableRuntime({ assets }) });
    const list = await (await t.app.request('/api/layouts', { headers: auth(t.coco) })).json();
    expect(list.items.map((l: { name: string; origin: string }) => [l.name, l.origin])).toEqual([
      ['proef', 'builtin'],
    ]);
    // The layout on disk is not there for this runtime.
    expect((await t.app.request('/api/layouts/standaard', { headers: auth(t.coco) })).status).toBe(404);
    const create = await t.app.request('/api/campaigns', {
      method: 'POST',
      headers: auth(t.coco, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        kind: 'netwerkmail',
        subject: 'Uitnodiging',
        lists: ['besturen'],
        layout: 'proef',
        content: { body: 'Kom naar de **bijeenkomst**.' },
      }),
    });
    expect(create.status).toBe(201);
    const { id } = await create.json();
    const preview = await t.app.request(`/api/campaigns/${id}/preview?format=html`, {
      headers: auth(t.coco),
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('PROEF');
    expect(html).toContain('<strong>bijeenkomst</strong>');
  });
});

describe('logos in the runtime file store', () => {
  async function setup() {
    const files = memoryFileStore();
    const t = await makeTestApp({ runtime: portableRuntime({ files }) });
    const id = await addStadsdorp(t.deps, { slug: 'jordaan', name: 'Stadsdorp Jordaan' });
    const editor = await editorToken(t.deps, id);
    const call = (method: string, body?: Uint8Array, type = 'image/png') =>
      t.app.request('/api/stadsdorpen/jordaan/logo', {
        method,
        headers: auth(editor, body ? { 'content-type': type } : {}),
        body: body as BodyInit | undefined,
      });
    return { ...t, id, files, editor, call };
  }

  it('keeps the bytes in the store, one key per version, and serves and prints them from there', async () => {
    const t = await setup();
    expect((await t.call('POST', fixture('logo.png'))).status).toBe(201);
    // The logo as uploaded and its print version (the JPEG a PDF embeds), under one hash.
    const [first, print] = t.files.keys();
    expect(first).toMatch(new RegExp(`^print-logos/${t.id}/[0-9a-f]{64}$`));
    expect(print).toBe(`${first}.print`);
    const stored = await t.files.get(first!);
    const served = await t.call('GET');
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(stored);
    // The database holds what is known of the logo, not its bytes.
    expect(await t.db.get('SELECT count(*) AS n FROM stored_files')).toEqual({ n: 0 });

    const pdf = await t.app.request('/api/stadsdorpen/jordaan/print/kennismaking', {
      method: 'POST',
      headers: auth(t.editor, { 'content-type': 'application/json' }),
      body: JSON.stringify({ fields: {}, size: 'A4', bleed: false }),
    });
    expect(pdf.status).toBe(200);
    expect(new TextDecoder('latin1').decode(await pdf.arrayBuffer())).toMatch(/\/Subtype\s*\/Image/);

    // A new logo replaces the old one in the store; removing it leaves the store empty.
    expect((await t.call('POST', fixture('logo.jpg'), 'image/jpeg')).status).toBe(201);
    expect(t.files.keys()).toHaveLength(2);
    expect(t.files.keys()[0]).not.toBe(first);
    expect((await t.call('DELETE')).status).toBe(204);
    expect(t.files.keys()).toEqual([]);
    expect((await t.call('GET')).status).toBe(404);
  });

  it('refuses an SVG logo with a request for a PNG where the runtime cannot draw SVG, storing nothing', async () => {
    const t = await setup();
    const res = await t.call('POST', fixture('evil.svg'), 'image/svg+xml');
    expect(res.status).toBe(415);
    const body = await res.json();
    expect(body.error.message).toContain('Exporteer het logo als PNG');
    expect(t.files.keys()).toEqual([]);
  });

  it('treats a logo whose bytes are gone from the store as no logo, never as a broken print', async () => {
    const t = await setup();
    await t.call('POST', fixture('logo.png'));
    for (const key of t.files.keys()) await t.files.delete(key);
    expect((await t.call('GET')).status).toBe(404);
    const pdf = await t.app.request('/api/stadsdorpen/jordaan/print/kennismaking', {
      method: 'POST',
      headers: auth(t.editor, { 'content-type': 'application/json' }),
      body: JSON.stringify({ fields: {}, size: 'A4', bleed: false }),
    });
    expect(pdf.status).toBe(200);
    expect(new TextDecoder('latin1').decode(await pdf.arrayBuffer())).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('keeps the poster photo and its print version in the store too, and prints it from there', async () => {
    const t = await setup();
    const photo = (method: string, body?: Uint8Array) =>
      t.app.request('/api/stadsdorpen/jordaan/photo', {
        method,
        headers: auth(t.editor, body ? { 'content-type': 'image/jpeg' } : {}),
        body: body as BodyInit | undefined,
      });
    expect((await photo('POST', fixture('logo.jpg'))).status).toBe(201);
    const [original, print] = t.files.keys();
    expect(original).toMatch(new RegExp(`^print-photos/${t.id}/[0-9a-f]{64}$`));
    expect(print).toBe(`${original}.print`);
    const served = await photo('GET');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(await t.files.get(original!));
    const pdf = await t.app.request('/api/stadsdorpen/jordaan/print/kennismaking', {
      method: 'POST',
      headers: auth(t.editor, { 'content-type': 'application/json' }),
      body: JSON.stringify({ fields: {}, size: 'A4', bleed: false }),
    });
    expect(new TextDecoder('latin1').decode(await pdf.arrayBuffer())).toMatch(/\/Subtype\s*\/Image/);
    expect((await photo('DELETE')).status).toBe(204);
    expect(t.files.keys()).toEqual([]);
  });
});

describe("Node's runtime", () => {
  it('stores logos in the database it was given', async () => {
    const t = await makeTestApp();
    const id = await addStadsdorp(t.deps, { slug: 'jordaan' });
    const res = await t.app.request('/api/stadsdorpen/jordaan/logo', {
      method: 'POST',
      headers: auth(await editorToken(t.deps, id), { 'content-type': 'image/png' }),
      body: fixture('logo.png') as BodyInit,
    });
    expect(res.status).toBe(201);
    const rows = await t.db.all<{ key: string }>('SELECT key FROM stored_files');
    expect(rows.map((r) => r.key)).toEqual([
      expect.stringMatching(new RegExp(`^print-logos/${id}/[0-9a-f]{64}$`)),
      expect.stringMatching(new RegExp(`^print-logos/${id}/[0-9a-f]{64}\\.print$`)),
    ]);
  });

  it('reads assets from the project folder and refuses paths that leave it', async () => {
    const { assets } = nodeRuntime((await makeTestApp()).db);
    expect(await assets.list('templates/mail/')).toContain('templates/mail/standaard.mjml');
    expect(await assets.read('templates/mail/geen.mjml')).toBeUndefined();
    await expect(assets.read('templates/../package.json')).rejects.toThrow(/without \. or \.\./);
    await expect(assets.read('/etc/passwd')).rejects.toThrow(/relative to the project folder/);
  });
});
