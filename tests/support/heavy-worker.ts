// A Worker that serves the heavy requests this runtime port makes portable, for
// tests/e2e/workerd-heavy.test.ts, which bundles it as wrangler would and runs it in
// workerd through miniflare: a logo upload (decode, check, re-encode, print version with the
// @jsquash codecs from imported .wasm modules, stored in R2), a poster (the portable PDF
// renderer) and a campaign preview in an MJML layout (mjml-browser), all on D1. Under /api/ it
// serves the real app (createApp), as src/entry/worker.ts does: a CSV import through the
// import route, and a campaign freeze through the send route, whose wake enqueues the batches
// on a Queue as worker-runtime.ts does (counted here, at /queued).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { D1Database, ExecutionContext, Queue, R2Bucket } from '@cloudflare/workers-types/latest';
import { Nieuwsbrief } from '../../emails/nieuwsbrief.js';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { d1Db } from '../../src/db/d1.js';
import type { AppDeps } from '../../src/deps.js';
import { workerImages } from '../../src/entry/worker-images.js';
import { type OutgoingQueueMessage, wakeOutgoing } from '../../src/entry/worker-runtime.js';
import { tokenBucket } from '../../src/mail/rate-limiter.js';
import { outboxTransport } from '../../src/mail/transports/outbox.js';
import { createApiToken } from '../../src/modules/auth/service.js';
import { createCampaign, previewCampaign } from '../../src/modules/campaigns/service.js';
import { printPdf, stadsdorpFor, uploadLogo } from '../../src/modules/print/service.js';
import { mapAssets } from '../../src/runtime/assets.js';
import { browserMjml } from '../../src/runtime/mjml-browser.js';
import { r2FileStore } from '../../src/runtime/r2-file-store.js';
import { memoryWindowCounters } from '../../src/runtime/window-counters.js';

interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  OUTGOING: Queue<OutgoingQueueMessage>;
  /** The project's assets (fonts, layouts) by path, base64, as the Worker bundles them. */
  ASSETS_BASE64: Record<string, string>;
}

const coco = { tokenId: 1, name: 'CoCo', role: 'coco' as const, stadsdorpId: null };

/** queued counts the Queue messages the wakes of this isolate sent, by kind. */
const queued = { campaign: 0, transactional: 0 };

// The request a wake belongs to, whose waitUntil keeps its Queue sends alive.
const invocation = new AsyncLocalStorage<ExecutionContext>();

function depsOf(env: Env): AppDeps {
  const assets = mapAssets(
    Object.fromEntries(
      Object.entries(env.ASSETS_BASE64).map(([path, b64]) => [
        path,
        Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
      ]),
    ),
  );
  const db = d1Db(env.DB);
  const now = () => new Date('2026-11-28T10:00:00Z');
  return {
    config: { ...parseConfig({ PUBLIC_URL: 'https://stadsdorpen.test' }), secretKey: 'k'.repeat(40) },
    db,
    outboxDb: db,
    transport: outboxTransport(db),
    now,
    // Errors go to workerd's output, so a 500's cause shows in the test's output.
    log: { info() {}, warn() {}, error: (message, fields) => console.error(message, JSON.stringify(fields)) },
    runtime: {
      clientAddress: () => undefined,
      windowCounters: memoryWindowCounters(),
      assets,
      files: r2FileStore(env.FILES),
      mjml: browserMjml,
      images: workerImages(),
      // As worker-runtime.ts: the batches go on the Queue under the request's waitUntil.
      wakeWorkers(kind) {
        invocation.getStore()?.waitUntil(
          wakeOutgoing(env.OUTGOING, db, kind, now()).then((n) => {
            queued[kind] += n;
          }),
        );
      },
      sendBucket: tokenBucket(2),
    },
  };
}

const apps = new WeakMap<Env, ReturnType<typeof createApp>>();

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const deps = depsOf(env);
    const url = new URL(request.url);
    try {
      if (url.pathname.startsWith('/api/')) {
        // The app is built once per environment, as src/entry/worker.ts does.
        const app = apps.get(env) ?? createApp(depsOf(env));
        apps.set(env, app);
        return await invocation.run(ctx, () => app.fetch(request));
      }
      if (url.pathname === '/token') {
        const { token } = await createApiToken(deps.db, { name: 'CoCo', role: 'coco' });
        return Response.json({ token });
      }
      if (url.pathname === '/queued') return Response.json(queued);
      if (url.pathname === '/logo') {
        const s = await stadsdorpFor(deps, coco, url.searchParams.get('slug') ?? '');
        const out = await uploadLogo(deps, s, new Uint8Array(await request.arrayBuffer()));
        return Response.json(out);
      }
      if (url.pathname === '/poster') {
        const s = await stadsdorpFor(deps, coco, url.searchParams.get('slug') ?? '');
        const { pdf } = await printPdf(deps, s, 'kennismaking', {
          fields: { titel: 'Welkom in de Jordaan' },
          size: 'A3',
          bleed: true,
        });
        return new Response(pdf as Uint8Array<ArrayBuffer>, {
          headers: { 'content-type': 'application/pdf' },
        });
      }
      if (url.pathname === '/campaign') {
        const content = Nieuwsbrief.PreviewProps.content;
        const campaign = await createCampaign(
          deps,
          { kind: 'nieuwsbrief', subject: 'Nieuwsbrief december', content, layout: 'standaard' },
          'CoCo',
        );
        return Response.json({ id: campaign.id });
      }
      if (url.pathname === '/preview') {
        const message = await previewCampaign(deps, Number(url.searchParams.get('id')));
        return new Response(message.html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      }
      return new Response('niet gevonden', { status: 404 });
    } catch (err) {
      const e = err as { code?: string; message?: string; stack?: string };
      return Response.json({ code: e.code, message: e.message, stack: e.stack }, { status: 500 });
    }
  },
};
