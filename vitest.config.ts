import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      {
        test: {
          name: 'repo',
          include: ['*.test.ts', 'scripts/**/*.test.ts', 'docker/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
    reporters: process.env['VITEST_JSON_REPORT'] ? ['default', 'json'] : ['default'],
    outputFile: process.env['VITEST_JSON_REPORT'] ? { json: process.env['VITEST_JSON_REPORT'] } : {},
  },
});
