// The Cloudflare Workers entry: the same app as on Node (createApp), the Queue consumer of
// outgoing mail and its dead-letter queue, and the cron. Bindings and settings: wrangler.toml.
import type {
  ExecutionContext,
  MessageBatch,
  ScheduledController,
  Request as WorkerRequest,
  Response as WorkerResponse,
} from '@cloudflare/workers-types/latest';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import type { AppDeps } from '../deps.js';
import { consumeDeadLetters, consumeOutgoing, cronTick } from './worker-outgoing.js';
import {
  buildWorkerDeps,
  DEAD_LETTER_QUEUE,
  duringInvocation,
  type OutgoingQueueMessage,
  type WorkerEnv,
} from './worker-runtime.js';

/** WorkerOptions: a clock, and a hook to wrap the dependencies (tests put faults in with it). */
export interface WorkerOptions {
  now?: () => Date;
  wrap?: (deps: AppDeps) => AppDeps;
}

/** Worker is the default export's shape: the three handlers Workers call. */
export interface Worker {
  fetch(request: WorkerRequest, env: WorkerEnv, ctx: ExecutionContext): Promise<WorkerResponse>;
  queue(batch: MessageBatch<OutgoingQueueMessage>, env: WorkerEnv, ctx: ExecutionContext): Promise<void>;
  scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void>;
}

/**
 * createWorker builds the handlers. Dependencies and the app are built once per environment
 * object (an isolate serves many invocations with the same bindings), not at module top
 * level, where Workers allow no I/O, timers or random values.
 */
export function createWorker(opts: WorkerOptions = {}): Worker {
  const built = new WeakMap<WorkerEnv, { deps: AppDeps; app: Hono }>();
  const forEnv = (env: WorkerEnv) => {
    let b = built.get(env);
    if (!b) {
      const base = buildWorkerDeps(env, opts.now);
      const deps = opts.wrap ? opts.wrap(base) : base;
      b = { deps, app: createApp(deps) as unknown as Hono };
      built.set(env, b);
    }
    return b;
  };
  return {
    async fetch(request, env, ctx) {
      const { app } = forEnv(env);
      return duringInvocation(ctx, async () => {
        const response = await app.fetch(request as unknown as Request, env, ctx as never);
        return response as unknown as WorkerResponse;
      });
    },
    async queue(batch, env, ctx) {
      const { deps } = forEnv(env);
      await duringInvocation(ctx, () =>
        batch.queue === DEAD_LETTER_QUEUE
          ? consumeDeadLetters(deps, batch)
          : consumeOutgoing(deps, env, batch),
      );
    },
    async scheduled(_controller, env, ctx) {
      const { deps } = forEnv(env);
      await duringInvocation(ctx, () => cronTick(deps, env));
    },
  };
}

export default createWorker();
