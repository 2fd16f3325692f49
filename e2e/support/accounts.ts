import type { BrowserContext, Page } from '@playwright/test';

/** Given to the server as BOKUJO_BOOTSTRAP_PASSWORD by global setup. */
export const bootstrapPassword = 'e2e-bootstrap-passphrase';

/** What the first-run spec sets as the administrator's own password; later specs log in with it. */
export const adminPassword = 'ranch hands count the cows twice';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
let adminCookies: Cookies | undefined;

/**
 * Signs the page's browser context in as the administrator (the login form has its own specs).
 * The first call logs in through the API; later ones reuse that session's cookies, because the
 * server allows only a few logins a minute per account. The administrator's remembered language is
 * set to the browser's, as if they had picked it: a spec's locale then decides the page language even
 * after another spec switched it.
 */
export async function logInAsAdmin(page: Page) {
  if (adminCookies) {
    await page.context().addCookies(adminCookies);
  } else {
    const response = await page.request.post('/api/v1/auth/login', {
      data: { username: 'admin', password: adminPassword },
    });
    if (!response.ok()) throw new Error(`login failed with ${response.status()}: ${await response.text()}`);
    adminCookies = await page.context().cookies();
  }
  const browserLanguage = String(await page.evaluate('navigator.language'));
  const csrf = adminCookies.find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
  const saved = await page.request.put('/api/v1/me/preferences', {
    data: { language: browserLanguage.startsWith('ja') ? 'ja' : 'en' },
    headers: { 'X-CSRF-Token': csrf },
  });
  if (!saved.ok()) throw new Error(`setting the language failed with ${saved.status()}: ${await saved.text()}`);
}
