import { defineConfig } from 'vitest/config';

/** `pnpm test:publish`: the published packages, installed from tarballs and from a local registry. */
export default defineConfig({
  test: {
    include: ['tests/publish/**/*.test.ts'],
    // npm installs from the network and a registry that starts: minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
