import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot work here. The flags keep it
// from reaching for Google's services, which this closed network refuses.
const chromiumArgs = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/test-results',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  // Real clusters run beside the server on the same machine; give pages time under load.
  expect: { timeout: 15_000 },
  reporter: process.env['PLAYWRIGHT_JSON_REPORT']
    ? [['list'], ['json', { outputFile: process.env['PLAYWRIGHT_JSON_REPORT'] }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env['BOKUJO_CHROMIUM'] ?? '/usr/bin/chromium',
      args: chromiumArgs,
      chromiumSandbox: false,
    },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // One server for every spec: the first run (bootstrap password → setup) happens once, in its
  // own project, and everything else runs against the console it leaves behind.
  projects: [
    { name: 'first-run', testMatch: /first-run\.spec\.ts$/ },
    { name: 'console', testIgnore: /first-run\.spec\.ts$/, dependencies: ['first-run'] },
  ],
});
