import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // Tests spawn threads, processes and the CLI on a 2-core machine: generous limits, no timing assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
