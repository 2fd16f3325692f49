import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSharedTestApp, sessionFrom, setUpAdmin, type BrowserSession } from './build-test-app.ts';
import { ldapUsers, startLdapTestServer, type LdapTestServer } from './ldap-test-server.ts';
import { oidcUsers, startOidcTestProvider, type OidcTestProvider } from './oidc-test-provider.ts';
import { adminKubeconfigText, startTestCluster } from './testenv-clusters.ts';

/**
 * Roles given to a provider's groups reach Kubernetes: the bindings name the `bokujo:` group
 * subjects Bokujo impersonates, and a person who leaves the group loses access at the next login.
 */
const serverUrl = 'https://bokujo.example.test';
let cluster: TestCluster;
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let idp: OidcTestProvider;
let directory: LdapTestServer;
let clusterId: string;
let teamA: string;

async function call(headers: Record<string, string>, method: string, url: string, payload?: object) {
  return app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

async function bearerFor(session: BrowserSession) {
  const token = await call(session.headers, 'POST', '/api/v1/tokens', { name: 'kubectl' });
  expect(token.statusCode).toBe(201);
  return { authorization: `Bearer ${token.json<{ secret: string }>().secret}` };
}

function createConfigMap(bearer: Record<string, string>, namespace: string, name: string) {
  return call(bearer, 'POST', `/k8s/clusters/${clusterId}/api/v1/namespaces/${namespace}/configmaps`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name },
    data: { from: 'external-login-test' },
  });
}

function flowCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((item) => item.name === 'bokujo_login_flow');
  return `bokujo_login_flow=${cookie?.value ?? ''}`;
}

async function oidcLogin(username: string) {
  const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/idp/start' });
  const callbackUrl = new URL(
    await idp.signIn(start.headers.location as string, username, oidcUsers[username]!.password),
  );
  const done = await app.inject({
    method: 'GET',
    url: callbackUrl.pathname + callbackUrl.search,
    headers: { cookie: flowCookie(start) },
  });
  return sessionFrom(done);
}

async function ldapLogin(username: keyof typeof ldapUsers) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/ldap/corp/login',
    payload: { username, password: ldapUsers[username].password },
  });
  expect(response.statusCode, response.body).toBe(200);
  return sessionFrom(response);
}

beforeAll(async () => {
  [cluster, idp, directory] = await Promise.all([
    startTestCluster('external-groups'),
    startOidcTestProvider({ redirectUris: [`${serverUrl}/api/v1/auth/oidc/idp/callback`] }),
    startLdapTestServer(),
  ]);
  ({ app, close: closeApp } = await buildSharedTestApp());
  admin = await setUpAdmin(app);
  const imported = await call(admin.headers, 'POST', '/api/v1/clusters/import', {
    name: 'external-groups',
    kubeconfig: adminKubeconfigText(cluster),
  });
  expect(imported.statusCode, imported.body).toBe(201);
  clusterId = imported.json<{ id: string }>().id;
  const project = await call(admin.headers, 'POST', `/api/v1/clusters/${clusterId}/projects`, { name: 'team-a' });
  teamA = project.json<{ id: string }>().id;
  const namespace = await call(admin.headers, 'POST', `/api/v1/projects/${teamA}/namespaces`, { name: 'team-a-ns' });
  expect(namespace.statusCode).toBe(201);

  const oidcProvider = await call(admin.headers, 'POST', '/api/v1/auth-providers', {
    id: 'idp',
    kind: 'oidc',
    name: 'Test IdP',
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      caCertificate: idp.caCertificate,
    },
  });
  expect(oidcProvider.statusCode, oidcProvider.body).toBe(201);
  const test = await call(admin.headers, 'POST', '/api/v1/auth-providers/idp/test', {});
  const testCallback = new URL(
    await idp.signIn(test.json<{ redirectUrl: string }>().redirectUrl, 'erin', oidcUsers['erin']!.password),
  );
  await app.inject({
    method: 'GET',
    url: testCallback.pathname + testCallback.search,
    headers: { cookie: flowCookie(test) },
  });

  const ldapProvider = await call(admin.headers, 'POST', '/api/v1/auth-providers', {
    id: 'corp',
    kind: 'ldap',
    name: 'Corp directory',
    ldap: {
      host: directory.host,
      port: directory.ldapsPort,
      security: 'ldaps',
      caCertificate: directory.caCertificate,
      bindDn: directory.bindDn,
      bindPassword: directory.bindPassword,
      userSearchBase: `ou=people,${directory.baseDn}`,
      groupSearchBase: `ou=groups,${directory.baseDn}`,
    },
  });
  expect(ldapProvider.statusCode, ldapProvider.body).toBe(201);
  const ldapTest = await call(admin.headers, 'POST', '/api/v1/auth-providers/corp/test', {
    username: 'carol',
    password: ldapUsers.carol.password,
  });
  expect(ldapTest.statusCode, ldapTest.body).toBe(200);
  const enabled = await call(admin.headers, 'GET', '/api/v1/auth/providers');
  expect(
    enabled
      .json<{ items: { id: string }[] }>()
      .items.map((item) => item.id)
      .sort(),
  ).toEqual(['corp', 'idp']);
}, 300_000);

afterAll(async () => {
  await closeApp?.();
  await Promise.all([cluster?.stop(), idp?.close(), directory?.close()]);
});

describe('an OIDC group granted Project Member', () => {
  it('lets the group’s people act in that project, and Kubernetes refuses them elsewhere', async () => {
    const granted = await call(admin.headers, 'POST', `/api/v1/projects/${teamA}/members`, {
      subjectKind: 'group',
      subject: 'oidc-idp:team-a-devs',
      roleTemplateId: 'project-member',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    await app.rbac.reconcileNow(clusterId);

    const frank = await bearerFor(await oidcLogin('frank'));
    expect((await createConfigMap(frank, 'team-a-ns', 'by-frank')).statusCode).toBe(201);
    const elsewhere = await createConfigMap(frank, 'default', 'by-frank');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    const projects = await call(frank, 'GET', `/api/v1/clusters/${clusterId}/projects`);
    expect(projects.json<{ items: { name: string }[] }>().items.map((item) => item.name)).toEqual(['team-a']);

    // Someone outside the group gets nothing, though they log in through the same provider:
    // Bokujo does not even show them the cluster.
    const grace = await bearerFor(await oidcLogin('grace'));
    expect((await createConfigMap(grace, 'team-a-ns', 'by-grace')).statusCode).toBe(404);
  });
});

describe('an LDAP group granted Cluster Owner', () => {
  it('gives the cluster to the group’s people until they leave the group, from their next login', async () => {
    const granted = await call(admin.headers, 'POST', `/api/v1/clusters/${clusterId}/members`, {
      subjectKind: 'group',
      subject: 'ldap-corp:operators',
      roleTemplateId: 'cluster-owner',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    await app.rbac.reconcileNow(clusterId);

    const bob = await bearerFor(await ldapLogin('bob'));
    expect((await createConfigMap(bob, 'default', 'by-bob')).statusCode).toBe(201);
    expect((await call(bob, 'GET', `/api/v1/clusters/${clusterId}`)).statusCode).toBe(200);

    // The binding names the group subject Bokujo impersonates, not bob.
    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const bindings = await rbac.listClusterRoleBinding({ labelSelector: 'bokujo.io/rbac=true' });
    expect(bindings.items.flatMap((binding) => binding.subjects ?? [])).toContainEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: 'bokujo:ldap-corp:operators',
    });

    await directory.removeFromGroup('bob', 'operators');
    const bobLater = await bearerFor(await ldapLogin('bob'));
    // No longer a member anywhere in the cluster, Bokujo no longer even shows it to him.
    expect((await createConfigMap(bobLater, 'default', 'by-bob-later')).statusCode).toBe(404);
    expect((await call(bobLater, 'GET', `/api/v1/clusters/${clusterId}`)).statusCode).toBe(404);
  });
});

describe('a provider group whose name has spaces', () => {
  it('is granted under its provider prefix and reaches Kubernetes as the group the person is in', async () => {
    const group = 'oidc-idp:Platform Admins (Tokyo)';
    const granted = await call(admin.headers, 'POST', `/api/v1/projects/${teamA}/members`, {
      subjectKind: 'group',
      subject: group,
      roleTemplateId: 'project-member',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    await app.rbac.reconcileNow(clusterId);

    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const bindings = await rbac.listNamespacedRoleBinding({
      namespace: 'team-a-ns',
      labelSelector: 'bokujo.io/rbac=true',
    });
    expect(bindings.items.flatMap((binding) => binding.subjects ?? [])).toContainEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: `bokujo:${group}`,
    });

    // The provider sends the name with its spaces; the impersonated group must match it exactly.
    idp.setGroups('grace', ['Platform Admins (Tokyo)']);
    const grace = await bearerFor(await oidcLogin('grace'));
    expect((await createConfigMap(grace, 'team-a-ns', 'by-grace-admin')).statusCode).toBe(201);
    expect((await createConfigMap(grace, 'default', 'by-grace-admin')).statusCode).toBe(403);
  });

  it('is refused when its prefix names no login provider, saying so on the subject', async () => {
    const refused = await call(admin.headers, 'POST', `/api/v1/projects/${teamA}/members`, {
      subjectKind: 'group',
      subject: 'ldap-nope:Domain Admins',
      roleTemplateId: 'project-member',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      details: [{ field: '/body/subject', reason: 'names no ldap login provider nope' }],
    });

    const secondPrefix = await call(admin.headers, 'POST', `/api/v1/projects/${teamA}/members`, {
      subjectKind: 'group',
      subject: 'oidc-idp::admins',
      roleTemplateId: 'project-member',
    });
    expect(secondPrefix.json()).toMatchObject({
      details: [{ field: '/body/subject', reason: 'must not start the group name with :' }],
    });
  });
});
