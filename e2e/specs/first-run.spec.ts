import { adminPassword, bootstrapPassword } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

test('first start: bootstrap password, then setup, then the empty cluster list; log out and in again', async ({
  page,
  baseURL,
}, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.getByRole('heading', { name: 'Bokujo にログイン' })).toBeVisible();
  await expect(page.getByText('ローカルユーザー')).toBeVisible();
  await expect(page.getByText('初回起動')).toBeVisible();
  await saveScreenshot(page, testInfo, 'login-ja');

  await page.getByLabel('ユーザー名').fill('admin');
  await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill('not the bootstrap password');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByText('ユーザー名またはパスワードが正しくありません。')).toBeVisible();

  await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(bootstrapPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('heading', { name: 'Bokujo へようこそ' })).toBeVisible();
  await expect(page).toHaveURL(/\/setup\?next=%2F$/);

  // The server URL starts as the address the browser used, with the server's concerns shown early.
  const serverUrl = page.getByRole('textbox', { name: 'サーバー URL' });
  await expect(serverUrl).toHaveValue(baseURL ?? '');
  await expect(
    page.getByText('ループバックアドレスです。kubeconfig ファイルや他のマシンからは接続できません。'),
  ).toBeVisible();

  const newPassword = page.getByRole('textbox', { name: '新しいパスワード', exact: true });
  const confirmPassword = page.getByRole('textbox', { name: '新しいパスワード (確認)' });
  await newPassword.fill('short');
  await confirmPassword.fill('short');
  await page.getByRole('button', { name: '保存して続行' }).click();
  await expect(page.getByText('パスワードは 12 文字以上にしてください。')).toBeVisible();
  await newPassword.fill(adminPassword);
  await confirmPassword.fill(`${adminPassword}!`);
  await expect(page.getByText('2 つのパスワードが一致しません。')).toBeVisible();
  await confirmPassword.fill(adminPassword);
  await expect(page.getByText('2 つのパスワードが一致しません。')).toBeHidden();
  await saveScreenshot(page, testInfo, 'setup-ja');

  await page.getByRole('button', { name: '保存して続行' }).click();
  await expect(page.getByText('初期設定が完了しました')).toBeVisible();
  await expect(page.getByText('サーバーからの警告')).toBeVisible();
  await expect(
    page.getByText('https ではありません。セッションとトークンが暗号化されずに送信されます。'),
  ).toBeVisible();
  await saveScreenshot(page, testInfo, 'setup-done-ja');

  await page.getByRole('button', { name: 'クラスター一覧へ進む' }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole('heading', { name: 'クラスター', exact: true })).toBeVisible();
  await expect(page.getByText('クラスターはまだありません')).toBeVisible();
  await saveScreenshot(page, testInfo, 'cluster-list-empty-ja');

  // Log out; the bootstrap password is spent, the new one works.
  await page.getByRole('button', { name: 'Default Admin のユーザーメニュー' }).click();
  await page.getByRole('menuitem', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText('初回起動')).toBeHidden();
  await page.getByLabel('ユーザー名').fill('admin');
  await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(bootstrapPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByText('ユーザー名またはパスワードが正しくありません。')).toBeVisible();
  await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('heading', { name: 'クラスター', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/clusters$/);
});
