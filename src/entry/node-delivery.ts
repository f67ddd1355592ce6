/**
 * The outgoing-mail dispatcher alone (campaign batches and transactional mails), without the
 * web server: `node --import tsx src/entry/node-delivery.ts`. src/entry/node.ts already runs
 * the same dispatcher in a thread beside the web server (outgoing-thread.ts); this entry is
 * for running more workers or keeping delivery apart. Leases make any number of workers safe together. Mail queued by the web
 * server's process wakes only that process's dispatcher; this one finds it when it next looks
 * (every 250 ms).
 */
import './production-mode.js';
import { ConfigError } from '../config.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';
import { startOutgoingWorker } from './outgoing.js';

async function main() {
  const deps = await buildNodeDeps();
  const worker = startOutgoingWorker(deps);
  deps.log.info('delivery worker started', { transport: deps.transport.name, dataDir: deps.config.dataDir });
  const stop = () => {
    void worker.stop().finally(() => closeNodeDeps(deps).finally(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
