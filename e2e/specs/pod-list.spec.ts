import { type Cluster, startCluster } from '@bokujo/testenv';
import type { Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { api, createProject, importCluster } from '../support/bokujo-api.ts';
import { kubectlJson } from '../support/kubectl.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One cluster with 300 pods in two namespaces, one of them in a project; the page is read against
// what kubectl says.
test.describe.configure({ mode: 'serial' });

const inProject = 'herd-a';
const outside = 'herd-b';
const podCount = 300;
const podName = (index: number) => `cow-${String(index).padStart(4, '0')}`;
let cluster: Cluster;
let clusterId = '';
let projectId = '';

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await startCluster({ name: `e2e-pod-list-${process.pid}` });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await cluster?.stop();
});

/** A bare pod through Bokujo's passthrough, scheduled on a kwok node like any other. */
async function createPod(page: Page, namespace: string, name: string) {
  await api(page, 'POST', `/k8s/clusters/${clusterId}/api/v1/namespaces/${namespace}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'cow' } },
    spec: { containers: [{ name: 'grass', image: 'registry.example/ranch/grass:1' }] },
  });
}

const allPods = async () =>
  (await kubectlJson<{ items: unknown[] }>(cluster, ['get', 'pods', '--all-namespaces'])).items.length;

test('imports the cluster and puts 300 pods in it', async ({ page }) => {
  test.setTimeout(300_000);
  await logInAsAdmin(page);
  clusterId = await importCluster(page, cluster, 'pod-list-ranch');
  projectId = await createProject(page, clusterId, 'Herd', inProject);
  await cluster.kubectl(['create', 'namespace', outside]);
  const names = Array.from({ length: podCount }, (_, index) => podName(index + 1));
  for (let start = 0; start < names.length; start += 25) {
    await Promise.all(
      names
        .slice(start, start + 25)
        .map((name, offset) => createPod(page, start + offset < 200 ? inProject : outside, name)),
    );
  }
  await expect.poll(allPods, { timeout: 60_000 }).toBeGreaterThanOrEqual(podCount);
});

test('lists, sorts, filters and scrolls through the pods', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page);
  await page.goto(`/c/${clusterId}/pods`);
  const table = page.getByRole('table', { name: 'Pods' });
  const total = await allPods();
  await expect(page.getByText(`Total: ${total}`)).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
  // Only what is on screen is in the page.
  expect(await table.getByRole('row').count()).toBeLessThan(80);
  await expect(table.getByRole('link', { name: podName(1), exact: true })).toBeVisible();
  await saveScreenshot(page, testInfo, 'pod-list-en');

  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(table.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(table.getByRole('row').nth(1)).toContainText(podName(300));
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(table.getByRole('row').nth(1)).toContainText(podName(1));

  // To the end of the list: the last pod by name shows, its row numbered as the last of all.
  await table.locator('xpath=..').evaluate((scroller: { scrollTop: number; scrollHeight: number }) => {
    scroller.scrollTop = scroller.scrollHeight;
  });
  const last = table.getByRole('row').filter({ hasText: podName(300) });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', String(total + 1));

  await page.getByRole('searchbox', { name: 'Name', exact: true }).fill('cow-02');
  await expect(page).toHaveURL(/name=cow-02/);
  await expect(page.getByText('Total: 100')).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText(podName(200));

  await page.getByRole('searchbox', { name: 'Name', exact: true }).fill('');
  await page.getByRole('main').getByLabel('Project').click();
  await page.getByRole('option', { name: 'Herd' }).click();
  await expect(page).toHaveURL(new RegExp(`project=${projectId}`));
  await expect(page.getByText('Total: 200')).toBeVisible();
  await expect(table.getByRole('link', { name: podName(1), exact: true })).toHaveAttribute(
    'href',
    `/c/${clusterId}/p/${projectId}/pods/${inProject}/${podName(1)}`,
  );
});

test('shows a new pod and drops a deleted one without a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page);
  await page.goto(`/c/${clusterId}/pods?project=${projectId}&name=cow-00`);
  const table = page.getByRole('table', { name: 'Pods' });
  await expect(page.getByText('Total: 99')).toBeVisible();

  await createPod(page, inProject, 'cow-0000');
  await expect(page.getByText('Total: 100')).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('cow-0000');

  await cluster.kubectl(['delete', 'pod', podName(2), '-n', inProject, '--grace-period=0', '--force']);
  await expect(page.getByText('Total: 99')).toBeVisible();
  await expect(table.getByRole('link', { name: podName(2), exact: true })).toHaveCount(0);
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('reads in Japanese', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(`/c/${clusterId}/pods?project=${projectId}`);
    await expect(page.getByRole('table', { name: 'Pod' })).toBeVisible();
    await expect(page.getByText(/^合計 \d+ 件$/)).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '名前空間' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'pod-list-ja');
  });
});
