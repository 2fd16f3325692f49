import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

const screenshotDir = join(import.meta.dirname, '../artifacts/screenshots');

/** Saves a full-page screenshot under e2e/artifacts/screenshots and attaches it to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Let fonts and transitions settle so the picture shows what a person sees.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(300);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
