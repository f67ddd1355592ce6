// The parts of workerd's test modules these tests use, typed with the importable Workers
// types: the whole program (src, the Node tests) keeps Node's and the DOM's globals, and only
// what imports these names sees Workers' types. The full declarations are in
// @cloudflare/vitest-pool-workers/types; keep these in step with them.

declare module 'cloudflare:test' {
  import type {
    D1Database,
    ExecutionContext,
    MessageBatch,
    ScheduledController,
  } from '@cloudflare/workers-types/latest';

  /** D1Migration is one file of migrations/, split into statements by readD1Migrations. */
  export interface D1Migration {
    name: string;
    queries: string[];
  }
  /** applyD1Migrations applies the migrations not applied yet, recorded in d1_migrations. */
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[], table?: string): Promise<void>;
  /** reset deletes all data of every binding. */
  export function reset(): Promise<void>;
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: {
    scheduledTime?: number | Date;
    cron?: string;
  }): ScheduledController;
  export function createMessageBatch<Body = unknown>(
    queueName: string,
    messages: { id: string; timestamp: Date; body: Body; attempts: number }[],
  ): MessageBatch<Body>;
  /** QueueResult is what a consumer did with each message of a batch made by createMessageBatch. */
  export interface QueueResult {
    outcome: string;
    ackAll: boolean;
    retryBatch: { retry: boolean };
    explicitAcks: string[];
    retryMessages: { msgId: string }[];
  }
  export function getQueueResult(batch: MessageBatch, ctx: ExecutionContext): Promise<QueueResult>;
}

declare module 'cloudflare:workers' {
  /** env holds the bindings of vitest.workers.config.ts. */
  export const env: import('./env.js').TestEnv;
  /** exports.default is the Worker of wrangler.toml's main, running in the tests' isolate. */
  export const exports: {
    default: {
      fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
    };
  };
}

// Vite's `?raw` suffix: a file's text, for fixtures the tests inside workerd cannot read from disk.
declare module '*?raw' {
  const text: string;
  export default text;
}
