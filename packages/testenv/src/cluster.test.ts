import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  StorageV1Api,
  VersionApi,
  type V1PersistentVolumeClaim,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.ts';
import { sampleLogLines } from './kwok-config.ts';
import { annotations, blockProvisioner, fileProvisioner } from './storage-backends.ts';
import { eventually, statusOf } from './test-support.ts';

let cluster: Cluster;
let core: CoreV1Api;
let apps: AppsV1Api;
let storage: StorageV1Api;
let rbac: RbacAuthorizationV1Api;

beforeAll(async () => {
  cluster = await startCluster({ name: `vt-main-${process.pid}`, nodes: 2 });
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
  storage = cluster.kubeConfig.makeApiClient(StorageV1Api);
  rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
});

afterAll(async () => {
  await cluster?.stop();
});

async function createNamespace(name: string): Promise<void> {
  await core.createNamespace({ body: { metadata: { name } } });
  // The ServiceAccount admission plugin rejects pods until the controller-manager creates `default`.
  await eventually(`default ServiceAccount in ${name}`, () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: name }),
  );
}

function claim(
  namespace: string,
  name: string,
  spec: V1PersistentVolumeClaim['spec'],
  extra: Record<string, string> = {},
): V1PersistentVolumeClaim {
  return { metadata: { name, namespace, annotations: extra }, spec };
}

async function bound(namespace: string, name: string): Promise<V1PersistentVolumeClaim> {
  return eventually(`PVC ${namespace}/${name} Bound`, async () => {
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name, namespace });
    return pvc.status?.phase === 'Bound' ? pvc : undefined;
  });
}

describe('control plane', () => {
  it('serves the version stamped at build time and is reachable through the admin kubeconfig file', async () => {
    const version = await cluster.kubeConfig.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toBe(cluster.versions.kubernetes);
    expect(version.gitVersion).toMatch(/^v1\.3[67]\.\d+$/);
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const fromFile = new KubeConfig();
    fromFile.loadFromFile(cluster.kubeconfigPath);
    expect(fromFile.getCurrentCluster()?.server).toBe(cluster.server);
    // Credentials are embedded, so the file can be uploaded or copied anywhere.
    expect(readFileSync(cluster.kubeconfigPath, 'utf8')).toContain('client-certificate-data');
  });

  it('runs a Deployment whose pods reach Running on the kwok nodes', async () => {
    await createNamespace('workloads');
    await apps.createNamespacedDeployment({
      namespace: 'workloads',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    const pods = await eventually('3 Running web pods', async () => {
      const list = await core.listNamespacedPod({ namespace: 'workloads', labelSelector: 'app=web' });
      const running = list.items.filter((pod) => pod.status?.phase === 'Running');
      return running.length === 3 ? running : undefined;
    });
    for (const pod of pods) {
      expect(pod.spec?.nodeName).toMatch(/^kwok-node-[12]$/);
      expect(pod.status?.podIP).toMatch(/^10\.244\./);
    }
    const deployment = await eventually('Deployment available', async () => {
      const current = await apps.readNamespacedDeployment({ name: 'web', namespace: 'workloads' });
      return current.status?.availableReplicas === 3 ? current : undefined;
    });
    expect(deployment.status?.readyReplicas).toBe(3);
  });

  it('serves exec and logs for pods through kwok', async () => {
    const pod = await eventually('a Running web pod', async () => {
      const list = await core.listNamespacedPod({ namespace: 'workloads', labelSelector: 'app=web' });
      return list.items.find((item) => item.status?.phase === 'Running')?.metadata?.name;
    });
    const exec = await cluster.kubectl(['exec', '-n', 'workloads', pod, '--', 'echo', 'hello from exec']);
    expect(exec.stdout.trim()).toBe('hello from exec');
    // Commands run on this host, but in the cluster's scratch folder.
    const pwd = await cluster.kubectl(['exec', '-n', 'workloads', pod, '--', 'pwd']);
    expect(pwd.stdout.trim()).toBe(join(cluster.dir, 'kwok', 'exec'));

    const logs = await cluster.kubectl(['logs', '-n', 'workloads', pod]);
    expect(logs.stdout.trim().split('\n')).toEqual(sampleLogLines);
    const tail = await core.readNamespacedPodLog({ name: pod, namespace: 'workloads', tailLines: 2 });
    expect(tail.trim().split('\n')).toEqual(sampleLogLines.slice(-2));
  });
});

describe('storage', () => {
  beforeAll(async () => {
    await createNamespace('storage');
  });

  it('binds a claim of each class to a PV of the requested size', async () => {
    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'storage',
      body: claim('storage', 'files', {
        storageClassName: 'ontap-gold',
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '3Gi' } },
      }),
    });
    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'storage',
      body: claim('storage', 'blocks', {
        storageClassName: 'solidfire-gold',
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Block',
        resources: { requests: { storage: '7Gi' } },
      }),
    });

    const files = await bound('storage', 'files');
    const filesPv = await core.readPersistentVolume({ name: files.spec?.volumeName ?? '' });
    expect(filesPv.metadata?.name).toBe(`pvc-${files.metadata?.uid}`);
    expect(filesPv.spec?.capacity?.storage).toBe('3Gi');
    expect(files.status?.capacity?.storage).toBe('3Gi');
    expect(filesPv.spec?.accessModes).toEqual(['ReadWriteMany']);
    expect(filesPv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(filesPv.spec?.claimRef).toMatchObject({ namespace: 'storage', name: 'files', uid: files.metadata?.uid });
    expect(filesPv.metadata?.annotations?.[annotations.provisionedBy]).toBe(fileProvisioner);

    const blocks = await bound('storage', 'blocks');
    const blocksPv = await core.readPersistentVolume({ name: blocks.spec?.volumeName ?? '' });
    expect(blocksPv.spec?.capacity?.storage).toBe('7Gi');
    expect(blocksPv.spec?.volumeMode).toBe('Block');
    expect(blocksPv.spec?.storageClassName).toBe('solidfire-gold');
    expect(blocksPv.metadata?.annotations).toMatchObject({
      [annotations.provisionedBy]: blockProvisioner,
      [annotations.qosType]: 'Gold',
      [annotations.maxIops]: '8000',
    });
  });

  it('clones a bound claim named in spec.dataSource or in the Trident annotation, data included', async () => {
    const files = await bound('storage', 'files');
    const sourcePv = await core.readPersistentVolume({ name: files.spec?.volumeName ?? '' });
    const sourceDir = sourcePv.spec?.hostPath?.path ?? '';
    writeFileSync(join(sourceDir, 'dump.sql'), 'CREATE TABLE t (id int);\n');

    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'storage',
      body: claim('storage', 'files-clone', {
        storageClassName: 'ontap-gold',
        accessModes: ['ReadWriteOnce'],
        dataSource: { kind: 'PersistentVolumeClaim', name: 'files' },
        resources: { requests: { storage: '3Gi' } },
      }),
    });
    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'storage',
      body: claim(
        'storage',
        'files-trident-clone',
        { storageClassName: 'ontap-gold', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
        { [annotations.cloneFromPvc]: 'files' },
      ),
    });
    for (const name of ['files-clone', 'files-trident-clone']) {
      const clone = await bound('storage', name);
      const pv = await core.readPersistentVolume({ name: clone.spec?.volumeName ?? '' });
      expect(pv.metadata?.annotations?.[annotations.clonedFrom]).toBe('storage/files');
      expect(readFileSync(join(pv.spec?.hostPath?.path ?? '', 'dump.sql'), 'utf8')).toBe('CREATE TABLE t (id int);\n');
    }
  });

  it('refuses ReadWriteMany on the block class with a ProvisioningFailed event', async () => {
    await core.createNamespacedPersistentVolumeClaim({
      namespace: 'storage',
      body: claim('storage', 'shared-blocks', {
        storageClassName: 'solidfire-gold',
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '1Gi' } },
      }),
    });
    const event = await eventually('ProvisioningFailed event', async () => {
      const events = await core.listNamespacedEvent({
        namespace: 'storage',
        fieldSelector:
          'involvedObject.kind=PersistentVolumeClaim,involvedObject.name=shared-blocks,reason=ProvisioningFailed',
      });
      return events.items[0];
    });
    expect(event.type).toBe('Warning');
    expect(event.message).toContain('cannot serve access mode ReadWriteMany');
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name: 'shared-blocks', namespace: 'storage' });
    expect(pvc.status?.phase).toBe('Pending');
    expect(pvc.spec?.volumeName).toBeFalsy();
  });

  it('deletes the PV and its data when a claim with the Delete policy goes away', async () => {
    const blocks = await bound('storage', 'blocks');
    const pv = await core.readPersistentVolume({ name: blocks.spec?.volumeName ?? '' });
    const dataDir = pv.spec?.hostPath?.path ?? '';
    expect(existsSync(dataDir)).toBe(true);
    await core.deleteNamespacedPersistentVolumeClaim({ name: 'blocks', namespace: 'storage' });
    await eventually(
      'released PV deleted',
      async () => (await statusOf(core.readPersistentVolume({ name: pv.metadata?.name ?? '' }))) === 404,
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('gives each StatefulSet replica its own bound claim and keeps it across pod restarts', async () => {
    await apps.createNamespacedStatefulSet({
      namespace: 'storage',
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 3,
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'db', image: 'postgres:17' }] },
          },
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
    });
    const runningPods = async (): Promise<Map<string, string> | undefined> => {
      const list = await core.listNamespacedPod({ namespace: 'storage', labelSelector: 'app=db' });
      const running = list.items.filter((pod) => pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp);
      return running.length === 3
        ? new Map(running.map((pod) => [pod.metadata?.name ?? '', pod.metadata?.uid ?? '']))
        : undefined;
    };
    const firstPods = await eventually('3 Running db pods', runningPods);
    expect([...firstPods.keys()].sort()).toEqual(['db-0', 'db-1', 'db-2']);
    const volumes = new Map<string, string>();
    for (const ordinal of [0, 1, 2]) {
      const pvc = await bound('storage', `data-db-${ordinal}`);
      expect(pvc.spec?.resources?.requests?.storage).toBe('10Gi');
      volumes.set(`data-db-${ordinal}`, pvc.spec?.volumeName ?? '');
    }

    await core.deleteCollectionNamespacedPod({ namespace: 'storage', labelSelector: 'app=db' });
    const secondPods = await eventually('3 recreated db pods', async () => {
      const pods = await runningPods();
      return pods && [...pods].every(([name, uid]) => firstPods.get(name) !== uid) ? pods : undefined;
    });
    expect(secondPods.size).toBe(3);
    for (const [name, volumeName] of volumes) {
      const pvc = await core.readNamespacedPersistentVolumeClaim({ name, namespace: 'storage' });
      expect(pvc.status?.phase).toBe('Bound');
      expect(pvc.spec?.volumeName).toBe(volumeName);
    }
  });

  it('assigns a newly marked default class to claims that name none', async () => {
    const markDefault = (value: string): Promise<unknown> =>
      storage.patchStorageClass(
        { name: 'ontap-gold', body: { metadata: { annotations: { [annotations.defaultClass]: value } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    await markDefault('true');
    try {
      const created = await core.createNamespacedPersistentVolumeClaim({
        namespace: 'storage',
        body: claim('storage', 'unclassed', {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '2Gi' } },
        }),
      });
      // DefaultStorageClass admission fills the class in on create.
      expect(created.spec?.storageClassName).toBe('ontap-gold');
      const pvc = await bound('storage', 'unclassed');
      const pv = await core.readPersistentVolume({ name: pvc.spec?.volumeName ?? '' });
      expect(pv.metadata?.annotations?.[annotations.provisionedBy]).toBe(fileProvisioner);
    } finally {
      await markDefault('false');
    }
  });
});

describe('RBAC', () => {
  beforeAll(async () => {
    await createNamespace('rbac');
  });

  it('denies an unbound identity through impersonation and allows it after a RoleBinding', async () => {
    const asCarol = setHeaderOptions('Impersonate-User', 'carol');
    expect(await statusOf(core.listNamespacedPod({ namespace: 'rbac' }, asCarol))).toBe(403);
    await rbac.createNamespacedRoleBinding({
      namespace: 'rbac',
      body: {
        metadata: { name: 'carol-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'carol' }],
      },
    });
    await eventually(
      'carol allowed',
      async () => (await statusOf(core.listNamespacedPod({ namespace: 'rbac' }, asCarol))) === undefined,
    );
    // The binding is namespaced: other namespaces stay closed.
    expect(await statusOf(core.listNamespacedPod({ namespace: 'default' }, asCarol))).toBe(403);
  });

  it('authenticates identities by client certificate and by token, with their groups', async () => {
    const alice = cluster.identities.alice?.kubeConfig.makeApiClient(CoreV1Api);
    expect(alice).toBeDefined();
    expect(await statusOf(alice!.listNamespacedPod({ namespace: 'rbac' }))).toBe(403);
    await rbac.createNamespacedRoleBinding({
      namespace: 'rbac',
      body: {
        metadata: { name: 'developers-edit' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:developers' }],
      },
    });
    await eventually(
      'alice allowed through her group',
      async () => (await statusOf(alice!.listNamespacedPod({ namespace: 'rbac' }))) === undefined,
    );

    const bob = cluster.identities.bob;
    expect(bob).toBeDefined();
    const bobConfig = new KubeConfig();
    bobConfig.loadFromOptions({
      clusters: [{ name: 'c', server: cluster.server, caData: cluster.kubeConfig.getCurrentCluster()?.caData }],
      users: [{ name: 'bob', token: bob!.token }],
      contexts: [{ name: 'c', cluster: 'c', user: 'bob' }],
      currentContext: 'c',
    });
    const bobCore = bobConfig.makeApiClient(CoreV1Api);
    // bob's group is bound to `view` at start: he can read everywhere but change nothing.
    expect(await statusOf(bobCore.listNamespacedPod({ namespace: 'workloads' }))).toBeUndefined();
    expect(
      await statusOf(
        bobCore.createNamespacedConfigMap({ namespace: 'workloads', body: { metadata: { name: 'nope' } } }),
      ),
    ).toBe(403);
  });
});
