// The heavy requests inside workerd, as the Worker will serve them: tests/support/heavy-worker.ts
// bundled as wrangler bundles (esbuild, the workerd/worker/browser conditions, `.wasm` imports
// as compiled modules), run by miniflare on D1 and R2. A logo is uploaded through the @jsquash
// codecs, a poster printed and a campaign previewed in an MJML layout, and the poster's bytes
// are then checked here on Node as the print tests check them (workerd has no pdftoppm). Through
// the real app's API a Nieuwsbrief is frozen into batches on a Queue and a CSV file imported.
// The CPU time workerd spends per request is read from the workerd process itself
// (/proc/<pid>/stat), printed as RESULT lines.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILES, type FontFace, fontAsset } from '../../src/modules/print/assets.js';
import { decodeQr, fixture, fonts, images, pageBoxes, text } from '../fixtures/print/inspect.js';

const ROOT = new URL('../../', import.meta.url);

/** bundle builds the harness Worker; each imported .wasm stays a module of its own. */
async function bundle(): Promise<{ code: string; wasm: Map<string, string> }> {
  const wasm = new Map<string, string>();
  const out = await build({
    entryPoints: [fileURLToPath(new URL('tests/support/heavy-worker.ts', ROOT))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    // Node's built-ins come from workerd's nodejs_compat, as in the deployed Worker.
    external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
    logLevel: 'silent',
    // wrangler.toml's [[rules]]: the layouts as text, the fonts as bytes (src/entry/worker-assets.ts).
    loader: { '.mjml': 'text', '.ttf': 'binary' },
    plugins: [
      {
        // As wrangler's nodejs_compat plugin: a require() of a Node built-in (a CommonJS
        // dependency of the app) becomes an import of workerd's module.
        name: 'required-node-built-ins',
        setup(b) {
          const builtIn = new RegExp(`^(node:)?(${builtinModules.join('|').replace(/\//g, '\\/')})$`);
          b.onResolve({ filter: builtIn }, (args) =>
            args.kind === 'require-call' ? { path: args.path, namespace: 'node-built-in' } : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: 'node-built-in' }, (args) => ({
            contents: `import lib from '${args.path}'; module.exports = lib;`,
            loader: 'js',
          }));
        },
      },
      {
        name: 'compiled-wasm',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, async (args) => {
            if (args.pluginData === 'inner') return undefined;
            const resolved = await b.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              pluginData: 'inner',
            });
            const name = `wasm/${basename(resolved.path)}`;
            wasm.set(name, resolved.path);
            return { path: `./${name}`, external: true };
          });
        },
      },
    ],
  });
  return { code: out.outputFiles[0]!.text, wasm };
}

/** assetsBase64 are the fonts and mail layouts the Worker bundles, by path, as base64. */
function assetsBase64(): Record<string, string> {
  const paths = [
    ...(Object.keys(FONT_FILES) as FontFace[]).map(fontAsset),
    ...readdirSync(new URL('templates/mail/', ROOT))
      .filter((f) => f.endsWith('.mjml'))
      .map((f) => `templates/mail/${f}`),
  ];
  return Object.fromEntries(paths.map((p) => [p, readFileSync(new URL(p, ROOT)).toString('base64')]));
}

/** workerdPid finds the workerd process miniflare started for this test. */
function workerdPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return stat.includes('(workerd)') && Number(stat.split(') ')[1]?.split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** cpuMs is the CPU time (user and system) a process has used so far, in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let mf: Miniflare;

beforeAll(async () => {
  const { code, wasm } = await bundle();
  mf = new Miniflare({
    modules: [
      { type: 'ESModule', path: 'worker.js', contents: code },
      ...[...wasm].map(([path, file]) => ({
        type: 'CompiledWasm' as const,
        path,
        contents: readFileSync(file),
      })),
    ],
    compatibilityDate: '2026-04-26',
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: ['DB'],
    r2Buckets: ['FILES'],
    queueProducers: { OUTGOING: 'stadsdorpen-outgoing' },
    bindings: { ASSETS_BASE64: assetsBase64() },
  });
  await mf.ready;
  const d1 = await mf.getD1Database('DB');
  for (const m of await readD1Migrations(fileURLToPath(new URL('migrations/', ROOT))))
    if (m.queries.length) await d1.batch(m.queries.map((q) => d1.prepare(q)));
  await d1
    .prepare('INSERT INTO stadsdorpen (slug, name, gebied) VALUES (?, ?, ?)')
    .bind('jordaan', 'Stadsdorp Jordaan', 'Centrum')
    .run();
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
}, 120_000);

async function call(path: string, body?: Uint8Array): Promise<Response> {
  const res = await mf.dispatchFetch(`http://worker${path}`, {
    method: body ? 'POST' : 'GET',
    body: body as never,
  });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res as unknown as Response;
}

/** api sends a request to the real app's JSON API with a CoCo token. */
async function api(token: string, path: string, body: string, type = 'application/json'): Promise<Response> {
  const res = await mf.dispatchFetch(`http://worker${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  if (res.status !== 200 && res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res as unknown as Response;
}

/** csv is a file of a list as volunteers send it: n new people, addresses unique to `tag`. */
function csv(tag: string, n: number, stadsdorp = ''): string {
  const rows = Array.from({ length: n }, (_, i) => `${tag}-${i}@example.nl;Persoon ${tag} ${i};${stadsdorp}`);
  return ['Emailadres;Naam;Stadsdorp', ...rows].join('\r\n');
}

/** measure runs a request n times and prints workerd's CPU time per request. */
async function measure(label: string, n: number, send: () => Promise<Response>): Promise<number> {
  // Each answer is read to its end: an unread body keeps miniflare from shutting down.
  const request = async () => (await send()).arrayBuffer();
  const [pid] = workerdPids();
  expect(pid).toBeDefined();
  // Each answer is read to its end: an unread body keeps its connection to workerd open, and
  // miniflare's dispose() then waits for it (afterAll timed out).
  const run = async () => {
    const res = (await request()) as Partial<Response> | undefined;
    if (res?.arrayBuffer && !res.bodyUsed) await res.arrayBuffer();
  };
  await run(); // warm-up: the first call instantiates the codecs and fills caches
  const cpu0 = cpuMs(pid!);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await run();
  const perRequest = (cpuMs(pid!) - cpu0) / n;
  const wall = (performance.now() - t0) / n;
  console.log(
    `RESULT workerd ${label}: ${perRequest.toFixed(1)} ms CPU per request (workerd process, D1 included), ${wall.toFixed(1)} ms wall, n=${n}`,
  );
  return perRequest;
}

describe('the heavy requests inside workerd', () => {
  it('checks and stores a logo with the @jsquash codecs, and prints a poster whose bytes hold up on Node', async () => {
    const up = (await (await call('/logo?slug=jordaan', fixture('logo.png'))).json()) as {
      logo: { width: number; height: number };
    };
    expect(up.logo).toMatchObject({ width: 1200, height: 500 });

    const pdf = new Uint8Array(await (await call('/poster?slug=jordaan')).arrayBuffer());
    expect(text(pdf)).toContain('Welkom in de Jordaan');
    for (const f of fonts(pdf))
      expect(f).toMatchObject({ embedded: true, name: expect.stringMatching(/^[A-Z]{6}\+Atkinson/) });
    // The logo's print version, made in workerd by MozJPEG, is embedded.
    expect(images(pdf)).toHaveLength(1);
    const [page] = await pageBoxes(pdf);
    expect(page!.trim.width).toBeCloseTo(841.89, 1);
    expect(decodeQr(pdf)).toBe(
      'https://stadsdorpen.test/aanmelden?stadsdorp=jordaan&bron=poster-kennismaking-A3',
    );
  }, 60_000);

  it('previews a Nieuwsbrief in the standaard MJML layout with mjml-browser', async () => {
    const { id } = (await (await call('/campaign')).json()) as { id: number };
    const html = await (await call(`/preview?id=${id}`)).text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Nieuwsbrief december');
  });

  it('measures the CPU time of each heavy request in workerd', async () => {
    const logo = fixture('logo.png');
    const photo = fixture('logo.jpg');
    await measure('logo upload (PNG 1200×500: check, re-encode, print JPEG, R2)', 5, () =>
      call('/logo?slug=jordaan', logo),
    );
    await measure('logo upload (JPEG 1200×500)', 5, () => call('/logo?slug=jordaan', photo));
    await measure('poster A3 with bleed and logo', 5, () => call('/poster?slug=jordaan'));
    const { id } = (await (await call('/campaign')).json()) as { id: number };
    await measure('campaign preview in the standaard MJML layout', 5, () => call(`/preview?id=${id}`));
  }, 180_000);

  it('measures a Nieuwsbrief frozen to 400 besturen and geïnteresseerden, and a CSV import of 5,000 rows, through the API', async () => {
    const { token } = (await (await call('/token')).json()) as { token: string };
    const d1 = await mf.getD1Database('DB');
    const count = async (sql: string, ...args: unknown[]) =>
      (
        (await d1
          .prepare(sql)
          .bind(...args)
          .first()) as { n: number }
      ).n;
    // The audience, imported before the measurement: 200 board members of the Jordaan and 200
    // interested people, all confirmed by the import.
    await api(
      token,
      '/api/subscribers/import?list=besturen&stadsdorp=jordaan',
      csv('bestuur', 200),
      'text/csv',
    );
    await api(token, '/api/subscribers/import?list=geinteresseerden', csv('lezer', 200), 'text/csv');

    // Sending freezes the audience into deliveries and batches of 100, and wakes the Queue.
    const FREEZES = 3;
    const campaigns: number[] = [];
    for (let i = 0; i <= FREEZES; i++)
      campaigns.push(((await (await call('/campaign')).json()) as { id: number }).id);
    const frozen: { campaignId: number; recipients: number; batches: number }[] = [];
    const toSend = [...campaigns];
    await measure('campaign freeze: a Nieuwsbrief to 400 recipients, 4 batches queued', FREEZES, async () => {
      const res = await api(token, `/api/campaigns/${toSend.shift()}/send`, '{}');
      frozen.push(await res.clone().json());
      return res;
    });
    expect(frozen).toEqual(campaigns.map((campaignId) => ({ ...frozen[0], campaignId })));
    expect(frozen[0]).toMatchObject({ recipients: 400, batches: 4 });
    for (const id of campaigns) {
      expect(await count('SELECT count(*) AS n FROM deliveries WHERE campaign_id = ?', id)).toBe(400);
      expect(await count('SELECT count(*) AS n FROM delivery_batches WHERE campaign_id = ?', id)).toBe(4);
    }
    // Each wake puts every waiting batch on the Queue (those of the earlier, unsent campaigns too).
    await expect
      .poll(async () => ((await (await call('/queued')).json()) as { campaign: number }).campaign)
      .toBe(4 + 8 + 12 + 16);

    // A CSV import of 5,000 new people, as a volunteer sends one: every run a file of its own.
    const IMPORTS = 2;
    const files = Array.from({ length: IMPORTS + 1 }, (_, i) => csv(`import${i}`, 5000));
    const reports: { imported: number; updated: number; skipped: number }[] = [];
    await measure('CSV import of 5,000 new rows into geinteresseerden', IMPORTS, async () => {
      const res = await api(
        token,
        '/api/subscribers/import?list=geinteresseerden&filename=leden.csv',
        files.shift()!,
        'text/csv; charset=utf-8',
      );
      reports.push(await res.clone().json());
      return res;
    });
    for (const r of reports) expect(r).toMatchObject({ imported: 5000, updated: 0, skipped: 0 });
    expect(await count("SELECT count(*) AS n FROM subscribers WHERE email LIKE 'import%'")).toBe(
      5000 * (IMPORTS + 1),
    );
  }, 180_000);

  // After the measurements: these people would join the Nieuwsbrief's audience there.
  it('imports a file of 7,000 new people in workerd, whose crypto draws at most 64 KiB of random bytes at once', async () => {
    const { token } = (await (await call('/token')).json()) as { token: string };
    const res = await api(
      token,
      '/api/subscribers/import?list=geinteresseerden',
      csv('groot', 7000),
      'text/csv',
    );
    expect(await res.json()).toMatchObject({ imported: 7000, skipped: 0, errors: [] });
  }, 60_000);
});
