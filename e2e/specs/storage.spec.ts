import { readFile } from 'node:fs/promises';
import { type Cluster, startCluster } from '@bokujo/testenv';
import type { Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: import a testenv cluster, then manage its storage through the UI only.
test.describe.configure({ mode: 'serial' });

const namespace = 'ranch-data';
let cluster: Cluster;
let clusterId = '';
let projectId = '';

interface StorageClassJson {
  metadata: { name: string; annotations?: Record<string, string> };
}
interface ClaimJson {
  spec: { resources: { requests: { storage: string } } };
  status?: { phase?: string };
}

/** Bokujo's own API as the administrator; writes echo the CSRF cookie, as the SPA does. */
async function api<T>(page: Page, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'bokujo_csrf')?.value ?? '';
  const response = await page.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The default classes as Kubernetes itself sees them, by either annotation. */
async function defaultClasses() {
  const { stdout } = await cluster.kubectl(['get', 'storageclasses', '-o', 'json']);
  return (JSON.parse(stdout) as { items: StorageClassJson[] }).items
    .filter((item) =>
      ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'].some(
        (key) => item.metadata.annotations?.[key] === 'true',
      ),
    )
    .map((item) => item.metadata.name);
}

async function claim(name: string) {
  const { stdout } = await cluster.kubectl(['get', 'pvc', name, '-n', namespace, '-o', 'json']);
  return JSON.parse(stdout) as ClaimJson;
}

const classesPage = () => `/c/${clusterId}/storage/classes`;
const claimsPage = () => `/c/${clusterId}/p/${projectId}/volume-claims`;
const rowOf = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await startCluster({ name: `e2e-storage-${process.pid}` });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await cluster?.stop();
});

test('imports the cluster and makes a project with a namespace', async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page);
  const imported = await api<{ id: string }>(page, 'POST', '/api/v1/clusters/import', {
    name: 'storage-ranch',
    kubeconfig: await readFile(cluster.kubeconfigPath, 'utf8'),
  });
  clusterId = imported.id;
  await expect
    .poll(async () => (await api<{ state: string }>(page, 'GET', `/api/v1/clusters/${clusterId}`)).state, {
      timeout: 60_000,
    })
    .toBe('Active');
  const project = await api<{ id: string }>(page, 'POST', `/api/v1/clusters/${clusterId}/projects`, {
    name: 'Data',
  });
  projectId = project.id;
  await api(page, 'POST', `/api/v1/projects/${projectId}/namespaces`, { name: namespace });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('moves the default from one class to another with exactly one default left', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(classesPage());
    await expect(page.getByRole('heading', { name: 'Storage classes' })).toBeVisible();

    for (const name of ['solidfire-gold', 'ontap-gold']) {
      await page.getByRole('button', { name: `Actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Set as default' }).click();
      await expect(page.getByText(`${name} is now the default StorageClass`)).toBeVisible();
      await expect(rowOf(page, name).getByText('Default', { exact: true })).toBeVisible();
      expect(await defaultClasses()).toEqual([name]);
    }
    await expect(rowOf(page, 'solidfire-gold').getByText('Default', { exact: true })).toHaveCount(0);
  });

  test('creates a StorageClass from the ONTAP NAS preset on testenv’s provisioner', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(classesPage());
    await page.getByRole('link', { name: 'Create StorageClass' }).click();
    await expect(page.getByRole('heading', { name: 'Create StorageClass' })).toBeVisible();

    await page.getByRole('textbox', { name: 'Name' }).fill('ontap-e2e');
    await page.getByRole('combobox', { name: 'Provisioner' }).fill('bokujo.test/ontap-nas');
    await page.keyboard.press('Escape');
    await page.getByRole('switch', { name: /Allow volume expansion/ }).click();
    await expect(page.getByTestId('yaml-preview')).toContainText('provisioner: bokujo.test/ontap-nas');
    await expect(page.getByTestId('yaml-preview')).toContainText('backendType: ontap-nas');
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`${classesPage()}$`));
    const row = rowOf(page, 'ontap-e2e');
    await expect(row.getByText('bokujo.test/ontap-nas')).toBeVisible();
    await expect(row.getByText('Active')).toBeVisible();
  });

  test('claims a volume in the project, sees it Bound, expands and deletes it', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await logInAsAdmin(page);
    await page.goto(claimsPage());
    await expect(page.getByRole('heading', { name: 'Volume claims' })).toBeVisible();
    await page.getByRole('link', { name: 'Create volume claim' }).click();

    await page.getByRole('textbox', { name: 'Name' }).fill('data-e2e');
    // The project's only namespace is chosen already; the default class is offered first.
    await expect(page.getByRole('combobox', { name: 'StorageClass' })).toHaveValue('ontap-gold (default)');
    await choose(page, 'StorageClass', 'ontap-e2e');
    await page.getByRole('textbox', { name: 'Capacity' }).fill('2');
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`${claimsPage()}$`));
    const row = rowOf(page, 'data-e2e');
    await expect(row.getByText('Bound', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText('2 GiB')).toBeVisible();
    await saveScreenshot(page, testInfo, 'volume-claims-en');

    await page.getByRole('button', { name: 'Actions for data-e2e' }).click();
    await page.getByRole('menuitem', { name: 'Expand' }).click();
    const expand = page.getByRole('dialog', { name: 'Expand volume claim data-e2e' });
    await expand.getByRole('textbox', { name: 'New size' }).fill('3');
    await expand.getByRole('button', { name: 'Expand' }).click();
    await expect(expand).toBeHidden();
    await expect.poll(async () => (await claim('data-e2e')).spec.resources.requests.storage).toBe('3Gi');

    await page.getByRole('button', { name: 'Actions for data-e2e' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete volume claim data-e2e' });
    await expect(remove.getByText(/The claim data-e2e in the namespace ranch-data will be deleted/)).toBeVisible();
    await remove.getByRole('button', { name: 'Delete' }).click();
    await expect(remove).toBeHidden();
    await expect(rowOf(page, 'data-e2e')).toHaveCount(0, { timeout: 30_000 });
  });
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('sets the default, creates a class and a claim, with a screenshot of every storage page', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await logInAsAdmin(page);
    await page.goto(classesPage());
    await expect(page.getByRole('heading', { name: 'ストレージクラス' })).toBeVisible();
    await page.getByRole('button', { name: 'solidfire-gold の操作' }).click();
    await page.getByRole('menuitem', { name: 'デフォルトに設定' }).click();
    await expect(page.getByText('solidfire-gold をデフォルトのストレージクラスに設定しました')).toBeVisible();
    expect(await defaultClasses()).toEqual(['solidfire-gold']);
    await saveScreenshot(page, testInfo, 'storage-classes-ja');
    await page.getByRole('button', { name: 'ontap-gold の操作' }).click();
    await expect(page.getByRole('menuitem', { name: 'デフォルトに設定' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'storage-classes-menu-ja');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'ストレージクラスを作成' }).click();
    await page.getByRole('textbox', { name: '名前' }).fill('solidfire-silver');
    await choose(page, 'プリセット', 'Trident: SolidFire SAN (solidfire-san、ブロック)');
    await page.getByRole('combobox', { name: 'プロビジョナー' }).fill('bokujo.test/solidfire-san');
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'IOPS' }).fill('6000');
    await saveScreenshot(page, testInfo, 'storage-class-create-ja');
    await page.getByRole('button', { name: '作成', exact: true }).click();
    await expect(rowOf(page, 'solidfire-silver').getByText('bokujo.test/solidfire-san')).toBeVisible();

    await page.goto(claimsPage());
    await page.getByRole('link', { name: '永続ボリューム要求を作成' }).click();
    await page.getByRole('textbox', { name: '名前' }).fill('logs-ja');
    await expect(page.getByRole('combobox', { name: 'ストレージクラス' })).toHaveValue('solidfire-gold (デフォルト)');
    await page.getByRole('textbox', { name: '容量' }).fill('0');
    await page.getByRole('button', { name: '作成', exact: true }).click();
    await expect(page.getByText('1 以上の GiB 単位の整数を入力してください。')).toBeVisible();
    await saveScreenshot(page, testInfo, 'volume-claim-create-ja');
    await page.getByRole('textbox', { name: '容量' }).fill('1');
    await page.getByRole('button', { name: '作成', exact: true }).click();

    const row = rowOf(page, 'logs-ja');
    await expect(row.getByText('Bound', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText('アクティブ')).toBeVisible();
    await saveScreenshot(page, testInfo, 'volume-claims-ja');

    // The volume the claim got, as the cluster-wide list shows it.
    await page.goto(`/c/${clusterId}/storage/volumes`);
    await expect(page.getByRole('heading', { name: '永続ボリューム' })).toBeVisible();
    await expect(rowOf(page, `${namespace}/logs-ja`).getByText('Bound', { exact: true })).toBeVisible();
    await saveScreenshot(page, testInfo, 'persistent-volumes-ja');

    await page.goto(claimsPage());
    await page.getByRole('button', { name: 'logs-ja の操作' }).click();
    await page.getByRole('menuitem', { name: '削除' }).click();
    await expect(page.getByRole('dialog', { name: '永続ボリューム要求 logs-ja の削除' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'volume-claim-delete-ja');
    await page.getByRole('dialog').getByRole('button', { name: '削除' }).click();
    await expect(rowOf(page, 'logs-ja')).toHaveCount(0, { timeout: 30_000 });
  });
});
