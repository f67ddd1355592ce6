/**
 * The delivery worker alone, without the web server: `node --import tsx src/entry/node-delivery.ts`.
 * src/entry/node.ts already runs the same worker beside the web server; this entry is for running
 * more workers or keeping delivery apart. Leases make any number of workers safe together.
 */
import './production-mode.js';
import { ConfigError } from '../config.js';
import { startDeliveryWorker } from '../modules/delivery/scheduler.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';

async function main() {
  const deps = await buildNodeDeps();
  const worker = startDeliveryWorker(deps);
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
