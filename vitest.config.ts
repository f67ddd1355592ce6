import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state a person would wait for (a page, a preview, a mail); one
    // second is too short on a busy two-core machine. A test that promises a latency (the
    // preview follows the typing within a second) gives its own, tighter timeout.
    expect: { poll: { timeout: 10_000 } },
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
