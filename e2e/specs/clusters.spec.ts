import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Cluster, startCluster } from '@bokujo/testenv';
import type { Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: import two real clusters, refuse a third, look at them, download, delete.
test.describe.configure({ mode: 'serial' });

let tokyo: Cluster;
let osaka: Cluster;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // The demo data gives the dashboard workloads and events to show.
  [tokyo, osaka] = await Promise.all([
    startCluster({ name: `e2e-tokyo-${process.pid}`, nodes: 2, demo: true }),
    startCluster({ name: `e2e-osaka-${process.pid}` }),
  ]);
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await Promise.all([tokyo?.stop(), osaka?.stop()]);
});

/** The same cluster and CA, but a credential plugin instead of an embedded credential. */
function execKubeconfig(cluster: Cluster) {
  const caData = cluster.kubeConfig.getCurrentCluster()?.caData ?? '';
  return `apiVersion: v1
kind: Config
clusters:
- name: cloud
  cluster:
    server: ${cluster.server}
    certificate-authority-data: ${caData}
users:
- name: sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: /usr/local/bin/cloud-login
      args: [token, --cluster, cloud]
      interactiveMode: Never
contexts:
- name: cloud
  context: {cluster: cloud, user: sso}
current-context: cloud
`;
}

async function openWizard(page: Page, importLabel: string) {
  await logInAsAdmin(page);
  await page.goto('/clusters');
  await page.getByRole('link', { name: importLabel }).first().click();
}

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('imports a cluster by pasting its kubeconfig and sees it Active on its dashboard', async ({
    page,
  }, testInfo) => {
    await openWizard(page, 'クラスターをインポート');
    await expect(page.getByRole('heading', { name: 'クラスターのインポート' })).toBeVisible();
    await page.getByLabel('クラスター名').fill('tokyo');
    await page.getByLabel('説明').fill('東京のテスト環境 (kwok ノード 2 台)');
    await page.getByRole('button', { name: 'ラベルを追加' }).click();
    await page.getByLabel('ラベル 1 のキー').fill('env');
    await page.getByLabel('ラベル 1 の値').fill('test');
    await saveScreenshot(page, testInfo, 'import-wizard-details-ja');
    await page.getByRole('button', { name: '次へ' }).click();

    await page
      .getByRole('textbox', { name: 'kubeconfig', exact: true })
      .fill(await readFile(tokyo.kubeconfigPath, 'utf8'));
    await saveScreenshot(page, testInfo, 'import-wizard-kubeconfig-ja');
    await page.getByRole('button', { name: 'インポート', exact: true }).click();

    await expect(page.getByText('tokyo をインポートしました')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('Bokujo の ServiceAccount の作成')).toBeVisible();
    await saveScreenshot(page, testInfo, 'import-wizard-result-ja');

    await page.getByRole('link', { name: 'ダッシュボードを開く' }).click();
    await expect(page.getByRole('heading', { name: 'tokyo', exact: true })).toBeVisible();
    await expect(page.getByText('アクティブ').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('v1.37.2').first()).toBeVisible();
    await expect(page.getByRole('meter', { name: 'CPU' })).toBeVisible({ timeout: 30_000 });
    // Nodes and events come from the cluster itself, through the impersonating passthrough.
    const nodes = page.locator('table').filter({ hasText: 'kubelet バージョン' });
    await expect(nodes.getByRole('row')).toHaveCount(3);
    await expect(nodes.getByText('Ready', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '最近のイベント' })).toBeVisible();
    await expect(page.getByText('イベントを読み込んでいます…')).toBeHidden();
    await saveScreenshot(page, testInfo, 'dashboard-ja');
  });

  test('refuses a kubeconfig with an exec credential plugin and says what to fix', async ({ page }, testInfo) => {
    await openWizard(page, 'クラスターをインポート');
    await page.getByLabel('クラスター名').fill('cloud');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('textbox', { name: 'kubeconfig', exact: true }).fill(execKubeconfig(osaka));
    await page.getByRole('button', { name: 'インポート', exact: true }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'クラスターをインポートできませんでした' });
    await expect(alert).toBeVisible();
    await expect(alert.getByText('失敗した段階: kubeconfig の検査')).toBeVisible();
    await expect(alert.getByText(/認証プラグイン \(exec または auth-provider\)/)).toBeVisible();
    // The field itself says where in the file and why, in the server's words.
    await expect(page.getByText(/^users\/0\/user\/exec: .*exec/)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'kubeconfig', exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await saveScreenshot(page, testInfo, 'import-wizard-refused-ja');
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('imports a second cluster from its kubeconfig file', async ({ page }) => {
    await openWizard(page, 'Import cluster');
    await page.getByLabel('Cluster name').fill('osaka');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('input[type="file"]').setInputFiles(osaka.kubeconfigPath);
    await expect(page.getByText(`Read from ${basename(osaka.kubeconfigPath)}`)).toBeVisible();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText('osaka was imported')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Back to the clusters' }).click();
    await expect(page).toHaveURL(/\/clusters$/);
  });

  test('lists both clusters as they turn Active', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto('/clusters');
    for (const name of ['tokyo', 'osaka']) {
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
      await expect(row.getByText('Active', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(row.getByText(/^[\d.,]+ \/ [\d.,]+ cores$/)).toBeVisible();
      await expect(row.getByText(/^[\d.,]+ \/ [\d.,]+ GiB$/)).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'cloud', exact: true })).toHaveCount(0);
    await saveScreenshot(page, testInfo, 'cluster-list-en');
  });

  test('downloads a KubeConfig whose token reaches the cluster through Bokujo', async ({ page, request }) => {
    await logInAsAdmin(page);
    await page.goto('/clusters');
    await page.getByRole('link', { name: 'tokyo', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download KubeConfig' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tokyo.yaml');
    const text = await readFile(await download.path(), 'utf8');
    const server = /server: (http:\/\/127\.0\.0\.1:\d+\/k8s\/clusters\/c-[0-9a-f]+)/.exec(text)?.[1];
    const token = /token: (\S+)/.exec(text)?.[1];
    expect(server).toBeDefined();
    expect(token).toBeDefined();

    // kubectl itself withholds tokens from a plain-http server (the server's own tests run it over
    // https); the same request it would make, with the file's token and no cookie:
    const nodes = await request.get(`${server}/api/v1/nodes`, { headers: { authorization: `Bearer ${token}` } });
    expect(nodes.status()).toBe(200);
    expect(((await nodes.json()) as { items: unknown[] }).items).toHaveLength(2);
  });
});

test.describe('in Japanese, with both clusters', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('shows the cluster list with its live state', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto('/clusters');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'tokyo', exact: true }) });
    await expect(row.getByText('アクティブ')).toBeVisible();
    await expect(row.getByText(/^[\d.,]+ \/ [\d.,]+ コア$/)).toBeVisible();
    await expect(row.getByRole('cell', { name: 'KWOK', exact: true })).toBeVisible();
    // Other specs share this server and may have imported clusters of their own.
    await expect(
      page.getByRole('row').filter({ has: page.getByRole('link', { name: /^(tokyo|osaka)$/ }) }),
    ).toHaveCount(2);
    await saveScreenshot(page, testInfo, 'cluster-list-ja');

    // The switcher works from the keyboard too.
    await page.getByRole('button', { name: 'クラスターの切り替え (現在: グローバル)' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: /osaka/ })).toBeVisible();
    await saveScreenshot(page, testInfo, 'cluster-switcher-ja');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/c\/c-[0-9a-f]+$/);
  });
});

test.describe('in English, at the end', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('deletes a cluster after a confirmation that names it', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto('/clusters');
    await page.getByRole('button', { name: 'Actions for osaka' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete cluster osaka' });
    await expect(dialog.getByText(/Bokujo will forget the cluster osaka/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByRole('link', { name: 'osaka', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'tokyo', exact: true })).toBeVisible();
  });
});
