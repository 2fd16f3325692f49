import { AppsV1Api, CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSharedTestApp, login, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import { adminKubeconfigText, startTestCluster } from '../../../../test/testenv-clusters.ts';

let cluster: TestCluster;
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let clusterId: string;
let core: CoreV1Api;
let apps: AppsV1Api;

const deployment = (name: string, containerName = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          { name: containerName, image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `${name}-data` } }],
      },
    },
  },
});

const claim = (name: string, storageClassName = 'ontap-gold') => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '1Gi' } } },
});

const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
});

function deploy(session: BrowserSession, namespace: string, payload: unknown) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/clusters/${clusterId}/namespaces/${namespace}/workloads`,
    headers: session.headers,
    payload: payload as Record<string, unknown>,
  });
}

async function claimNames(namespace: string) {
  const list = await core.listNamespacedPersistentVolumeClaim({ namespace });
  return list.items.filter((item) => !item.metadata?.deletionTimestamp).map((item) => item.metadata!.name!);
}

/** A namespace where only one claim fits, with the quota's usage already counted by the controller. */
async function namespaceWithRoomForOneClaim(namespace: string) {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await core.createNamespacedResourceQuota({
    namespace,
    body: { metadata: { name: 'one-claim' }, spec: { hard: { persistentvolumeclaims: '1' } } },
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const quota = await core.readNamespacedResourceQuota({ namespace, name: 'one-claim' });
    if (quota.status?.hard?.['persistentvolumeclaims']) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`quota in ${namespace} was never counted`);
}

beforeAll(async () => {
  cluster = await startTestCluster('workloads');
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
  const imported = await app.inject({
    method: 'POST',
    url: '/api/v1/clusters/import',
    headers: admin.headers,
    payload: { name: 'workloads', kubeconfig: adminKubeconfigText(cluster) },
  });
  clusterId = imported.json<{ id: string }>().id;
  await core.createNamespace({ body: { metadata: { name: 'shop' } } });
}, 300_000);

afterAll(async () => {
  await closeApp?.();
  await cluster?.stop();
});

describe('deploying a workload with new volume claims', () => {
  it('creates the claims, the workload and its Service together', async () => {
    const response = await deploy(admin, 'shop', {
      workload: deployment('web'),
      volumeClaims: [claim('web-data')],
      services: [service('web')],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      workload: { kind: 'Deployment', name: 'web' },
      volumeClaims: [{ kind: 'PersistentVolumeClaim', name: 'web-data' }],
      services: [{ kind: 'Service', name: 'web' }],
    });
    expect((await apps.readNamespacedDeployment({ namespace: 'shop', name: 'web' })).metadata?.uid).toBe(
      response.json<{ workload: { uid: string } }>().workload.uid,
    );
    expect(await claimNames('shop')).toContain('web-data');
    expect((await core.readNamespacedService({ namespace: 'shop', name: 'web' })).spec?.ports?.[0]?.port).toBe(80);
  });

  it('names the invalid field of the workload and creates no claim for it', async () => {
    const response = await deploy(admin, 'shop', {
      workload: deployment('bad', 'Not_A_Name'),
      volumeClaims: [claim('bad-data')],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: '/body/workload/spec/template/spec/containers/0/name' }],
    });
    expect(await claimNames('shop')).not.toContain('bad-data');
  });

  it('reports a name already taken as a conflict on that name, and leaves nothing behind', async () => {
    const response = await deploy(admin, 'shop', { workload: deployment('web'), volumeClaims: [claim('web-data-2')] });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      details: [{ field: '/body/workload/metadata/name', reason: 'already exists' }],
    });
    expect(await claimNames('shop')).not.toContain('web-data-2');
  });

  it('refuses a request that contradicts itself before calling the cluster', async () => {
    const response = await deploy(admin, 'shop', {
      workload: { ...deployment('twice'), apiVersion: 'batch/v1', metadata: { name: 'twice', namespace: 'elsewhere' } },
      volumeClaims: [claim('same'), claim('same')],
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json<{ details: { field: string }[] }>()
        .details.map((detail) => detail.field)
        .sort(),
    ).toEqual(['/body/volumeClaims/1/metadata/name', '/body/workload/apiVersion', '/body/workload/metadata/namespace']);
    const pod = await deploy(admin, 'shop', { workload: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } });
    expect(pod.statusCode).toBe(400);
    expect(pod.json<{ details: { field: string }[] }>().details).toContainEqual(
      expect.objectContaining({ field: '/body/workload/kind' }),
    );
  });

  it('removes the claims it created when the cluster refuses a later one', async () => {
    // Each claim passes the dry run alone; together they exceed the quota, so the second create fails.
    await namespaceWithRoomForOneClaim('tight');
    const response = await deploy(admin, 'tight', {
      workload: deployment('db'),
      volumeClaims: [claim('db-data'), claim('db-logs')],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ message: string }>().message).toMatch(/exceeded quota.*removed again/s);
    expect(await claimNames('tight')).toEqual([]);
    await expect(apps.readNamespacedDeployment({ namespace: 'tight', name: 'db' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('names what it could not remove instead of hiding it', async () => {
    await namespaceWithRoomForOneClaim('no-delete');
    await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        username: 'deployer',
        password: 'rolling-out-carefully',
        globalRoles: ['user'],
        mustChangePassword: false,
      },
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/clusters/${clusterId}/members`,
      headers: admin.headers,
      payload: { subjectKind: 'user', subject: 'deployer', roleTemplateId: 'cluster-member' },
    });
    await app.rbac.reconcileNow(clusterId);
    // May create claims and Deployments in this namespace, but not delete claims.
    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'no-delete',
      body: {
        metadata: { name: 'create-only' },
        rules: [
          { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'create'] },
          { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'create'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'no-delete',
      body: {
        metadata: { name: 'deployer-create-only' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'create-only' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:deployer' }],
      },
    });
    const deployer = (await login(app, 'deployer', 'rolling-out-carefully')).session!;

    const response = await deploy(deployer, 'no-delete', {
      workload: deployment('cache'),
      volumeClaims: [claim('cache-data'), claim('cache-spill')],
    });
    expect(response.statusCode).toBe(403);
    const body = response.json<{ message: string; details: { field: string; reason: string }[] }>();
    expect(body.message).toContain('could not remove what it had created for it (PersistentVolumeClaim cache-data)');
    expect(body.details).toEqual([
      {
        field: '/body/volumeClaims/0',
        reason: expect.stringContaining('was created but could not be removed') as unknown,
      },
    ]);
    expect(await claimNames('no-delete')).toEqual(['cache-data']);
  });
});

describe('changing a workload', () => {
  const update = (session: BrowserSession, name: string, payload: unknown) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/clusters/${clusterId}/namespaces/shop/workloads/Deployment/${name}`,
      headers: session.headers,
      payload: payload as Record<string, unknown>,
    });

  it('adds a new claim and mounts it in the same step', async () => {
    const current = await apps.readNamespacedDeployment({ namespace: 'shop', name: 'web' });
    const changed = deployment('web');
    changed.spec.template.spec.containers[0]!.volumeMounts.push({ name: 'logs', mountPath: '/logs' });
    changed.spec.template.spec.volumes.push({ name: 'logs', persistentVolumeClaim: { claimName: 'web-logs' } });
    const response = await update(admin, 'web', {
      workload: { ...changed, metadata: { name: 'web', resourceVersion: current.metadata?.resourceVersion } },
      volumeClaims: [claim('web-logs')],
    });
    expect(response.statusCode).toBe(200);
    expect(await claimNames('shop')).toContain('web-logs');
    const after = await apps.readNamespacedDeployment({ namespace: 'shop', name: 'web' });
    expect(after.spec?.template.spec?.volumes?.map((volume) => volume.name)).toEqual(['data', 'logs']);
    expect(after.metadata?.uid).toBe(current.metadata?.uid);
  });

  it('reports a change made meanwhile as a conflict and removes the claim it created for the edit', async () => {
    const stale = deployment('web');
    const response = await update(admin, 'web', {
      workload: { ...stale, metadata: { name: 'web', resourceVersion: '1' } },
      volumeClaims: [claim('web-cache')],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ message: string }>().message).toContain('update Deployment web in shop');
    expect(await claimNames('shop')).not.toContain('web-cache');
    expect(await claimNames('shop')).toContain('web-logs');
  });

  it('refuses to rename or change the kind through an edit', async () => {
    const renamed = await update(admin, 'web', { workload: deployment('web-2') });
    expect(renamed.json()).toMatchObject({ details: [{ field: '/body/workload/metadata/name' }] });
    const kindChanged = await update(admin, 'web', {
      workload: { ...deployment('web'), apiVersion: 'apps/v1', kind: 'StatefulSet' },
    });
    expect(kindChanged.json()).toMatchObject({ details: [{ field: '/body/workload/kind' }] });
  });
});
