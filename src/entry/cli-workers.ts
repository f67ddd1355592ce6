// AppDeps for `npm run cli -- --workers [--remote] <command>`: the CLI's commands against a
// Workers deployment, through the D1 and R2 bindings of wrangler.toml that wrangler's
// getPlatformProxy gives on Node. Local state (.wrangler/state, what `wrangler dev` uses) by
// default; with --remote, the deployed database and bucket (needs `wrangler login`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { D1Database, R2Bucket } from '@cloudflare/workers-types/latest';
import { ConfigError, parseConfig } from '../config.js';
import { d1Db } from '../db/d1.js';
import { type AppDeps, consoleLogger, type RuntimePort } from '../deps.js';
import { tokenBucket } from '../mail/rate-limiter.js';
import { createTransport } from '../mail/transports/index.js';
import { dbWindowCounters } from '../runtime/db-window-counters.js';
import { r2FileStore } from '../runtime/r2-file-store.js';
import { sharpImages } from './node-images.js';
import { nodeMjml } from './node-mjml.js';
import { nodeAssets } from './node-runtime.js';

/** WorkersTarget says which Workers data the CLI works on. */
export interface WorkersTarget {
  /** The deployed D1 and R2 instead of the local state. */
  remote: boolean;
  /** Wrangler's --persist-to: the folder of the local state (default .wrangler/state). */
  persistTo?: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, 'wrangler.toml');

// Nothing leaves this machine that the command does not need.
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';

/**
 * remoteConfigFile writes a copy of wrangler.toml's D1 and R2 bindings marked `remote = true`
 * (how wrangler 4 chooses remote bindings), so that wrangler.toml itself keeps `wrangler dev` local.
 */
async function remoteConfigFile(): Promise<string> {
  const { unstable_readConfig } = await import('wrangler');
  const c = unstable_readConfig({ config: CONFIG });
  const file = join(ROOT, '.wrangler', 'cli-remote', 'wrangler.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(
      {
        name: c.name,
        compatibility_date: c.compatibility_date,
        compatibility_flags: c.compatibility_flags,
        vars: c.vars,
        d1_databases: c.d1_databases.map(
          (d: { binding: string; database_name?: string; database_id?: string }) => ({
            binding: d.binding,
            database_name: d.database_name,
            database_id: d.database_id,
            remote: true,
          }),
        ),
        r2_buckets: c.r2_buckets.map((b: { binding: string; bucket_name?: string }) => ({
          binding: b.binding,
          bucket_name: b.bucket_name,
          remote: true,
        })),
      },
      null,
      2,
    ),
  );
  return file;
}

/** WorkersSession is AppDeps over the Worker's bindings, and how to let them go. */
export interface WorkersSession {
  deps: AppDeps;
  dispose(): Promise<void>;
}

/**
 * openWorkers builds AppDeps as the Worker does (src/entry/worker-runtime.ts), on the bindings
 * getPlatformProxy gives: D1 behind the Db port, counters in D1, files in R2. Assets, MJML and
 * images come from Node's implementations of the same ports. Settings are wrangler.toml's
 * [vars] with .dev.vars (local), under this shell's environment: SECRET_KEY, a secret of the
 * Worker, must be set here for --remote. Wakes are dropped: the Worker's cron finds waiting
 * mail within a minute.
 */
export async function openWorkers(target: WorkersTarget): Promise<WorkersSession> {
  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ DB: D1Database; FILES: R2Bucket }>(
    target.remote
      ? { configPath: await remoteConfigFile(), persist: false, remoteBindings: true }
      : {
          configPath: CONFIG,
          persist: { path: join(resolve(target.persistTo ?? join(ROOT, '.wrangler', 'state')), 'v3') },
          remoteBindings: false,
        },
  );
  const strings = Object.fromEntries(
    Object.entries(proxy.env as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
  const config = parseConfig({ ...strings, ...process.env });
  if (!config.secretKey) {
    await proxy.dispose();
    throw new ConfigError(
      `SECRET_KEY: the CLI needs the Worker's SECRET_KEY: put it in .dev.vars for the local state, or set it in this shell for --remote (SECRET_KEY=... npm run cli -- --workers --remote ...)`,
    );
  }
  const db = d1Db(proxy.env.DB);
  const log = consoleLogger(config.logLevel);
  const runtime: RuntimePort = {
    clientAddress: () => undefined,
    windowCounters: dbWindowCounters(db),
    assets: nodeAssets(),
    files: r2FileStore(proxy.env.FILES),
    mjml: nodeMjml,
    images: sharpImages(),
    sendBucket: tokenBucket(config.sendRatePerSecond),
    wakeWorkers() {},
  };
  const transport = createTransport(config, db, db, () => {
    throw new ConfigError('MAIL_TRANSPORT: smtp is not available on Workers; use resend or outbox');
  });
  return {
    deps: {
      config: { ...config, secretKey: config.secretKey },
      db,
      outboxDb: db,
      transport,
      now: () => new Date(),
      log,
      runtime,
    },
    dispose: () => proxy.dispose(),
  };
}

/**
 * applyD1Migrations runs `wrangler d1 migrations apply` on the local state or, with --remote,
 * on the deployed database: D1 keeps the same d1_migrations table as Node's migrate, but has no
 * BEGIN, so wrangler applies them its own way.
 */
export function applyD1Migrations(target: WorkersTarget): void {
  const args = ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--config', relative(ROOT, CONFIG)];
  if (target.remote) args.push('--remote');
  else {
    args.push('--local');
    if (target.persistTo) args.push('--persist-to', resolve(target.persistTo));
  }
  const done = spawnSync('npx', args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true' },
  });
  if (done.status !== 0) throw new Error(`npx ${args.join(' ')} failed (exit ${done.status})`);
}
