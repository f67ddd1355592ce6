// The outgoing-mail dispatcher of `npm start`, in a worker thread of its own beside the web
// server. Rendering, leasing, recording and handing mail to the transport then cost the event
// loop nothing: it posts one wake per turn in which mail was queued. The thread runs the same
// dispatcher as startOutgoingWorker over its own database connection; leases keep it apart
// from any other dispatcher, as between processes.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_PRIORITY } from '../db/sqlite.js';
import type { SendPriority } from '../mail/rate-limiter.js';
import type { Dispatcher } from '../modules/outgoing/worker.js';
import type { NodeDeps } from './node-runtime.js';

/** ThreadMessage is what the server posts to the thread. */
export type ThreadMessage = { type: 'wake'; kind?: SendPriority } | { type: 'stop' };

/** First and largest pause before a thread that stopped by itself is started again. */
const RESTART_FIRST_MS = 1000;
const RESTART_MAX_MS = 60_000;

// The thread loads the TypeScript sources through tsx's loader, registered in the thread
// itself, so it starts the same way under `npm start`, the benchmarks and the tests.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/index\.cjs$/, 'index.mjs'),
).href;
const BODY = new URL('./outgoing-thread-body.ts', import.meta.url).href;

// Runs first in the thread: the lowest priority (the event loop, which answers requests,
// goes first), then the loader, then the body. A failure ends the thread with code 1.
const BOOTSTRAP = `${BACKGROUND_PRIORITY}
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.body); })
  .catch((err) => { console.error(err); process.exit(1); });
`;

/** OutgoingThreadOptions: the module the thread runs (tests wrap it) and the first restart pause. */
export interface OutgoingThreadOptions {
  body?: URL;
  restartFirstMs?: number;
}

/**
 * startOutgoingThread runs the outgoing-mail dispatcher in a worker thread with this
 * process's config and connects it to the runtime's wakes. A thread that ends by itself (a
 * bug, a crash) is logged and started again after 1 s, doubling to a minute: what it held
 * is leased, and comes back when the lease ends. stop() lets work in flight finish, closes
 * the thread's connections, then resolves.
 */
export function startOutgoingThread(deps: NodeDeps, opts: OutgoingThreadOptions = {}): Dispatcher {
  const body = opts.body?.href ?? BODY;
  const restartFirstMs = opts.restartFirstMs ?? RESTART_FIRST_MS;
  let thread: Worker | undefined;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const start = () => {
    const t = new Worker(BOOTSTRAP, {
      eval: true,
      // Flags of this process (a profiler, --expose-gc, a loader) are not the thread's.
      execArgv: [],
      workerData: { config: deps.config, tsxApi: TSX_API, body },
    });
    t.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') restarts = 0;
    });
    t.on('error', (err) => deps.log.error('outgoing mail thread failed', { error: String(err) }));
    t.on('exit', (code) => {
      if (thread === t) thread = undefined;
      if (stopping) return;
      const inMs = Math.min(RESTART_MAX_MS, restartFirstMs * 2 ** restarts++);
      deps.log.error('outgoing mail thread stopped; starting it again', { code, inMs });
      restartTimer = setTimeout(start, inMs);
    });
    thread = t;
  };
  start();
  const wake = (kind?: SendPriority) => thread?.postMessage({ type: 'wake', kind } satisfies ThreadMessage);
  const unsubscribe = deps.runtime.onWake(wake);
  return {
    wake,
    async stop() {
      stopping = true;
      unsubscribe();
      clearTimeout(restartTimer);
      const t = thread;
      if (!t) return;
      await new Promise<void>((resolve) => {
        t.once('exit', () => resolve());
        t.postMessage({ type: 'stop' } satisfies ThreadMessage);
      });
    },
  };
}
