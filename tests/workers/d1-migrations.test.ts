import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('the migrations on D1', () => {
  it('apply every file of migrations/, as wrangler d1 migrations apply does', async () => {
    const applied = await env.DB.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{
      name: string;
    }>();
    const names = applied.results.map((r) => r.name);
    expect(names).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
    expect(names).toContain('0001_foundation.sql');
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('subscribers', 'campaigns', 'deliveries', 'stored_files')",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name).sort()).toEqual([
      'campaigns',
      'deliveries',
      'stored_files',
      'subscribers',
    ]);
  });
});
