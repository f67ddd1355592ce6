import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the real browser and real-process tests from starving each other.
    maxWorkers: 2,
    // Two projects, both in `vitest run`: the Node tests, and the tests that run inside workerd
    // (vitest.workers.config.ts: D1, Queues and the Worker entry under miniflare).
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'tests/workers/**'],
        },
      },
      './vitest.workers.config.ts',
    ],
  },
});
