import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, startCluster } from '@bokujo/testenv';
import type { Page } from '@playwright/test';
import { logInAsAdmin } from '../support/accounts.ts';
import { createProject, importCluster } from '../support/bokujo-api.ts';
import { expect, test } from '../support/fixtures.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// One story in order: deploy through Kubernetes, then look, scale, pause and delete through Bokujo.
test.describe.configure({ mode: 'serial' });

const namespace = 'ranch-apps';
let cluster: Cluster;
let clusterId = '';
let projectId = '';

interface ClaimJson {
  metadata: { name: string };
  spec: { volumeName?: string };
  status?: { phase?: string };
}
interface PodJson {
  metadata: { name: string; uid: string; deletionTimestamp?: string };
  status?: { phase?: string };
}

async function kubectlJson<T>(...args: string[]): Promise<T> {
  const { stdout } = await cluster.kubectl([...args, '-n', namespace, '-o', 'json']);
  return JSON.parse(stdout) as T;
}

/** Applies objects with the cluster's own kubectl, as an operator would outside Bokujo. */
async function apply(objects: unknown[]) {
  const file = join(tmpdir(), `workloads-e2e-${process.pid}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  await cluster.kubectl(['apply', '-f', file]);
}

const workloadsPage = () => `/c/${clusterId}/p/${projectId}/workloads`;
const rowOf = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await startCluster({ name: `e2e-workloads-${process.pid}`, nodes: 3 });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await cluster?.stop();
});

test('imports the cluster, makes a project and deploys into it', async ({ page }) => {
  test.setTimeout(180_000);
  await logInAsAdmin(page);
  clusterId = await importCluster(page, cluster, 'ranch');
  projectId = await createProject(page, clusterId, 'ranch', namespace);

  await apply([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.27' }],
            volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'web-uploads' } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'web-uploads', namespace },
      spec: {
        storageClassName: 'solidfire-gold',
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    },
    {
      // As the deploy form makes it: labelled so that deleting the workload removes it too.
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-http', namespace, labels: { 'bokujo.io/workload': 'web' } },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace },
      spec: {
        serviceName: 'db',
        replicas: 3,
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:17' }] } },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              storageClassName: 'solidfire-gold',
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '10Gi' } },
            },
          },
        ],
      },
    },
  ]);
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });

  test('lists both workloads with their ready counts', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(workloadsPage());
    // The first visit loads the page's chunk while the machine is busy with the clusters beside it.
    await expect(page.getByRole('heading', { name: 'ワークロード', exact: true })).toBeVisible({ timeout: 60_000 });
    const web = rowOf(page, 'web');
    const db = rowOf(page, 'db');
    await expect(web.getByText('1/1')).toBeVisible({ timeout: 60_000 });
    await expect(db.getByText('3/3')).toBeVisible({ timeout: 60_000 });
    await expect(db.getByText('アクティブ')).toBeVisible();
    await expect(db.getByText('StatefulSet')).toBeVisible();
    await expect(web.getByText('nginx:1.27')).toBeVisible();
    await saveScreenshot(page, testInfo, 'workloads-list-ja');
  });

  test('shows the StatefulSet’s three pods and three Bound claims', async ({ page }, testInfo) => {
    await logInAsAdmin(page);
    await page.goto(workloadsPage());
    await page.getByRole('link', { name: 'db', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'db', exact: true })).toBeVisible();
    const pods = page.getByRole('region', { name: 'Pod', exact: true });
    for (const ordinal of [0, 1, 2]) await expect(pods.getByRole('link', { name: `db-${ordinal}` })).toBeVisible();
    await expect(pods.getByText('Running')).toHaveCount(3, { timeout: 30_000 });
    const claims = page.getByRole('region', { name: '永続ボリューム要求' });
    await expect(claims.getByText('Bound')).toHaveCount(3, { timeout: 60_000 });
    await expect(claims.getByText('solidfire-gold')).toHaveCount(3);
    await expect(page.getByRole('region', { name: 'ロールアウト履歴' }).getByText('postgres:17')).toBeVisible();
    await saveScreenshot(page, testInfo, 'workload-detail-ja');
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/London' });

  test('keeps each replica’s claim bound to the same volume when all pods are deleted', async ({ page }) => {
    test.setTimeout(180_000);
    const volumesBefore = new Map(
      (await kubectlJson<{ items: ClaimJson[] }>('get', 'pvc')).items
        .filter((claim) => claim.metadata.name.startsWith('data-db-'))
        .map((claim) => [claim.metadata.name, claim.spec.volumeName]),
    );
    expect(volumesBefore.size).toBe(3);
    const uidsBefore = new Set(
      (await kubectlJson<{ items: PodJson[] }>('get', 'pods', '-l', 'app=db')).items.map((pod) => pod.metadata.uid),
    );
    await cluster.kubectl(['delete', 'pods', '-l', 'app=db', '-n', namespace, '--wait=false']);

    await logInAsAdmin(page);
    await page.goto(`/c/${clusterId}/p/${projectId}/workloads/${namespace}/StatefulSet/db`);
    await expect
      .poll(
        async () => {
          const pods = (await kubectlJson<{ items: PodJson[] }>('get', 'pods', '-l', 'app=db')).items;
          return pods.filter(
            (pod) =>
              pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp && !uidsBefore.has(pod.metadata.uid),
          ).length;
        },
        { timeout: 120_000 },
      )
      .toBe(3);
    const pods = page.getByRole('region', { name: 'Pods', exact: true });
    await expect(pods.getByText('Running')).toHaveCount(3, { timeout: 30_000 });
    for (const claim of (await kubectlJson<{ items: ClaimJson[] }>('get', 'pvc')).items) {
      if (!volumesBefore.has(claim.metadata.name)) continue;
      expect(claim.status?.phase).toBe('Bound');
      expect(claim.spec.volumeName).toBe(volumesBefore.get(claim.metadata.name));
    }
    await expect(page.getByRole('region', { name: 'Persistent volume claims' }).getByText('Bound')).toHaveCount(3);
  });

  test('scales the Deployment up and pauses and resumes its rollouts', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(workloadsPage());
    const web = rowOf(page, 'web');
    await expect(web.getByText('1/1')).toBeVisible({ timeout: 60_000 });

    await web.getByRole('button', { name: 'Actions for web' }).click();
    await page.getByRole('menuitem', { name: /Scale up \(1 → 2\)/ }).click();
    await expect(web.getByText('2/2')).toBeVisible({ timeout: 60_000 });

    await web.getByRole('button', { name: 'Actions for web' }).click();
    await page.getByRole('menuitem', { name: 'Pause rollouts' }).click();
    await expect(web.getByText('Paused')).toBeVisible();
    const paused = await kubectlJson<{ spec: { paused?: boolean } }>('get', 'deployment', 'web');
    expect(paused.spec.paused).toBe(true);

    await web.getByRole('button', { name: 'Actions for web' }).click();
    await page.getByRole('menuitem', { name: 'Resume rollouts' }).click();
    await expect(web.getByText('Active')).toBeVisible();
  });

  test('deletes the Deployment with its generated Service and keeps its claim', async ({ page }) => {
    await logInAsAdmin(page);
    await page.goto(workloadsPage());
    const web = rowOf(page, 'web');
    await web.getByRole('button', { name: 'Actions for web' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete Deployment web' });
    await expect(dialog.getByText('web-http')).toBeVisible();
    await expect(dialog.getByText('Its volume claim is kept, with its data:')).toBeVisible();
    await expect(dialog.getByText('web-uploads')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: /Also delete its volume claims/ })).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: 'web', exact: true })).toHaveCount(0, { timeout: 30_000 });
    const services = await kubectlJson<{ items: unknown[] }>('get', 'services', '-l', 'bokujo.io/workload=web');
    expect(services.items).toEqual([]);
    const claim = await kubectlJson<ClaimJson>('get', 'pvc', 'web-uploads');
    expect(claim.status?.phase).toBe('Bound');
  });
});
