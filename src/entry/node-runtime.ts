import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, generateSecretKey, parseConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openSqlite } from '../db/sqlite.js';
import { type AppDeps, consoleLogger } from '../deps.js';
import { createTransport } from '../mail/transports/index.js';

/**
 * resolveSecretKey returns SECRET_KEY, or the key kept in DATA_DIR/secret.key,
 * generating it on the very first start so signed links survive restarts.
 */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = generateSecretKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** buildNodeDeps is the Node composition root shared by the server and the CLI: config, SQLite, migrations, transport. */
export async function buildNodeDeps(env: Record<string, string | undefined> = process.env): Promise<AppDeps> {
  const config = parseConfig(env);
  const secretKey = resolveSecretKey(config);
  const db = openSqlite(join(config.dataDir, 'stadsdorpen.sqlite'));
  await migrate(db);
  const log = consoleLogger(config.logLevel);
  return {
    config: { ...config, secretKey },
    db,
    transport: createTransport(config, db),
    now: () => new Date(),
    log,
  };
}
