import './production-mode.js';
import { serve } from '@hono/node-server';
import { seedDemoOnFirstStart } from '../../subscribers/demo-seed.js';
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { pruneAccounts, startupNotes } from '../modules/accounts/service.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';
import { startOutgoingWorker } from './outgoing.js';

/** listenProblem says, as a configuration error does, why the server could not take PORT; null if unknown. */
function listenProblem(err: NodeJS.ErrnoException, port: number): string | null {
  if (err.code === 'EADDRINUSE')
    return `PORT: ${port} is already in use (another program, or this service started twice); stop that, or set PORT to a free port`;
  if (err.code === 'EACCES')
    return `PORT: ${port} needs privileges this user does not have; choose a port above 1023, behind a reverse proxy for 80 and 443`;
  return null;
}

async function main() {
  const deps = await buildNodeDeps();
  if (await seedDemoOnFirstStart(deps))
    deps.log.info('First start: demo seed added (example stadsdorpen, demo subscribers)');
  const app = createApp(deps);
  const workers: { stop(): Promise<void> }[] = [];
  // The dispatcher starts once the port is ours: a second copy of the service, stopped by a
  // taken port, must not send mail meanwhile.
  const notes = await startupNotes(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
    workers.push(startOutgoingWorker(deps));
    deps.log.info(`Stadsdorpen service listening on ${deps.config.publicUrl}`, {
      port: info.port,
      transport: deps.transport.name,
      dataDir: deps.config.dataDir,
    });
    for (const line of notes) deps.log.info(line);
  });
  server.once('error', (err: NodeJS.ErrnoException) => {
    const problem = listenProblem(err, deps.config.port);
    console.error(problem ?? err);
    void closeNodeDeps(deps).finally(() => process.exit(problem ? 2 : 1));
  });
  // Ended sessions, expired login links and year-old activity, once an hour (also at each login).
  const pruner = setInterval(() => void pruneAccounts(deps).catch(() => {}), 3_600_000);
  pruner.unref();
  const stop = () => {
    clearInterval(pruner);
    server.close();
    void Promise.all(workers.map((w) => w.stop())).finally(() =>
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
