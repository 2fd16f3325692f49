import type { ResourceCachesReport, ResourceList } from '@bokujo/shared';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSharedTestApp, login, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import { adminKubeconfigText, startTestCluster } from '../../../../test/testenv-clusters.ts';

let cluster: TestCluster;
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let viewer: BrowserSession;
let clusterId: string;
const projects: Record<string, string> = {};

const pods: [namespace: string, name: string, app: string][] = [
  ['team-a-ns', 'web-1', 'web'],
  ['team-a-ns', 'web-2', 'web'],
  ['team-a-ns', 'db-1', 'db'],
  ['team-b-ns', 'web-3', 'web'],
];

async function call(session: BrowserSession, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  return app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
}

function list(session: BrowserSession, query = '', resource = 'pods') {
  return call(session, 'GET', `/api/v1/clusters/${clusterId}/resources/${resource}${query ? `?${query}` : ''}`);
}

function podNames(response: { json: () => unknown }) {
  return (response.json() as ResourceList).items.map((row) => `${row.namespace}/${row.name}`);
}

async function eventually(check: () => Promise<void>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

beforeAll(async () => {
  cluster = await startTestCluster('resources');
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
  const imported = await call(admin, 'POST', '/api/v1/clusters/import', {
    name: 'resources',
    kubeconfig: adminKubeconfigText(cluster),
  });
  expect(imported.statusCode).toBe(201);
  clusterId = imported.json<{ id: string }>().id;
  for (const name of ['team-a', 'team-b']) {
    const project = await call(admin, 'POST', `/api/v1/clusters/${clusterId}/projects`, { name });
    projects[name] = project.json<{ id: string }>().id;
    const created = await call(admin, 'POST', `/api/v1/projects/${projects[name]}/namespaces`, { name: `${name}-ns` });
    expect(created.statusCode).toBe(201);
  }
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  for (const [namespace, name, label] of pods) {
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name, labels: { app: label } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      },
    });
  }
  const user = await call(admin, 'POST', '/api/v1/users', {
    username: 'viewer',
    password: 'a-long-enough-password',
    globalRoles: ['user-base'],
    mustChangePassword: false,
  });
  expect(user.statusCode).toBe(201);
  const member = await call(admin, 'POST', `/api/v1/projects/${projects['team-a']}/members`, {
    subjectKind: 'user',
    subject: 'viewer',
    roleTemplateId: 'read-only',
  });
  expect(member.statusCode).toBe(201);
  await app.rbac.reconcileNow(clusterId);
  viewer = (await login(app, 'viewer', 'a-long-enough-password')).session!;
}, 300_000);

afterAll(async () => {
  await closeApp?.();
  await cluster?.stop();
});

describe('the cached pods list', () => {
  it('filters by namespace, name, label and state, sorts and pages', async () => {
    await eventually(async () => {
      const all = await list(admin, 'namespace=team-a-ns&state=Running');
      expect(all.statusCode).toBe(200);
      expect(podNames(all)).toEqual(['team-a-ns/db-1', 'team-a-ns/web-1', 'team-a-ns/web-2']);
    });
    expect(podNames(await list(admin, 'name=WEB&sort=-name'))).toEqual([
      'team-b-ns/web-3',
      'team-a-ns/web-2',
      'team-a-ns/web-1',
    ]);
    expect(podNames(await list(admin, `label=${encodeURIComponent('app in (db),!missing')}`))).toEqual([
      'team-a-ns/db-1',
    ]);
    expect(podNames(await list(admin, `project=${projects['team-b']}`))).toEqual(['team-b-ns/web-3']);
    const page = await list(admin, 'name=web&offset=1&limit=1');
    expect(page.json()).toMatchObject({ total: 3, offset: 1, limit: 1, items: [{ name: 'web-2' }] });
    expect(page.json<ResourceList>().resourceVersion).toMatch(/^\d+$/);
    const row = (await list(admin, 'name=web-1')).json<ResourceList>().items[0];
    expect(row).toMatchObject({
      namespace: 'team-a-ns',
      labels: { app: 'web' },
      state: 'Running',
      cells: { ready: '1/1', restarts: 0, owner: null },
    });
    expect(row?.cells['node']).toEqual(expect.any(String));
  });

  it('lists the other kinds from the same kind of cache', async () => {
    const namespaces = await list(admin, `project=${projects['team-a']}`, 'namespaces');
    expect(namespaces.json<ResourceList>().items.map((row) => [row.name, row.cells['project']])).toEqual([
      ['team-a-ns', projects['team-a']],
    ]);
    const nodes = await list(admin, '', 'nodes');
    expect(nodes.json<ResourceList>().total).toBeGreaterThan(0);
  });

  it('refuses bad input, naming the field, and unknown clusters', async () => {
    const bad = await list(admin, `label=${encodeURIComponent('app in (web')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '/querystring/label' }] });
    expect(bad.json<{ message: string }>().message).toContain('position');
    const kind = await call(admin, 'GET', `/api/v1/clusters/${clusterId}/resources/secrets`);
    expect(kind.statusCode).toBe(400);
    expect(kind.json<{ details: { field: string }[] }>().details[0]?.field).toContain('resource');
    const limit = await list(admin, 'limit=501');
    expect(limit.statusCode).toBe(400);
    const unknown = await call(admin, 'GET', '/api/v1/clusters/c-000000000000/resources/pods');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('a read-only project member', () => {
  it('sees only their project’s pods and is refused anything wider', async () => {
    const own = await list(viewer, `project=${projects['team-a']}`);
    expect(own.statusCode).toBe(200);
    expect(podNames(own)).toEqual(['team-a-ns/db-1', 'team-a-ns/web-1', 'team-a-ns/web-2']);
    expect(podNames(await list(viewer, 'namespace=team-a-ns&name=web'))).toEqual([
      'team-a-ns/web-1',
      'team-a-ns/web-2',
    ]);

    const wide = await list(viewer);
    expect(wide.statusCode).toBe(403);
    expect(wide.json<{ message: string }>().message).toContain('whole cluster');
    const other = await list(viewer, `project=${projects['team-b']}`);
    expect(other.statusCode).toBe(403);
    expect(other.json<{ message: string }>().message).toContain(projects['team-b']);
    expect((await list(viewer, 'namespace=team-b-ns')).statusCode).toBe(403);
    expect((await list(viewer, '', 'nodes')).statusCode).toBe(403);
  });

  it('may not read the cache statistics, which the administrator can', async () => {
    expect((await call(viewer, 'GET', '/api/v1/system/caches')).statusCode).toBe(403);
    const stats = await call(admin, 'GET', '/api/v1/system/caches');
    expect(stats.statusCode).toBe(200);
    const report = stats.json<ResourceCachesReport>();
    const podsCache = report.caches.find((cache) => cache.clusterId === clusterId && cache.resource === 'pods');
    expect(podsCache).toMatchObject({ state: 'synced', upstreamWatches: 1, relists: 0 });
    expect(podsCache?.rows).toBeGreaterThanOrEqual(pods.length);
    expect(report.memory.rss).toBeGreaterThan(0);
  });
});

describe('the caches of a cluster', () => {
  const cachesOf = async () => {
    const stats = await call(admin, 'GET', '/api/v1/system/caches');
    return stats.json<ResourceCachesReport>().caches.filter((cache) => cache.clusterId === clusterId);
  };

  it('stop when nobody has asked for a while, and start again on demand', async () => {
    expect((await cachesOf()).map((cache) => cache.resource)).toContain('pods');
    app.resourceCache.caches.idleMs = 300;
    try {
      await expect.poll(cachesOf, { timeout: 5_000 }).toEqual([]);
    } finally {
      app.resourceCache.caches.idleMs = 5 * 60_000;
    }
    expect(podNames(await list(admin, 'namespace=team-b-ns'))).toEqual(['team-b-ns/web-3']);
    expect((await cachesOf()).map((cache) => cache.resource)).toEqual(['pods']);
  });

  it('stop when the cluster is removed from Bokujo', async () => {
    expect(await cachesOf()).not.toEqual([]);
    const removed = await call(admin, 'DELETE', `/api/v1/clusters/${clusterId}`);
    expect(removed.statusCode).toBe(200);
    expect(await cachesOf()).toEqual([]);
    expect((await list(admin)).statusCode).toBe(404);
  });
});
