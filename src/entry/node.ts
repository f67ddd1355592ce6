import './production-mode.js';
import { serve } from '@hono/node-server';
import { seedDemoOnFirstStart } from '../../subscribers/demo-seed.js';
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { pruneAccounts, startupNotes } from '../modules/accounts/service.js';
import { pruneImportUploads } from '../modules/csv/uploads.js';
import { noticeBoardRequests } from '../modules/notices/service.js';
import { buildNodeDeps, closeNodeDeps } from './node-runtime.js';
import { startOutgoingThread } from './outgoing-thread.js';

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
  // taken port, must not send mail meanwhile. It runs in a thread of its own (outgoing-thread.ts).
  const notes = await startupNotes(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
    workers.push(startOutgoingThread(deps));
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
  // Once an hour: forget ended sessions, expired login links and year-old activity (also at each
  // login), and mail the CoCo when board requests have waited a day (at most once a day).
  const pruner = setInterval(() => {
    void pruneAccounts(deps).catch(() => {});
    void noticeBoardRequests(deps).catch((err) =>
      deps.log.error('board request notice failed', { error: String(err) }),
    );
  }, 3_600_000);
  pruner.unref();
  // An uploaded import file is unreadable after its hour (uploads.ts); this deletes it soon after.
  const uploadPruner = setInterval(() => void pruneImportUploads(deps).catch(() => {}), 300_000);
  uploadPruner.unref();
  const stop = () => {
    clearInterval(pruner);
    clearInterval(uploadPruner);
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
