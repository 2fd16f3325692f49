import { type Cluster, startCluster } from '@bokujo/testenv';
import { logInAsAdmin } from '../support/accounts.ts';
import { createProject, importCluster } from '../support/bokujo-api.ts';
import { kubectlJson } from '../support/kubectl.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: a Deployment's pod on a kwok node, its logs and shell, its YAML, an import.
test.describe.configure({ mode: 'serial' });

const namespace = 'ranch-shop';
let cluster: Cluster;
let clusterId = '';
let projectId = '';
let podName = '';

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await startCluster({ name: `e2e-pods-${process.pid}` });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await cluster?.stop();
});

test('imports the cluster, makes a project and runs a Deployment in it', async ({ page }) => {
  test.setTimeout(180_000);
  await logInAsAdmin(page);
  clusterId = await importCluster(page, cluster, 'pods-ranch');
  projectId = await createProject(page, clusterId, 'Shop', namespace);
  await cluster.kubectl(['create', 'deployment', 'web', '--image=registry.example/shop/web:1.4', '-n', namespace]);

  await expect
    .poll(
      async () => {
        const pods = await kubectlJson<{ items: { metadata: { name: string }; status?: { phase?: string } }[] }>(
          cluster,
          ['get', 'pods', '-n', namespace],
        );
        const running = pods.items.find((pod) => pod.status?.phase === 'Running');
        podName = running?.metadata.name ?? '';
        return podName;
      },
      { timeout: 60_000 },
    )
    .not.toBe('');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  const podPage = () => `/c/${clusterId}/p/${projectId}/pods/${namespace}/${podName}`;

  test('shows the pod with its container, conditions and events', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(podPage());
    await expect(page.getByRole('heading', { name: podName })).toBeVisible();
    const container = page.getByRole('row').filter({ hasText: 'registry.example/shop/web:1.4' });
    await expect(container.getByText('Running', { exact: true })).toBeVisible();
    await expect(container.getByText('Ready', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Condition' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'PodScheduled', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'イベント' })).toBeVisible();
    await expect(page.getByText('イベントを読み込んでいます…')).toBeHidden();
    await expect(page.getByText(/^ReplicaSet web-/)).toBeVisible();
    await saveScreenshot(page, testInfo, 'pod-ja');
  });

  test('follows the container’s log and finds a line in it', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(podPage());
    await page.getByRole('tab', { name: 'ログ' }).click();
    const log = page.getByRole('log', { name: 'web のログ' });
    // kwok serves the same sample lines for every container (packages/testenv).
    await expect(log).toContainText('listening on :8080');
    await expect(page.getByText('フォロー中: 新しい行は書き込まれると表示されます。')).toBeVisible();
    await page.getByRole('searchbox', { name: '読み込んだログを検索' }).fill('/api/items');
    await expect(log.locator('mark')).toHaveCount(3);
    await expect(page.getByText('一致: 3 件')).toBeVisible();
    await expect(page.getByRole('switch', { name: /^前回のコンテナ/ })).toBeDisabled();
    await saveScreenshot(page, testInfo, 'pod-logs-ja');
  });

  test('opens a shell in the container and runs a command', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(podPage());
    await page.getByRole('tab', { name: 'シェル' }).click();
    await expect(page.getByText('web に接続しました (/bin/sh)。')).toBeVisible();
    const terminal = page.getByRole('group', { name: 'web のターミナル' });
    await terminal.click();
    // The product of the shell's arithmetic, so the echo of the typed line cannot match by itself.
    await page.keyboard.type('echo bokujo-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(terminal.locator('.xterm-rows')).toContainText('bokujo-42');
    await saveScreenshot(page, testInfo, 'pod-shell-ja');

    await page.keyboard.type('exit 3');
    await page.keyboard.press('Enter');
    // A kubelet reports the code as NonZeroExitCode; kwok reports it as an error message instead.
    await expect(page.getByRole('alert').filter({ hasText: /^シェルが終了しました: .*exit status 3$/ })).toBeVisible();
    await page.getByRole('button', { name: '再接続' }).click();
    await expect(page.getByText('web に接続しました (/bin/sh)。')).toBeVisible();
  });

  test('edits the Deployment’s YAML, reviews the dry run and applies it', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    const apiPath = `/apis/apps/v1/namespaces/${namespace}/deployments/web`;
    await page.goto(`/c/${clusterId}/yaml?object=${encodeURIComponent(apiPath)}`);
    // The editor's chunk (CodeMirror) is the largest of the app; give it time on a busy machine.
    await expect(page.getByRole('heading', { name: 'Deployment web' })).toBeVisible({ timeout: 45_000 });
    const editor = page.getByRole('textbox', { name: 'Deployment web の YAML' });
    // The first `app: web` is metadata.labels; a person adds a label below it.
    await editor
      .locator('.cm-line', { hasText: /^\s*app: web$/ })
      .first()
      .click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('tier: frontend');
    await saveScreenshot(page, testInfo, 'yaml-editor-ja');

    await page.getByRole('button', { name: '変更を確認' }).click();
    const after = page.getByRole('textbox', { name: '適用後 (ドライラン)' });
    await expect(after).toContainText('tier: frontend');
    await expect(page.getByRole('textbox', { name: '現在の内容' })).not.toContainText('tier: frontend');
    // A dry run stores nothing.
    const beforeApply = await kubectlJson<{ metadata: { labels: Record<string, string> } }>(cluster, [
      'get',
      'deployment',
      'web',
      '-n',
      namespace,
    ]);
    expect(beforeApply.metadata.labels['tier']).toBeUndefined();
    await saveScreenshot(page, testInfo, 'yaml-review-ja');

    await page.getByRole('button', { name: '適用', exact: true }).click();
    await expect(page.getByText('Deployment web を更新しました')).toBeVisible();
    const stored = await kubectlJson<{ metadata: { labels: Record<string, string> } }>(cluster, [
      'get',
      'deployment',
      'web',
      '-n',
      namespace,
    ]);
    expect(stored.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
  });

  test('imports two documents: one is created, one in a foreign namespace is refused', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(`/c/${clusterId}/p/${projectId}/import-yaml`);
    await expect(page.getByRole('heading', { name: 'YAML をインポート', exact: true })).toBeVisible();
    await page.getByRole('textbox', { name: /^YAML/ }).fill(`apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
data:
  currency: JPY
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
  namespace: default
data:
  currency: JPY
`);
    await expect(page.getByText('ドキュメント数: 2')).toBeVisible();
    await page.getByRole('button', { name: 'インポート', exact: true }).click();
    const results = page.getByRole('table', { name: 'ドキュメントごとの結果' });
    const created = results.getByRole('row').filter({ hasText: namespace });
    await expect(created.getByText('作成済み')).toBeVisible();
    const refused = results.getByRole('row').filter({ hasText: 'default' });
    await expect(refused.getByText('拒否')).toBeVisible();
    await expect(refused.getByText('名前空間 default はこのプロジェクトに属していません。')).toBeVisible();
    await saveScreenshot(page, testInfo, 'import-yaml-ja');

    const configMap = await kubectlJson<{ data: Record<string, string> }>(cluster, [
      'get',
      'configmap',
      'shop-settings',
      '-n',
      namespace,
    ]);
    expect(configMap.data).toEqual({ currency: 'JPY' });
    await expect(cluster.kubectl(['get', 'configmap', 'shop-settings', '-n', 'default'])).rejects.toThrow();
  });
});
