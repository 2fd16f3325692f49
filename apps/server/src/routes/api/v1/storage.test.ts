import { RbacAuthorizationV1Api, StorageV1Api } from '@kubernetes/client-node';
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
const password = 'storage-tests-password';
const gaKey = 'storageclass.kubernetes.io/is-default-class';
const betaKey = 'storageclass.beta.kubernetes.io/is-default-class';

async function setDefault(session: BrowserSession, name: string, makeDefault = true) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/clusters/${clusterId}/storage-classes/${name}/default`,
    headers: session.headers,
    payload: { default: makeDefault },
  });
}

/** The classes Kubernetes itself considers default, read with the cluster's admin credential. */
async function defaultsInCluster() {
  const storage = cluster.kubeConfig.makeApiClient(StorageV1Api);
  const classes = await storage.listStorageClass();
  return classes.items
    .filter(
      (item) => item.metadata?.annotations?.[gaKey] === 'true' || item.metadata?.annotations?.[betaKey] === 'true',
    )
    .map((item) => item.metadata!.name!)
    .sort();
}

async function annotate(name: string, annotations: Record<string, string | null>) {
  await cluster.kubectl([
    'annotate',
    'storageclass',
    name,
    '--overwrite',
    ...Object.entries(annotations).map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`)),
  ]);
}

async function member(username: string) {
  await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: { username, password, globalRoles: ['user'], mustChangePassword: false },
  });
  await app.inject({
    method: 'POST',
    url: `/api/v1/clusters/${clusterId}/members`,
    headers: admin.headers,
    payload: { subjectKind: 'user', subject: username, roleTemplateId: 'cluster-member' },
  });
  await app.rbac.reconcileNow(clusterId);
  return (await login(app, username, password)).session!;
}

beforeAll(async () => {
  cluster = await startTestCluster('storage');
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
  const imported = await app.inject({
    method: 'POST',
    url: '/api/v1/clusters/import',
    headers: admin.headers,
    payload: { name: 'storage', kubeconfig: adminKubeconfigText(cluster) },
  });
  clusterId = imported.json<{ id: string }>().id;
}, 300_000);

afterAll(async () => {
  await closeApp?.();
  await cluster?.stop();
});

describe('default StorageClass', () => {
  it('leaves exactly one default, with both annotations, whichever is chosen', async () => {
    expect(await defaultsInCluster()).toEqual([]);
    const first = await setDefault(admin, 'solidfire-gold');
    expect(first.json()).toEqual({ defaultClasses: ['solidfire-gold'], changed: ['solidfire-gold'] });
    const second = await setDefault(admin, 'ontap-gold');
    expect(second.json()).toEqual({ defaultClasses: ['ontap-gold'], changed: ['solidfire-gold', 'ontap-gold'] });
    expect(await defaultsInCluster()).toEqual(['ontap-gold']);
    const storage = cluster.kubeConfig.makeApiClient(StorageV1Api);
    const ontap = await storage.readStorageClass({ name: 'ontap-gold' });
    expect(ontap.metadata?.annotations).toMatchObject({ [gaKey]: 'true', [betaKey]: 'true' });
  });

  it('clears a second default made outside Bokujo, by either annotation', async () => {
    await annotate('solidfire-gold', { [betaKey]: 'true' });
    expect(await defaultsInCluster()).toEqual(['ontap-gold', 'solidfire-gold']);
    const response = await setDefault(admin, 'ontap-gold');
    expect(response.json()).toMatchObject({ defaultClasses: ['ontap-gold'], changed: ['solidfire-gold'] });
    expect(await defaultsInCluster()).toEqual(['ontap-gold']);
  });

  it('unsets the default', async () => {
    const response = await setDefault(admin, 'ontap-gold', false);
    expect(response.json()).toEqual({ defaultClasses: [], changed: ['ontap-gold'] });
    expect(await defaultsInCluster()).toEqual([]);
  });

  it('gives Kubernetes’ refusal clearly and changes nothing when the person may not edit classes', async () => {
    await setDefault(admin, 'solidfire-gold');
    const viewer = await member('storage-viewer');
    const response = await setDefault(viewer, 'ontap-gold');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('storage-viewer may not change StorageClass solidfire-gold') as unknown,
    });
    expect(await defaultsInCluster()).toEqual(['solidfire-gold']);
  });

  it('puts the old default back when the new one cannot be marked', async () => {
    const partial = await member('storage-partial');
    // May edit solidfire-gold only: clearing it works, marking ontap-gold is refused.
    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'patch-solidfire' },
        rules: [
          {
            apiGroups: ['storage.k8s.io'],
            resources: ['storageclasses'],
            resourceNames: ['solidfire-gold'],
            verbs: ['get', 'patch'],
          },
        ],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: 'patch-solidfire' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'patch-solidfire' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:storage-partial' }],
      },
    });
    const response = await setDefault(partial, 'ontap-gold');
    expect(response.statusCode).toBe(403);
    expect(await defaultsInCluster()).toEqual(['solidfire-gold']);
  });

  it('answers 404 for a class that does not exist and 400 for a malformed name', async () => {
    expect((await setDefault(admin, 'no-such-class')).statusCode).toBe(404);
    const malformed = await setDefault(admin, 'Bad_Name');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ details: [{ field: '/params/name' }] });
  });

  it('records the change in the audit log', async () => {
    const audit = await app.inject({ url: '/api/v1/audit?action=storage-class.set-default', headers: admin.headers });
    expect(audit.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
