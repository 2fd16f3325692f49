import { readFile } from 'node:fs/promises';
import { type Cluster, startCluster } from '@bokujo/testenv';
import type { APIRequestContext, Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: projects, a user who is a member of one of them and sees only it, a
// namespace moved, a project deleted, all of it in the audit log.
// Each step does several real cluster writes; the machine is shared with other test runs.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let testCluster: Cluster;
let clusterId = '';
const clusterName = 'access';
const username = 'kenta';
const firstPassword = 'green pastures every morning';
const resetPassword = 'quiet barns after sunset';

/** Bokujo checks writes with the double-submit cookie; API calls made by a spec must echo it. */
async function csrfHeaders(page: Page) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

async function projectsPage(page: Page) {
  await page.goto(`/c/${clusterId}/projects`);
  await expect(page.getByRole('heading', { name: /^(Projects\/Namespaces|プロジェクト\/名前空間)$/ })).toBeVisible();
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function podsStatus(request: APIRequestContext, namespace: string) {
  return (await request.get(`/k8s/clusters/${clusterId}/api/v1/namespaces/${namespace}/pods`)).status();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  testCluster = await startCluster({ name: `e2e-access-${process.pid}` });
  const page = await browser.newPage({ baseURL: process.env['BOKUJO_E2E_URL'] });
  await logInAsAdmin(page);
  const imported = await page.request.post('/api/v1/clusters/import', {
    headers: await csrfHeaders(page),
    data: { name: clusterName, kubeconfig: await readFile(testCluster.kubeconfigPath, 'utf8') },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  clusterId = ((await imported.json()) as { id: string }).id;
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/clusters/${clusterId}`)).json()) as { state: string }).state,
      {
        timeout: 60_000,
      },
    )
    .toBe('Active');
  await page.close();
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await testCluster?.stop();
});

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('creates two projects with a namespace each', async ({ page }) => {
    await logInAsAdmin(page);
    await projectsPage(page);
    for (const name of ['alpha', 'beta']) {
      await page.getByRole('button', { name: 'Create project' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create project' });
      await dialog.getByLabel('Project name').fill(name);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog).toBeHidden();
      await region(page, name)
        .getByRole('button', { name: `Create a namespace in ${name}` })
        .click();
      const namespaceDialog = page.getByRole('dialog', { name: `Create a namespace in ${name}` });
      await namespaceDialog.getByLabel('Namespace name').fill(`${name}-web`);
      await namespaceDialog.getByRole('button', { name: 'Create' }).click();
      await expect(namespaceDialog).toBeHidden({ timeout: 20_000 });
      await expect(region(page, name).getByText(`${name}-web`)).toBeVisible();
    }
    // The server's refusal lands on the field it concerns.
    await region(page, 'beta').getByRole('button', { name: 'Create a namespace in beta' }).click();
    const again = page.getByRole('dialog', { name: 'Create a namespace in beta' });
    await again.getByLabel('Namespace name').fill('alpha-web');
    await again.getByRole('button', { name: 'Create' }).click();
    await expect(again.getByText('This name is already taken')).toBeVisible();
    await again.getByRole('button', { name: 'Cancel' }).click();
  });

  test('creates a user, disables and enables them, and resets their password', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto('/users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create user' });
    await dialog.getByLabel('Username').fill(username);
    await dialog.getByLabel('Display name').fill('Kenta Sato');
    await dialog.getByLabel(/^Password/).fill(firstPassword);
    await dialog.getByLabel('Must change the password at next login').uncheck();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: 'Kenta Sato' });
    await expect(row.getByText('Standard User')).toBeVisible();

    await page.getByRole('button', { name: `Actions for ${username}` }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    const confirm = page.getByRole('dialog', { name: `Disable ${username}` });
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await expect(row.getByText('Disabled')).toBeVisible();
    await page.getByRole('button', { name: `Actions for ${username}` }).click();
    await page.getByRole('menuitem', { name: 'Enable' }).click();
    await expect(row.getByText('Active')).toBeVisible();

    await page.getByRole('button', { name: `Actions for ${username}` }).click();
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    const reset = page.getByRole('dialog', { name: `Reset the password of ${username}` });
    await reset.getByLabel(/^New password(?! \()/).fill(resetPassword);
    await reset.getByLabel('New password (again)').fill(resetPassword);
    await reset.getByLabel('Must change the password at next login').uncheck();
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await expect(reset).toBeHidden();
  });

  test('makes the user Project Member of alpha only', async ({ page }) => {
    await logInAsAdmin(page);
    await projectsPage(page);
    await region(page, 'alpha').getByRole('link', { name: 'alpha' }).click();
    await expect(page.getByRole('heading', { name: 'alpha', level: 2 })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Members' }).click();
    await expect(page.getByRole('heading', { name: 'Members of the project alpha' })).toBeVisible();
    await page.getByRole('button', { name: 'Add member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a project member' });
    await dialog.getByLabel('Username').fill(username);
    // Project Member is what the dialog proposes for a project.
    await expect(dialog.getByLabel('Role')).toHaveValue('Project Member');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: username }).getByText('Project Member')).toBeVisible();
  });

  test('the user sees the cluster but only their project, and Kubernetes agrees', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env['BOKUJO_E2E_URL'], locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(resetPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('link', { name: clusterName, exact: true })).toBeVisible();

    await page.getByRole('link', { name: clusterName, exact: true }).click();
    const switcher = page.getByRole('banner').getByLabel('Project', { exact: true });
    await switcher.click();
    await expect(page.getByRole('option')).toHaveText(['alpha']);
    await page.keyboard.press('Escape');

    await projectsPage(page);
    await expect(region(page, 'alpha').getByText('alpha-web')).toBeVisible();
    await expect(region(page, 'beta')).toHaveCount(0);
    await expect(region(page, 'Default')).toHaveCount(0);
    const create = page.getByRole('button', { name: 'Create project' });
    await expect(create).toHaveAttribute('aria-disabled', 'true');

    // The bindings reach the cluster through Bokujo's reconciler, a moment after the change.
    await expect.poll(() => podsStatus(page.request, 'alpha-web'), { timeout: 30_000 }).toBe(200);
    expect(await podsStatus(page.request, 'beta-web')).toBe(403);
    await context.close();
  });

  test('moves a namespace to another project and deletes a project after confirmation', async ({ page }) => {
    await logInAsAdmin(page);
    await projectsPage(page);
    await region(page, 'beta').getByRole('button', { name: 'Move beta-web' }).click();
    const move = page.getByRole('dialog', { name: 'Move beta-web' });
    await move.getByLabel('Move to').click();
    await page.getByRole('option', { name: 'alpha', exact: true }).click();
    await move.getByRole('button', { name: 'Move' }).click();
    await expect(move).toBeHidden();
    await expect(region(page, 'alpha').getByText('beta-web')).toBeVisible();
    await expect(region(page, 'beta').getByText('No namespaces yet.')).toBeVisible();

    await region(page, 'beta').getByRole('button', { name: 'Delete the project beta' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the project beta' });
    await expect(confirm.getByText('Its members lose the roles they hold in beta.')).toBeVisible();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(confirm).toBeHidden();
    await expect(region(page, 'beta')).toHaveCount(0);
  });

  test('the audit log, filtered by action, shows these changes', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto('/audit');
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Namespace moved' }).click();
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/action=namespace\.move/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1).getByText('beta-web')).toBeVisible();

    await filters.getByLabel('Action', { exact: true }).click();
    await page.getByRole('option', { name: 'Project member added' }).click();
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(rows.nth(1).getByText(`subject=${username}`)).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-audit-en');
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('adds a namespace and a cluster member, and every access page reads well', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await projectsPage(page);
    await region(page, 'alpha').getByRole('button', { name: 'alpha に名前空間を作成' }).click();
    const dialog = page.getByRole('dialog', { name: 'alpha に名前空間を作成' });
    await dialog.getByLabel('名前空間名').fill('alpha-batch');
    await dialog.getByRole('button', { name: '作成' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(region(page, 'alpha').getByText('alpha-batch')).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-projects-ja');

    await page.goto(`/c/${clusterId}/members`);
    await expect(page.getByRole('heading', { name: `${clusterName} のメンバー` })).toBeVisible();
    await page.getByRole('button', { name: 'メンバーを追加' }).click();
    const add = page.getByRole('dialog', { name: 'クラスターメンバーの追加' });
    await add.getByLabel('ユーザー名').fill(username);
    await expect(add.getByLabel('ロール')).toHaveValue('クラスターメンバー');
    await saveScreenshot(page, testInfo, 'access-add-member-ja');
    await add.getByRole('button', { name: '追加' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByRole('row').filter({ hasText: username }).getByText('クラスターメンバー')).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-cluster-members-ja');

    await page.goto('/users');
    await expect(page.getByRole('row').filter({ hasText: 'Kenta Sato' }).getByText('標準ユーザー')).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-users-ja');
    await page.getByRole('button', { name: `${username} の操作` }).click();
    await expect(page.getByRole('menuitem', { name: 'パスワードをリセット' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-user-menu-ja');
    await page.keyboard.press('Escape');

    await page.goto('/roles');
    await expect(page.getByRole('heading', { name: 'プロジェクトロール' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-roles-ja');

    await page.goto('/audit?action=project.delete');
    await expect(page.getByRole('table').getByText('プロジェクトの削除').first()).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-audit-ja');

    await projectsPage(page);
    await region(page, 'alpha').getByRole('link', { name: 'alpha' }).click();
    await expect(page.getByRole('heading', { name: 'alpha', level: 2 })).toBeVisible();
    await expect(page.getByText('名前空間: 3 個')).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-project-ja');
    await page
      .getByRole('navigation', { name: 'メインナビゲーション' })
      .getByRole('link', { name: 'メンバー' })
      .last()
      .click();
    await expect(page.getByRole('heading', { name: 'プロジェクト alpha のメンバー' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: username })).toBeVisible();
    await saveScreenshot(page, testInfo, 'access-project-members-ja');
  });
});
