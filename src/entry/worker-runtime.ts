// The runtime port on Cloudflare Workers, and AppDeps as the Worker builds them from its
// bindings (wrangler.toml): D1 for data, a Queue for outgoing mail, bundled assets.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { D1Database, ExecutionContext, Queue, R2Bucket } from '@cloudflare/workers-types/latest';
import type { Context } from 'hono';
import { ConfigError, parseConfig } from '../config.js';
import { d1Db } from '../db/d1.js';
import type { Db } from '../db/port.js';
import { type AppDeps, consoleLogger, type Logger, type RuntimePort } from '../deps.js';
import { type RateLimiter, type SendPriority, tokenBucket } from '../mail/rate-limiter.js';
import { createTransport } from '../mail/transports/index.js';
import { waitingBatches } from '../modules/delivery/batch-repo.js';
import { mapAssets } from '../runtime/assets.js';
import { dbWindowCounters } from '../runtime/db-window-counters.js';
import { browserMjml } from '../runtime/mjml-browser.js';
import { r2FileStore } from '../runtime/r2-file-store.js';
import { BUNDLED_ASSETS } from './worker-assets.js';
import { workerImages } from './worker-images.js';

/** OUTGOING_QUEUE and DEAD_LETTER_QUEUE are the queue names of wrangler.toml. */
export const OUTGOING_QUEUE = 'stadsdorpen-outgoing';
export const DEAD_LETTER_QUEUE = 'stadsdorpen-outgoing-dlq';

/**
 * OutgoingQueueMessage is one message of the outgoing-mail queue: "transactional mail is
 * waiting", or one campaign batch (by its delivery_batches id) that is due at the message's
 * delivery. The database stays the truth: a message only says where to look.
 */
export type OutgoingQueueMessage = { kind: 'transactional' } | { kind: 'campaign'; batchId: number };

/** WorkerEnv is the Worker's bindings: wrangler.toml's D1, Queue and R2, its [vars] and the secrets. */
export interface WorkerEnv {
  DB: D1Database;
  OUTGOING: Queue<OutgoingQueueMessage>;
  FILES: R2Bucket;
  [name: string]: unknown;
}

/** The most a Queue message may be delayed (12 hours). */
const MAX_DELAY_S = 43_200;

/** delaySeconds is how long a message waits to arrive at `at`: whole seconds, 0 to 12 hours. */
export function delaySeconds(at: Date, now: Date): number {
  return Math.min(MAX_DELAY_S, Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000)));
}

// The invocation (request, queue batch, cron run) a wake belongs to: a Queue send started by
// a request must be kept alive with that request's waitUntil, or it may be cut off with it.
const invocation = new AsyncLocalStorage<ExecutionContext>();

/** duringInvocation runs fn as part of one invocation of the Worker, whose waitUntil keeps its wakes alive. */
export function duringInvocation<T>(ctx: ExecutionContext, fn: () => T): T {
  return invocation.run(ctx, fn);
}

/**
 * wakeOutgoing sends the Queue messages for mail of this class: one for transactional mail,
 * one per queued batch of a sending campaign (each delayed until the batch is due). A batch
 * that already has a message gets a second one; that is harmless, since its lease lets only
 * one of them send.
 */
export async function wakeOutgoing(
  queue: Queue<OutgoingQueueMessage>,
  db: Db,
  kind: SendPriority,
  now: Date,
  opts: { dueBefore?: Date } = {},
): Promise<number> {
  if (kind === 'transactional') {
    await queue.send({ kind: 'transactional' });
    return 1;
  }
  const batches = await waitingBatches(db, { dueBefore: opts.dueBefore?.toISOString(), limit: 1000 });
  for (let i = 0; i < batches.length; i += 100) {
    await queue.sendBatch(
      batches.slice(i, i + 100).map((b) => ({
        body: { kind: 'campaign' as const, batchId: b.id },
        delaySeconds: delaySeconds(new Date(b.dueAt), now),
      })),
    );
  }
  return batches.length;
}

const bundledAssets = mapAssets(BUNDLED_ASSETS);

// One send-rate bucket per isolate. The queue consumer runs one invocation at a time
// (max_concurrency = 1 in wrangler.toml), so this bucket paces every campaign batch and
// transactional mail; see README "Cloudflare Workers".
let sendBucket: RateLimiter | undefined;

/**
 * workerRuntime is the runtime port of a Worker: CF-Connecting-IP as client address, counters
 * in D1, files in R2, assets, MJML and the image codecs bundled, wakes as Queue messages sent
 * under the current invocation's waitUntil.
 */
export function workerRuntime(
  env: WorkerEnv,
  db: Db,
  deps: { sendRatePerSecond: number; log: Logger; now: () => Date },
): RuntimePort {
  sendBucket ??= tokenBucket(deps.sendRatePerSecond);
  return {
    clientAddress: (c: Context) => c.req.header('cf-connecting-ip') || undefined,
    windowCounters: dbWindowCounters(db),
    assets: bundledAssets,
    files: r2FileStore(env.FILES),
    mjml: browserMjml,
    images: workerImages(),
    sendBucket,
    wakeWorkers(kind) {
      const sent = wakeOutgoing(env.OUTGOING, db, kind, deps.now()).catch((err) =>
        // The cron finds work whose wake went missing within a minute or two.
        deps.log.error('outgoing mail wake not sent', { kind, error: String(err) }),
      );
      invocation.getStore()?.waitUntil(sent);
    },
  };
}

/** settingsOf keeps the bindings that are settings ([vars] and secrets, all strings) for parseConfig. */
function settingsOf(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
}

/**
 * buildWorkerDeps is the Workers composition root: config from [vars] and secrets, D1 behind
 * the Db port (the outbox too: it keeps its messages in D1), the transport, the runtime port.
 * SECRET_KEY is a secret here: there is no data folder to keep a generated one in.
 */
export function buildWorkerDeps(env: WorkerEnv, now: () => Date = () => new Date()): AppDeps {
  const config = parseConfig(settingsOf(env));
  if (!config.secretKey)
    throw new ConfigError(
      'Invalid configuration:\n  SECRET_KEY: is required on Workers; set it with `npx wrangler secret put SECRET_KEY` (at least 32 characters)',
    );
  const log = consoleLogger(config.logLevel);
  const db = d1Db(env.DB);
  const transport = createTransport(config, db, db, () => {
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_TRANSPORT: smtp needs a TCP client that Workers lack here; use resend (or outbox) on Workers',
    );
  });
  return {
    config: { ...config, secretKey: config.secretKey },
    db,
    outboxDb: db,
    transport,
    now,
    log,
    runtime: workerRuntime(env, db, { sendRatePerSecond: config.sendRatePerSecond, log, now }),
  };
}
