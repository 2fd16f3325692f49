import { type Cluster, startCluster } from '@bokujo/testenv';
import type { Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { api, createProject, importCluster } from '../support/bokujo-api.ts';
import { kubectlJson } from '../support/kubectl.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// The seed's chapter 4 through the UI: deploy with a new claim from the volume-claim dialog, a
// StatefulSet with claim templates, and a refused deploy that leaves nothing behind.
test.describe.configure({ mode: 'serial' });

const namespace = 'shop';
let cluster: Cluster;
let clusterId = '';
let projectId = '';

interface Claim {
  metadata: { name: string };
  spec: { storageClassName?: string; resources: { requests: { storage: string } } };
  status?: { phase?: string };
}

const claimsIn = async () => (await kubectlJson<{ items: Claim[] }>(cluster, ['get', 'pvc', '-n', namespace])).items;

async function claimPhase(name: string) {
  return (await claimsIn()).find((claim) => claim.metadata.name === name)?.status?.phase;
}

async function volumesOf(claimNames: string[]) {
  const claims = await kubectlJson<{ items: (Claim & { spec: { volumeName?: string } })[] }>(cluster, [
    'get',
    'pvc',
    '-n',
    namespace,
  ]);
  return claimNames.map((name) => claims.items.find((claim) => claim.metadata.name === name)?.spec.volumeName);
}

const deployPage = () => `/c/${clusterId}/p/${projectId}/workloads/new`;

async function choose(page: Page, scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await startCluster({ name: `e2e-deploy-${process.pid}` });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await cluster?.stop();
});

test('imports the cluster, makes ontap-gold the default class and a project to deploy into', async ({ page }) => {
  test.setTimeout(120_000);
  await logInAsAdmin(page);
  clusterId = await importCluster(page, cluster, 'deploy-ranch');
  projectId = await createProject(page, clusterId, 'Shop', namespace);
  await api(page, 'PUT', `/api/v1/clusters/${clusterId}/storage-classes/ontap-gold/default`, { default: true });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('deploys a Deployment with a new 10 GiB ontap-gold claim mounted at /data', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(deployPage());
    await expect(page.getByRole('heading', { name: 'Deploy workload' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('web');
    await page.getByRole('textbox', { name: /Container image/ }).fill('nginx:1.27');
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.getByRole('menuitem', { name: 'Add a new persistent volume (claim)' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('web-data');
    // The cluster's default class is chosen for the person.
    await expect(dialog.getByRole('combobox', { name: 'StorageClass' })).toHaveValue('ontap-gold (default)');
    await dialog.getByRole('textbox', { name: 'Capacity' }).fill('10');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('textbox', { name: /Mount point/ }).fill('/data');
    await expect(page.getByLabel('YAML preview')).toContainText('claimName: web-data');
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect(page).toHaveURL(new RegExp(`/p/${projectId}/workloads$`));

    await expect.poll(() => claimPhase('web-data'), { timeout: 60_000 }).toBe('Bound');
    const claim = (await claimsIn()).find((item) => item.metadata.name === 'web-data');
    expect(claim?.spec).toMatchObject({ storageClassName: 'ontap-gold', resources: { requests: { storage: '10Gi' } } });
    const deployment = await kubectlJson<{
      spec: { template: { spec: { containers: { volumeMounts: { mountPath: string }[] }[] } } };
    }>(cluster, ['get', 'deployment', 'web', '-n', namespace]);
    expect(deployment.spec.template.spec.containers[0]?.volumeMounts[0]?.mountPath).toBe('/data');
    await expect
      .poll(
        async () =>
          (
            await kubectlJson<{ items: { status: { phase: string } }[] }>(cluster, [
              'get',
              'pods',
              '-n',
              namespace,
              '-l',
              'bokujo.io/workload=web',
            ])
          ).items.map((pod) => pod.status.phase),
        { timeout: 60_000 },
      )
      .toEqual(['Running']);

    // From the list to its pod: the shell runs a command in it, the log shows its output.
    await page.getByRole('link', { name: 'web', exact: true }).click();
    await page.getByRole('link', { name: /^web-/ }).first().click();
    await page.getByRole('tab', { name: 'Shell' }).click();
    const terminal = page.getByRole('group', { name: 'Terminal in web' });
    await expect(page.getByText('Connected to web (/bin/sh).')).toBeVisible();
    await terminal.click();
    await page.keyboard.type('echo data-$((40+2))');
    await page.keyboard.press('Enter');
    await expect(terminal.locator('.xterm-rows')).toContainText('data-42');
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect(page.getByRole('log', { name: 'Log of web' })).toContainText('listening on :8080');
  });

  test('clones the Deployment’s claim into a new one that binds with the same data', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(`/c/${clusterId}/p/${projectId}/volume-claims/new`);
    await expect(page.getByRole('heading', { name: 'Create volume claim' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('web-data-copy');
    await choose(page, page, 'Clone of', 'web-data');
    await page.getByRole('textbox', { name: 'Capacity' }).fill('10');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => claimPhase('web-data-copy'), { timeout: 60_000 }).toBe('Bound');
    const copy = await kubectlJson<{ spec: { dataSource?: { kind: string; name: string } } }>(cluster, [
      'get',
      'pvc',
      'web-data-copy',
      '-n',
      namespace,
    ]);
    expect(copy.spec.dataSource).toMatchObject({ kind: 'PersistentVolumeClaim', name: 'web-data' });
  });

  test('deploys a 3-replica StatefulSet whose claim template gives each pod a bound solidfire-gold claim', async ({
    page,
  }) => {
    await logInAsAdmin(page);
    await page.goto(deployPage());
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('mongo');
    await choose(page, page, 'Workload type', 'StatefulSet');
    await page.getByRole('textbox', { name: /Container image/ }).fill('mongo:7.0');
    await page.getByRole('textbox', { name: 'Replicas' }).fill('3');
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.getByRole('menuitem', { name: 'Add a new persistent volume (claim)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('data');
    await choose(page, dialog, 'StorageClass', 'solidfire-gold');
    await dialog.getByRole('textbox', { name: 'Capacity' }).fill('1');
    // Many-node read/write on the block backend would never bind: the dialog says so before it is tried.
    await dialog.getByRole('checkbox', { name: /ReadWriteMany/ }).check();
    await expect(dialog.getByRole('status')).toContainText('RWX will fail to provision');
    await dialog.getByRole('checkbox', { name: /ReadWriteMany/ }).uncheck();
    await expect(dialog.getByRole('status')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('textbox', { name: /Mount point/ }).fill('/data/db');
    await expect(page.getByLabel('YAML preview')).toContainText('volumeClaimTemplates');
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect(page).toHaveURL(new RegExp(`/p/${projectId}/workloads$`));

    const names = ['data-mongo-0', 'data-mongo-1', 'data-mongo-2'];
    await expect
      .poll(async () => Promise.all(names.map((name) => claimPhase(name))), { timeout: 120_000 })
      .toEqual(['Bound', 'Bound', 'Bound']);

    // Pods come and go; each new pod gets the same claim and so the same volume.
    const volumesBefore = await volumesOf(names);
    await cluster.kubectl(['delete', 'pods', '-n', namespace, '-l', 'bokujo.io/workload=mongo', '--wait=false']);
    await expect
      .poll(
        async () =>
          (
            await kubectlJson<{ items: { metadata: { deletionTimestamp?: string }; status: { phase: string } }[] }>(
              cluster,
              ['get', 'pods', '-n', namespace, '-l', 'bokujo.io/workload=mongo'],
            )
          ).items
            .filter((pod) => !pod.metadata.deletionTimestamp)
            .map((pod) => pod.status.phase),
        { timeout: 120_000 },
      )
      .toEqual(['Running', 'Running', 'Running']);
    expect(await volumesOf(names)).toEqual(volumesBefore);
  });

  test('a deploy the cluster refuses shows why and leaves no claim behind', async ({ page }) => {
    await cluster.kubectl(['create', 'quota', 'one-deployment', '-n', namespace, '--hard=count/deployments.apps=1']);
    await expect
      .poll(async () => {
        const quota = await kubectlJson<{ status?: { used?: Record<string, string> } }>(cluster, [
          'get',
          'quota',
          'one-deployment',
          '-n',
          namespace,
        ]);
        return quota.status?.used?.['count/deployments.apps'];
      })
      .toBe('1');
    await logInAsAdmin(page);
    await page.goto(deployPage());
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('api');
    await page.getByRole('textbox', { name: /Container image/ }).fill('registry.example.com/shop/api:2.1');
    await page.getByRole('button', { name: 'Add volume' }).click();
    await page.getByRole('menuitem', { name: 'Add a new persistent volume (claim)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('api-data');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('textbox', { name: /Mount point/ }).fill('/var/lib/api');
    await page.getByRole('button', { name: 'Launch' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The workload was not deployed' });
    await expect(alert).toContainText('exceeded quota');
    expect((await claimsIn()).map((claim) => claim.metadata.name)).not.toContain('api-data');
    await cluster.kubectl(['delete', 'quota', 'one-deployment', '-n', namespace]);
  });
});

test('a person who may only read the project is refused by Kubernetes, and no claim is left', async ({
  page,
  browser,
  baseURL,
}) => {
  await logInAsAdmin(page);
  const password = 'look but never touch';
  await api(page, 'POST', '/api/v1/users', {
    username: 'onlooker',
    password,
    globalRoles: ['user'],
    mustChangePassword: false,
  });
  await api(page, 'POST', `/api/v1/projects/${projectId}/members`, {
    subjectKind: 'user',
    subject: 'onlooker',
    roleTemplateId: 'read-only',
  });
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const onlooker = await context.newPage();
  const login = await onlooker.request.post('/api/v1/auth/login', { data: { username: 'onlooker', password } });
  expect(login.ok()).toBe(true);
  await onlooker.goto(deployPage());
  await onlooker.getByRole('textbox', { name: 'Name', exact: true }).fill('sneaky');
  await onlooker.getByRole('textbox', { name: /Container image/ }).fill('nginx:1.27');
  await onlooker.getByRole('button', { name: 'Add volume' }).click();
  await onlooker.getByRole('menuitem', { name: 'Add a new persistent volume (claim)' }).click();
  const dialog = onlooker.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('sneaky-data');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await onlooker.getByRole('textbox', { name: /Mount point/ }).fill('/data');
  await onlooker.getByRole('button', { name: 'Launch' }).click();
  const alert = onlooker.getByRole('alert').filter({ hasText: 'The workload was not deployed' });
  await expect(alert).toContainText('onlooker may not create PersistentVolumeClaim sneaky-data');
  expect((await claimsIn()).map((claim) => claim.metadata.name)).not.toContain('sneaky-data');
  await context.close();
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('ワークロードをデプロイ with 「新しい永続ボリューム(要求)を作成」', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(deployPage());
    await expect(page.getByRole('heading', { name: 'ワークロードをデプロイ' })).toBeVisible();
    await page.getByRole('textbox', { name: '名前', exact: true }).fill('web-ja');
    await page.getByRole('textbox', { name: /コンテナイメージ/ }).fill('nginx:1.27');
    await page.getByRole('button', { name: 'ポートを追加' }).click();
    await page.getByRole('textbox', { name: /コンテナポート/ }).fill('80');
    await page.getByRole('button', { name: 'ボリュームを追加' }).click();
    await page.getByRole('menuitem', { name: '新しい永続ボリューム(要求)を作成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '名前' }).fill('web-ja-data');
    await expect(dialog.getByRole('combobox', { name: 'ストレージクラス' })).toHaveValue('ontap-gold (デフォルト)');
    await saveScreenshot(page, testInfo, 'ja-deploy-claim-dialog');
    await dialog.getByRole('button', { name: '追加', exact: true }).click();
    await page.getByRole('textbox', { name: /マウントポイント/ }).fill('/data');
    await saveScreenshot(page, testInfo, 'ja-deploy-workload');
    await page.getByRole('button', { name: '起動' }).click();
    await expect(page).toHaveURL(new RegExp(`/p/${projectId}/workloads$`));
    await expect.poll(() => claimPhase('web-ja-data'), { timeout: 60_000 }).toBe('Bound');
    const service = await kubectlJson<{ spec: { ports: { port: number }[] } }>(cluster, [
      'get',
      'service',
      'web-ja',
      '-n',
      namespace,
    ]);
    expect(service.spec.ports[0]?.port).toBe(80);
  });
});
