import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.ts';

const screenshotDir = join(import.meta.dirname, '../artifacts/screenshots');

const languages = [
  { language: 'en', locale: 'en-US', heading: 'Welcome to Bokujo', status: 'Server ready', home: 'Home' },
  { language: 'ja', locale: 'ja-JP', heading: 'Bokujo へようこそ', status: 'サーバー稼働中', home: 'ホーム' },
] as const;

for (const { language, locale, heading, status, home } of languages) {
  test.describe(`app shell in ${language}`, () => {
    test.use({ locale });

    test(`renders from the browser language (${language}) and is saved as a screenshot`, async ({ page }, testInfo) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await expect(page.getByRole('status')).toHaveText(status);
      await expect(page.getByRole('navigation').getByText(home)).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', language);

      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `app-shell-${language}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`app-shell-${language}`, { path, contentType: 'image/png' });
    });
  });
}

test('serves the SPA for deep links and keeps the API 404 as JSON', async ({ page, request }) => {
  await page.goto('/somewhere/deep');
  await expect(page.getByText('There is nothing at /somewhere/deep.')).toBeVisible();
  const response = await request.get('/api/v1/none');
  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
});

test('remembers the language a person picks over the browser language', async ({ page }) => {
  await page.goto('/');
  await page.getByText('日本語').click();
  await expect(page.getByRole('heading', { name: 'Bokujo へようこそ' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Bokujo へようこそ' })).toBeVisible();
});
