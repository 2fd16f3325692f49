import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSharedTestApp, login, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import { adminKubeconfigText, startTestCluster } from '../../../../test/testenv-clusters.ts';

let cluster: TestCluster;
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let clusterId: string;
const projects: Record<string, string> = {};

const password = 'a-long-enough-password';

function deployment(name: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  };
}

async function call(
  session: BrowserSession | { authorization: string },
  method: string,
  url: string,
  payload?: unknown,
) {
  const headers = 'headers' in session ? session.headers : session;
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** A user with the given global role, signed in, with a bearer token for kubectl-like calls. */
async function newUser(username: string, globalRoles = ['user']) {
  const created = await call(admin, 'POST', '/api/v1/users', {
    username,
    password,
    globalRoles,
    mustChangePassword: false,
  });
  expect(created.statusCode).toBe(201);
  const { session } = await login(app, username, password);
  const token = await call(session!, 'POST', '/api/v1/tokens', { name: 'kubectl' });
  return {
    id: created.json<{ id: string }>().id,
    session: session!,
    bearer: { authorization: `Bearer ${token.json<{ secret: string }>().secret}` },
  };
}

async function createDeployment(bearer: { authorization: string }, namespace: string, name: string) {
  return call(
    bearer,
    'POST',
    `/k8s/clusters/${clusterId}/apis/apps/v1/namespaces/${namespace}/deployments`,
    deployment(name),
  );
}

beforeAll(async () => {
  cluster = await startTestCluster('access');
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
  const imported = await call(admin, 'POST', '/api/v1/clusters/import', {
    name: 'access',
    kubeconfig: adminKubeconfigText(cluster),
  });
  expect(imported.statusCode).toBe(201);
  clusterId = imported.json<{ id: string }>().id;
  for (const name of ['team-a', 'team-b']) {
    const project = await call(admin, 'POST', `/api/v1/clusters/${clusterId}/projects`, { name });
    projects[name] = project.json<{ id: string }>().id;
    const namespace = await call(admin, 'POST', `/api/v1/projects/${projects[name]}/namespaces`, {
      name: `${name}-ns`,
    });
    expect(namespace.statusCode).toBe(201);
  }
}, 300_000);

afterAll(async () => {
  await closeApp?.();
  await cluster?.stop();
});

describe('projects at import', () => {
  it('creates Default and System and labels their namespaces', async () => {
    const listed = await call(admin, 'GET', `/api/v1/clusters/${clusterId}/projects`);
    expect(listed.json<{ items: { name: string; kind: string }[] }>().items.map((p) => [p.name, p.kind])).toEqual([
      ['Default', 'default'],
      ['System', 'system'],
      ['team-a', 'user'],
      ['team-b', 'user'],
    ]);
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const system = listed.json<{ items: { id: string; name: string }[] }>().items.find((p) => p.name === 'System')!;
    const kubeSystem = await core.readNamespace({ name: 'kube-system' });
    expect(kubeSystem.metadata?.labels?.['bokujo.io/project']).toBe(system.id);
  });
});

describe('a Project Member', () => {
  it('deploys in their project, gets Kubernetes’ 403 elsewhere, and sees only their project', async () => {
    const dev = await newUser('dev');
    const added = await call(admin, 'POST', `/api/v1/projects/${projects['team-a']}/members`, {
      subjectKind: 'user',
      subject: 'dev',
      roleTemplateId: 'project-member',
    });
    expect(added.statusCode).toBe(201);
    await app.rbac.reconcileNow(clusterId);

    const created = await createDeployment(dev.bearer, 'team-a-ns', 'web');
    expect(created.statusCode).toBe(201);
    const denied = await createDeployment(dev.bearer, 'team-b-ns', 'web');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });

    const clusters = await call(dev.session, 'GET', '/api/v1/clusters');
    expect(clusters.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([clusterId]);
    const visible = await call(dev.session, 'GET', `/api/v1/clusters/${clusterId}/projects`);
    expect(visible.json<{ items: { name: string }[] }>().items.map((p) => p.name)).toEqual(['team-a']);
    expect((await call(dev.session, 'GET', `/api/v1/projects/${projects['team-b']}`)).statusCode).toBe(404);
  });

  it('cannot grant themselves Owner nor pull another project’s namespace into theirs', async () => {
    const { session } = await login(app, 'dev', password);
    const self = await call(session!, 'POST', `/api/v1/projects/${projects['team-a']}/members`, {
      subjectKind: 'user',
      subject: 'dev',
      roleTemplateId: 'project-owner',
    });
    expect(self.statusCode).toBe(403);
    const moved = await call(session!, 'PUT', `/api/v1/clusters/${clusterId}/namespaces/team-b-ns/project`, {
      projectId: projects['team-a'],
    });
    expect([403, 404]).toContain(moved.statusCode);
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    expect((await core.readNamespace({ name: 'team-b-ns' })).metadata?.labels?.['bokujo.io/project']).toBe(
      projects['team-b'],
    );
  });

  it('gets bindings in a namespace labelled into the project with kubectl, within seconds', async () => {
    const { session } = await login(app, 'dev', password);
    const token = await call(session!, 'POST', '/api/v1/tokens', { name: 'later' });
    const bearer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespace({
      body: { metadata: { name: 'late-ns', labels: { 'bokujo.io/project': projects['team-a']! } } },
    });
    await vi.waitFor(async () => expect((await createDeployment(bearer, 'late-ns', 'late')).statusCode).toBe(201), {
      timeout: 15_000,
      interval: 500,
    });
  });

  it('has a binding deleted by hand repaired, and loses access within seconds when removed', async () => {
    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const bindings = await rbac.listNamespacedRoleBinding({
      namespace: 'team-a-ns',
      labelSelector: 'bokujo.io/rbac=true',
    });
    expect(bindings.items.length).toBeGreaterThan(0);
    const name = bindings.items[0]!.metadata!.name!;
    await rbac.deleteNamespacedRoleBinding({ name, namespace: 'team-a-ns' });
    await vi.waitFor(
      async () =>
        expect((await rbac.readNamespacedRoleBinding({ name, namespace: 'team-a-ns' })).metadata?.name).toBe(name),
      {
        timeout: 15_000,
        interval: 500,
      },
    );

    const members = await call(admin, 'GET', `/api/v1/projects/${projects['team-a']}/members`);
    const member = members
      .json<{ items: { id: string; subjectName: string }[] }>()
      .items.find((m) => m.subjectName === 'dev')!;
    expect(
      (await call(admin, 'DELETE', `/api/v1/projects/${projects['team-a']}/members/${member.id}`)).statusCode,
    ).toBe(204);
    const { session } = await login(app, 'dev', password);
    const token = await call(session!, 'POST', '/api/v1/tokens', { name: 'after' });
    const bearer = { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };
    await vi.waitFor(
      async () => expect((await createDeployment(bearer, 'team-a-ns', 'gone')).statusCode).not.toBe(201),
      {
        timeout: 15_000,
        interval: 500,
      },
    );
  });
});

describe('Read-only', () => {
  it('lists but cannot create', async () => {
    const viewer = await newUser('viewer');
    await call(admin, 'POST', `/api/v1/projects/${projects['team-b']}/members`, {
      subjectKind: 'user',
      subject: viewer.id,
      roleTemplateId: 'read-only',
    });
    await app.rbac.reconcileNow(clusterId);
    const listed = await call(
      viewer.bearer,
      'GET',
      `/k8s/clusters/${clusterId}/apis/apps/v1/namespaces/team-b-ns/deployments`,
    );
    expect(listed.statusCode).toBe(200);
    expect((await createDeployment(viewer.bearer, 'team-b-ns', 'nope')).statusCode).toBe(403);
  });
});

describe('project quota', () => {
  it('gives each namespace the default and refuses one the project total has no room for', async () => {
    const created = await call(admin, 'POST', `/api/v1/clusters/${clusterId}/projects`, {
      name: 'metered',
      resourceQuota: { 'requests.cpu': '2', pods: '20' },
      namespaceDefaultQuota: { 'requests.cpu': '1', pods: '10' },
    });
    const projectId = created.json<{ id: string }>().id;
    for (const name of ['metered-1', 'metered-2']) {
      expect((await call(admin, 'POST', `/api/v1/projects/${projectId}/namespaces`, { name })).statusCode).toBe(201);
    }
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const quota = await core.readNamespacedResourceQuota({ name: 'bokujo-project-default', namespace: 'metered-1' });
    expect(quota.spec?.hard).toEqual({ 'requests.cpu': '1', pods: '10' });
    const third = await call(admin, 'POST', `/api/v1/projects/${projectId}/namespaces`, { name: 'metered-3' });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ message: expect.stringContaining('requests.cpu') as unknown });
    await expect(core.readNamespace({ name: 'metered-3' })).rejects.toMatchObject({ code: 404 });
  });

  it('names a malformed quantity', async () => {
    const response = await call(admin, 'POST', `/api/v1/clusters/${clusterId}/projects`, {
      name: 'bad-quota',
      resourceQuota: { 'requests.cpu': 'lots' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      details: [{ field: expect.stringContaining('/body/resourceQuota') as unknown }],
    });
  });
});

describe('users administration', () => {
  it('stops a disabled user’s session and token at once', async () => {
    const temp = await newUser('temp');
    expect((await call(temp.bearer, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const disabled = await call(admin, 'PATCH', `/api/v1/users/${temp.id}`, { enabled: false });
    expect(disabled.json()).toMatchObject({ enabled: false });
    expect((await call(temp.session, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await call(temp.bearer, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login(app, 'temp', password)).response.statusCode).toBe(401);
  });

  it('refuses a Standard User changing an Administrator, and anyone removing the last Administrator', async () => {
    const standard = await newUser('standard');
    const adminId = (await call(admin, 'GET', '/api/v1/me')).json<{ id: string }>().id;
    expect(
      (await call(standard.session, 'PUT', `/api/v1/users/${adminId}/password`, { newPassword: 'hijacked-password-1' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(standard.session, 'PATCH', `/api/v1/users/${standard.id}`, { globalRoles: ['admin'] })).statusCode,
    ).toBe(403);
    const demote = await call(admin, 'PATCH', `/api/v1/users/${adminId}`, { globalRoles: ['user'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ message: expect.stringContaining('last Administrator') as unknown });
    expect((await call(admin, 'PATCH', `/api/v1/users/${adminId}`, { enabled: false })).statusCode).toBe(409);
    expect((await call(admin, 'DELETE', `/api/v1/users/${adminId}`)).statusCode).toBe(409);
  });

  it('names the bad fields of a new user and refuses a taken username', async () => {
    const bad = await call(admin, 'POST', '/api/v1/users', {
      username: 'Bad Name',
      password: 'short',
      globalRoles: ['nope'],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ details: { field: string }[] }>().details.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/username', '/body/password']));
    const unknownRole = await call(admin, 'POST', '/api/v1/users', { username: 'x1', password, globalRoles: ['nope'] });
    expect(unknownRole.json()).toMatchObject({ details: [{ field: '/body/globalRoles' }] });
    const taken = await call(admin, 'POST', '/api/v1/users', { username: 'dev', password, globalRoles: ['user'] });
    expect(taken.statusCode).toBe(409);
  });
});

describe('audit log', () => {
  it('records logins, imports, member and user changes without secrets, filterable', async () => {
    const all = await call(admin, 'GET', '/api/v1/audit?limit=1000');
    const actions = new Set(all.json<{ items: { action: string }[] }>().items.map((entry) => entry.action));
    for (const action of [
      'login',
      'cluster.import',
      'project-member.add',
      'project-member.remove',
      'user.create',
      'user.update',
      'token.create',
    ]) {
      expect(actions).toContain(action);
    }
    expect(all.body).not.toContain(password);
    expect(all.body).not.toContain('bokujo_');
    const failures = await call(admin, 'GET', '/api/v1/audit?action=login&outcome=failure');
    expect(failures.json<{ items: { actorName: string }[] }>().items.map((entry) => entry.actorName)).toContain('temp');
    const standard = await login(app, 'standard', password);
    expect((await call(standard.session!, 'GET', '/api/v1/audit')).statusCode).toBe(403);
  });
});
