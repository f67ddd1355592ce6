// `npm run move-to-workers -- --remote` reaches the deployed D1 and R2 through wrangler's remote
// bindings, which need an account and cannot run offline; what is checked here is the config
// it hands getPlatformProxy: the bindings of wrangler.toml, each marked remote, and a refusal
// while wrangler.toml still has the placeholder database_id.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { remoteConfig } from '../../src/entry/move-to-workers.js';

process.env.WRANGLER_SEND_METRICS = 'false';

function configWith(databaseId: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'move-remote-'));
  const toml = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8')
    .replace(/^main = .*$/m, `main = "${new URL('../../src/entry/worker.ts', import.meta.url).pathname}"`)
    .replace(/^migrations_dir = .*$/m, '')
    .replace(/database_id = "[^"]*"/, `database_id = "${databaseId}"`);
  writeFileSync(join(dir, 'wrangler.toml'), toml);
  return join(dir, 'wrangler.toml');
}

describe('move-to-workers --remote', () => {
  it('refuses while wrangler.toml has the placeholder database_id', async () => {
    await expect(remoteConfig(configWith('00000000-0000-0000-0000-000000000000'))).rejects.toThrow(
      'has no database_id for DB',
    );
  });

  it('marks the D1 and R2 bindings of wrangler.toml remote', async () => {
    const file = await remoteConfig(configWith('4b1c9a0e-1234-4cde-9f00-0123456789ab'));
    const config = JSON.parse(readFileSync(file, 'utf8'));
    expect(config.d1_databases).toEqual([
      {
        binding: 'DB',
        database_name: 'stadsdorpen',
        database_id: '4b1c9a0e-1234-4cde-9f00-0123456789ab',
        remote: true,
      },
    ]);
    expect(config.r2_buckets).toEqual([{ binding: 'FILES', bucket_name: 'stadsdorpen-files', remote: true }]);
  });
});
