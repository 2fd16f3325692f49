import { adminPassword, logInAsAdmin } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';

test('a deep link goes through login and lands where it pointed', async ({ page }) => {
  // Another spec may have left the administrator's remembered language on Japanese; this one reads English.
  await logInAsAdmin(page);
  await page.context().clearCookies();
  await page.goto('/somewhere/deep');
  await expect(page).toHaveURL(/\/login\?next=%2Fsomewhere%2Fdeep$/);
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('There is nothing at /somewhere/deep.')).toBeVisible();
  await expect(page).toHaveURL(/\/somewhere\/deep$/);
});

test('the login page does not send anyone to another site', async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent('//evil.example/phish')}`);
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/clusters$/);
});

test('an expired session returns to login and then to the same page', async ({ page, context }) => {
  await logInAsAdmin(page);
  await page.goto('/clusters?view=all');
  await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();

  // The session ends (as after the idle timeout); the list's next poll finds out.
  await context.clearCookies({ name: 'bokujo_session' });
  await expect(page.getByText('Your session ended. Log in again to continue where you were.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters%3Fview%3Dall$/);
  await page.getByLabel('Username').fill('admin');
  await page.getByRole('textbox', { name: 'Password' }).fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/clusters\?view=all$/);
});

test('remembers the language a person picks, in this browser and in any other', async ({ page, browser, baseURL }) => {
  await logInAsAdmin(page);
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
  await page.getByText('日本語').click();
  await expect(page.getByRole('heading', { name: 'クラスター', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'クラスター', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  // Another browser, set to English, with a fresh session: the person's choice follows them.
  const elsewhere = await browser.newContext({ locale: 'en-US', baseURL });
  const other = await elsewhere.newPage();
  await other.goto('/login');
  await other.getByLabel('Username').fill('admin');
  await other.getByRole('textbox', { name: 'Password' }).fill(adminPassword);
  await other.getByRole('button', { name: 'Log in' }).click();
  await expect(other.getByRole('heading', { name: 'クラスター', exact: true })).toBeVisible();
  await elsewhere.close();
});

test('API paths keep their JSON 404 and need no login to say so', async ({ request }) => {
  const response = await request.get('/api/v1/none');
  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
});

test('state-changing calls without the CSRF header are refused', async ({ page }) => {
  await logInAsAdmin(page);
  const withoutHeader = await page.request.post('/api/v1/clusters/import', {
    data: { name: 'x', kubeconfig: 'apiVersion: v1' },
  });
  expect(withoutHeader.status()).toBe(403);
});
