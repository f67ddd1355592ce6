// Runs inside the outgoing-mail thread that startOutgoingThread (outgoing-thread.ts) starts:
// the dispatcher over the server's config, woken by the server's messages and by its own
// runtime (the housekeeping queues digests and notices here).
import { parentPort, workerData } from 'node:worker_threads';
import type { AppDeps } from '../deps.js';
import { buildDispatcherDeps, closeNodeDeps } from './node-runtime.js';
import { startOutgoingWorker } from './outgoing.js';
import type { ThreadMessage } from './outgoing-thread.js';

const port = parentPort;
if (!port) throw new Error('outgoing-thread-body.ts runs only as the thread of startOutgoingThread');
const deps = buildDispatcherDeps((workerData as { config: AppDeps['config'] }).config);
const dispatcher = startOutgoingWorker(deps);
port.on('message', (m: ThreadMessage) => {
  if (m.type === 'wake') dispatcher.wake(m.kind);
  else if (m.type === 'stop')
    void dispatcher
      .stop()
      .finally(() => closeNodeDeps(deps))
      .finally(() => port.close());
});
port.postMessage({ type: 'ready' });
