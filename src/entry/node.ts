import './production-mode.js';
import { serve } from '@hono/node-server';
import { seedDemoOnFirstStart } from '../../subscribers/demo-seed.js';
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { pruneAccounts, startupNotes } from '../modules/accounts/service.js';
import { startDeliveryWorker } from '../modules/delivery/scheduler.js';
import { startMailWorker } from '../modules/subscribers/mail-queue.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';

async function main() {
  const deps = await buildNodeDeps();
  if (await seedDemoOnFirstStart(deps))
    deps.log.info('First start: demo seed added (example stadsdorpen, demo subscribers)');
  const app = createApp(deps);
  const notes = await startupNotes(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
    deps.log.info(`Stadsdorpen service listening on ${deps.config.publicUrl}`, {
      port: info.port,
      transport: deps.transport.name,
      dataDir: deps.config.dataDir,
    });
    for (const line of notes) deps.log.info(line);
  });
  // Ended sessions, expired login links and year-old activity, once an hour (also at each login).
  const pruner = setInterval(() => void pruneAccounts(deps).catch(() => {}), 3_600_000);
  pruner.unref();
  const worker = startDeliveryWorker(deps);
  const mailWorker = startMailWorker(deps);
  const stop = () => {
    clearInterval(pruner);
    server.close();
    void Promise.all([worker.stop(), mailWorker.stop()]).finally(() =>
      closeNodeDeps(deps).finally(() => process.exit(0)),
    );
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
