import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import { ConfigError } from '../config.js';
import { buildNodeDeps } from './node-runtime.js';

async function main() {
  const deps = await buildNodeDeps();
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: deps.config.port }, (info) => {
    deps.log.info(`Stadsdorpen service listening on ${deps.config.publicUrl}`, {
      port: info.port,
      transport: deps.transport.name,
      dataDir: deps.config.dataDir,
    });
  });
  const stop = () => {
    server.close();
    void deps.db.close().finally(() => process.exit(0));
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
