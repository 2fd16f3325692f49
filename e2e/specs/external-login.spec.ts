import type { Page } from '@playwright/test';
import { ldapUsers, startLdapTestServer, type LdapTestServer } from '../../apps/server/test/ldap-test-server.ts';
import { oidcUsers, startOidcTestProvider, type OidcTestProvider } from '../../apps/server/test/oidc-test-provider.ts';
import { adminPassword } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: add an OpenID Provider and a directory through the UI, test and enable
// each, log in through both as other people, then switch them off again.
test.describe.configure({ mode: 'serial' });

let idp: OidcTestProvider;
let directory: LdapTestServer;
/** The administrator's language before this spec, put back at its end. */
let adminLanguage: string | null = null;

test.beforeAll(async () => {
  const baseUrl = process.env['BOKUJO_E2E_URL'];
  if (!baseUrl) throw new Error('BOKUJO_E2E_URL is unset: run the specs through playwright.config.ts');
  // The server URL set at first run is this address, so Bokujo's redirect URIs point here.
  [idp, directory] = await Promise.all([
    startOidcTestProvider({
      redirectUris: [`${baseUrl}/api/v1/auth/oidc/idp/callback`],
      postLogoutRedirectUris: [`${baseUrl}/login`],
    }),
    startLdapTestServer(),
  ]);
});

test.afterAll(async () => {
  await Promise.all([idp?.close(), directory?.close()]);
});

// The test identity provider serves https with its own self-signed certificate; Bokujo trusts it
// through the CA field of the provider, the browser through this.
test.use({ ignoreHTTPSErrors: true });

/**
 * Logs the administrator in through the form, not with the shared session of the other specs:
 * this spec logs out, which would end that session for them.
 */
async function logInAsAdminThroughForm(page: Page, language: 'en' | 'ja') {
  await page.goto('/login');
  await page.getByRole('textbox', { name: language === 'en' ? 'Username' : 'ユーザー名', exact: true }).fill('admin');
  await page
    .getByRole('textbox', { name: language === 'en' ? 'Password' : 'パスワード', exact: true })
    .fill(adminPassword);
  await page.getByRole('button', { name: language === 'en' ? 'Log in' : 'ログイン', exact: true }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  // A language the administrator chose in another spec would win over the browser's.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
  const me = (await (await page.request.get('/api/v1/me')).json()) as { language: string | null };
  adminLanguage ??= me.language ?? 'en';
  const saved = await page.request.put('/api/v1/me/preferences', {
    data: { language },
    headers: { 'x-csrf-token': csrf },
  });
  expect(saved.ok()).toBe(true);
  // The page opened in the language remembered before; show it in the one just chosen.
  await page.reload();
}

async function openProviders(page: Page) {
  await page.goto('/auth-providers');
  await expect(page.getByRole('heading', { name: 'Authentication', exact: true })).toBeVisible();
}

function rowOf(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
}

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('adds an OpenID Provider, tests and enables it through its real login page', async ({ page }) => {
    await logInAsAdminThroughForm(page, 'en');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Authentication' })
      .click();
    await expect(page.getByRole('heading', { name: 'Authentication', exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a login provider' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Test IdP');
    await dialog.getByRole('textbox', { name: 'ID', exact: true }).fill('idp');
    await dialog.getByLabel('Provider', { exact: true }).click();
    await page.getByRole('option', { name: 'Keycloak' }).click();
    await dialog.getByRole('textbox', { name: 'Issuer URL', exact: true }).fill(idp.issuer);
    await dialog.getByRole('textbox', { name: 'Client ID', exact: true }).fill(idp.clientId);
    await dialog.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret);
    await dialog.getByRole('textbox', { name: 'CA certificate (PEM)', exact: true }).fill(idp.caCertificate);
    await expect(dialog.getByText(`${process.env['BOKUJO_E2E_URL']}/api/v1/auth/oidc/idp/callback`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText('Test IdP was saved')).toBeVisible();
    const row = rowOf(page, 'Test IdP');
    await expect(row.getByText('Not tested')).toBeVisible();
    // Write-only: the secret never comes back to the browser.
    expect(await page.content()).not.toContain(idp.clientSecret);

    await row.getByRole('button', { name: 'Test and enable' }).click();
    const test = page.getByRole('dialog', { name: 'Test and enable Test IdP' });
    await expect(test.getByText('linked to your Bokujo account admin', { exact: false })).toBeVisible();
    await test.getByRole('button', { name: 'Continue to Test IdP' }).click();

    // The identity provider's own login form.
    await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
    expect(page.url().startsWith(idp.issuer)).toBe(true);
    await page.getByLabel('Username').fill('erin');
    await page.getByLabel('Password').fill(oidcUsers['erin']!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/auth-providers\?tested=idp$/);
    await expect(page.getByText('Test IdP is enabled. People can now log in with it.')).toBeVisible();
    await expect(rowOf(page, 'Test IdP').getByText('Enabled', { exact: true })).toBeVisible();
  });

  test('another person logs in with the OIDC button and sees the console; logging out ends it at the provider', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Log in with Test IdP' }).click();
    await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
    await page.getByLabel('Username').fill('frank');
    await page.getByLabel('Password').fill(oidcUsers['frank']!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/clusters$/);
    await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'User menu of Frank Developer' }).click();
    await expect(page.getByText('Logged in as frank@idp')).toBeVisible();
    await page.getByRole('menuitem', { name: 'Log out' }).click();

    // RP-initiated logout: the provider asks, then sends the browser back to Bokujo's login.
    await page.waitForURL((url) => url.href.startsWith(idp.issuer), { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Log in to Bokujo' })).toBeVisible();
    await page.goto('/clusters');
    await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
  });

  test('adds a directory, tests and enables it with the administrator’s own directory account', async ({ page }) => {
    await logInAsAdminThroughForm(page, 'en');
    await openProviders(page);
    await page.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a login provider' });
    await dialog.getByText('LDAP / Active Directory').click();
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Ranch directory');
    await dialog.getByRole('textbox', { name: 'ID', exact: true }).fill('ranch');
    await dialog.getByRole('textbox', { name: 'Host', exact: true }).fill('ldap://127.0.0.1');
    await dialog.getByRole('textbox', { name: 'Port', exact: true }).fill(String(directory.port));
    await dialog.getByRole('textbox', { name: 'CA certificate (PEM)', exact: true }).fill(directory.caCertificate);
    await dialog.getByRole('textbox', { name: 'Service account DN', exact: true }).fill(directory.bindDn);
    await dialog.getByRole('textbox', { name: 'Service account password', exact: true }).fill(directory.bindPassword);
    await dialog.getByRole('textbox', { name: 'User search base', exact: true }).fill(`ou=people,${directory.baseDn}`);
    await dialog.getByRole('textbox', { name: 'Group search base', exact: true }).fill(`ou=groups,${directory.baseDn}`);
    await dialog.getByLabel('Include nested groups').check();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    // The server's refusal, on the field it names.
    await expect(dialog.getByText('Enter only a host name or IP address, without scheme or port')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Host', exact: true }).fill(directory.host);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText('Ranch directory was saved')).toBeVisible();

    await rowOf(page, 'Ranch directory').getByRole('button', { name: 'Test and enable' }).click();
    const test = page.getByRole('dialog', { name: 'Test and enable Ranch directory' });
    await test.getByRole('textbox', { name: 'Directory username' }).fill('carol');
    await test.getByLabel('Directory password').fill('not her password');
    await test.getByRole('button', { name: 'Test and enable' }).click();
    await expect(test.getByText('The directory refused this username and password')).toBeVisible();
    await test.getByLabel('Directory password').fill(ldapUsers.carol.password);
    await test.getByRole('button', { name: 'Test and enable' }).click();
    await expect(test.getByText('Test passed')).toBeVisible();
    await test.getByRole('button', { name: 'Close' }).first().click();
    await expect(rowOf(page, 'Ranch directory').getByText('Enabled', { exact: true })).toBeVisible();
  });

  test('a directory user logs in through the directory form; a wrong password says so', async ({ page }, testInfo) => {
    await page.goto('/login');
    await expect(page.getByRole('link', { name: 'Log in with Test IdP' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Ranch directory account' });
    await form.getByRole('textbox', { name: 'Directory username' }).fill('alice');
    await form.getByLabel('Directory password').fill('wrong password');
    await form.getByRole('button', { name: 'Log in with Ranch directory' }).click();
    await expect(form.getByText('Wrong username or password.')).toBeVisible();
    await saveScreenshot(page, testInfo, 'login-providers-wrong-password-en');

    await form.getByLabel('Directory password').fill(ldapUsers.alice.password);
    await form.getByRole('button', { name: 'Log in with Ranch directory' }).click();
    await expect(page).toHaveURL(/\/clusters$/);
    await expect(page.getByRole('heading', { name: 'Clusters', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'User menu of Alice Developer' }).click();
    await expect(page.getByText('Logged in as alice@ranch')).toBeVisible();
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('the login page offers both providers', async ({ page }, testInfo) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Bokujo にログイン' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Test IdP でログイン' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Ranch directory のアカウント' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'login-providers-ja');
  });

  test('the providers page, the form and the disable confirmation; then both are switched off', async ({
    page,
  }, testInfo) => {
    await logInAsAdminThroughForm(page, 'ja');
    await page.goto('/auth-providers');
    await expect(page.getByRole('heading', { name: '認証', exact: true })).toBeVisible();
    await expect(rowOf(page, 'Test IdP').getByText('有効', { exact: true })).toBeVisible();
    await expect(rowOf(page, 'Ranch directory').getByText('有効', { exact: true })).toBeVisible();
    await saveScreenshot(page, testInfo, 'auth-providers-ja');

    await page.getByRole('button', { name: '認証プロバイダーを追加' }).click();
    const dialog = page.getByRole('dialog', { name: '認証プロバイダーの追加' });
    await dialog.getByText('LDAP / Active Directory').click();
    await dialog.getByLabel('ディレクトリ', { exact: true }).click();
    await page.getByRole('option', { name: 'Active Directory' }).click();
    await dialog.getByLabel('接続のセキュリティ', { exact: true }).click();
    await page.getByRole('option', { name: 'なし (パスワードが平文)' }).click();
    await expect(dialog.getByText('パスワードが平文で送信されます', { exact: false })).toBeVisible();
    await saveScreenshot(page, testInfo, 'auth-provider-form-ldap-ja');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();

    await page.getByRole('button', { name: 'Test IdP の操作' }).click();
    await page.getByRole('menuitem', { name: '無効化' }).click();
    const confirm = page.getByRole('dialog', { name: 'Test IdP を無効化しますか?' });
    await expect(
      confirm.getByText('ただちにログアウトされ、その API トークンも使えなくなります', { exact: false }),
    ).toBeVisible();
    await saveScreenshot(page, testInfo, 'auth-provider-disable-ja');
    await confirm.getByRole('button', { name: '無効化' }).click();
    await expect(rowOf(page, 'Test IdP').getByText('無効', { exact: true })).toBeVisible();

    // Later specs see the login page without these providers, whose servers stop with this spec.
    for (const name of ['Test IdP', 'Ranch directory']) {
      await page.getByRole('button', { name: `${name} の操作` }).click();
      await page.getByRole('menuitem', { name: '削除' }).click();
      await page
        .getByRole('dialog', { name: `${name} を削除しますか?` })
        .getByRole('button', { name: '削除' })
        .click();
      await expect(rowOf(page, name)).toHaveCount(0);
    }
    await expect(page.getByText('外部の認証プロバイダーはまだありません')).toBeVisible();

    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
    await page.request.put('/api/v1/me/preferences', {
      data: { language: adminLanguage ?? 'en' },
      headers: { 'x-csrf-token': csrf },
    });
  });
});
