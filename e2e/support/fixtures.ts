import { test as base } from '@playwright/test';

/** Every spec talks to the server that global setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env['BOKUJO_E2E_URL'];
    if (!url) throw new Error('BOKUJO_E2E_URL is unset: run the specs through playwright.config.ts');
    await use(url);
  },
});

export { expect } from '@playwright/test';
