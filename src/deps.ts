import type { Config } from './config.js';
import type { Db } from './db/port.js';
import type { BundledAssets } from './kernel/assets.js';
import type { RateLimiter, SendPriority } from './mail/rate-limiter.js';
import type { Transport } from './mail/transport.js';

/** Logger is the small logging surface the app uses; entry points decide where lines go. */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * RuntimePort is what a module needs from the runtime it runs in, handed in by the entry
 * (Node: src/entry/node-runtime.ts). Modules never call setImmediate or process themselves.
 */
export interface RuntimePort {
  /**
   * wakeWorkers says that mail of this class is waiting, right after the commit that queued
   * it. It returns at once and never throws: on Node it wakes the in-process dispatcher on the
   * next turn of the event loop; on Workers it becomes a Queue message. Without a wake the
   * dispatcher still finds the work when it next looks.
   */
  wakeWorkers(kind: SendPriority): void;
  /**
   * sendBucket is the one send-rate bucket (SEND_RATE_PER_SECOND) of the transport, shared by
   * campaign batches, transactional mails and test mails. On Node it lives in memory, one per
   * process; on Workers it becomes a Durable Object shared by every isolate.
   */
  sendBucket: RateLimiter;
}

/** AppDeps is everything the app needs from its runtime, built by one composition root per runtime. */
export interface AppDeps {
  config: Config & { secretKey: string };
  db: Db;
  /**
   * outboxDb is where the outbox transport keeps its messages. On Node it is a file of its
   * own written by a thread of its own (see entry/node-runtime.ts), so storing mail does
   * not hold up requests; in tests and on D1 it is db itself.
   */
  outboxDb: Db;
  transport: Transport;
  /** now is the clock; tests move it to expire links or start scheduled campaigns. */
  now: () => Date;
  log: Logger;
  runtime: RuntimePort;
  /** The files that ship with the project (the print fonts), read by the runtime: fs on Node. */
  assets: BundledAssets;
}

/** consoleLogger writes one JSON line per event to stderr/stdout, dropping lines below the level. */
export function consoleLogger(level: Config['logLevel']): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
  const min = order[level];
  const line = (lvl: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => {
    if (order[lvl] < min) return;
    const out = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...data });
    if (lvl === 'error') console.error(out);
    else console.log(out);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}
