import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'testenv',
    include: ['src/**/*.test.ts'],
    // Builds the control-plane binaries once (minutes when cold) before any file starts a cluster.
    globalSetup: ['src/global-setup.ts'],
    // Each integration file starts real clusters; on two cores they must not compete.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
