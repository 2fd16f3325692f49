import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, startCluster } from '@bokujo/testenv';
import { CoreV1Api, RbacAuthorizationV1Api, type V1ConfigMap, type V1Pod } from '@kubernetes/client-node';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { NotFoundError } from '../../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { ClusterConnection, ConnectionResolver } from '../clusters/connection.ts';
import errorHandler from '../error-handler.ts';
import routePermissions from '../route-permissions.ts';
import kubeProxy from './kube-proxy.ts';

/*
 * The proxy against a real kube-apiserver (packages/testenv). Bokujo's cluster credential is the
 * testenv admin (a system:masters client certificate) or a ServiceAccount token; the person is
 * chosen per request by a test-only principal, which stands in for the auth plugin.
 */

interface TestPerson {
  username: string;
  groups: string[];
  via?: Principal['via'];
}

const admin: TestPerson = { username: 'root', groups: ['admins'] };
const alice: TestPerson = { username: 'alice', groups: ['developers'] };
const bob: TestPerson = { username: 'bob', groups: ['viewers'] }; // testenv binds bokujo:viewers to `view`
const carol: TestPerson = { username: 'carol', groups: [] };

const namespace = 'kube-proxy-test';
const execPod = 'shell';

let cluster: Cluster;
let app: FastifyInstance;
let proxyOrigin: string;
/** kubectl sends bearer tokens only over TLS, so it gets a second listener with a certificate. */
let tlsApp: FastifyInstance;
let tlsProxyOrigin: string;
let serviceAccountToken: string;
let workDir: string;

function encodePerson(person: TestPerson): string {
  return Buffer.from(JSON.stringify(person)).toString('base64url');
}

/** The stand-in for the auth plugin: `X-Test-Principal`, a `test-principal.` bearer token (kubectl), or a session cookie. */
function principalFrom(headers: IncomingHttpHeaders): Principal | undefined {
  const cookie = /(?:^|;\s*)test-session=([\w-]+)/.exec(headers.cookie ?? '')?.[1];
  const bearer = /^Bearer test-principal\.([\w-]+)$/.exec(headers.authorization ?? '')?.[1];
  const header = headers['x-test-principal'];
  const encoded = typeof header === 'string' ? header : (bearer ?? cookie);
  if (!encoded) return undefined;
  const person = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as TestPerson;
  const via = cookie === encoded ? 'session' : (person.via ?? 'token');
  return { userId: person.username, username: person.username, groups: person.groups, isAdmin: false, via };
}

function adminConnection(clusterId: string): ClusterConnection {
  const kubeCluster = cluster.kubeConfig.getCurrentCluster();
  const user = cluster.kubeConfig.getCurrentUser();
  if (!kubeCluster?.caData || !user?.certData || !user.keyData)
    throw new Error('testenv admin kubeconfig lacks embedded credentials');
  const pem = (data: string) => Buffer.from(data, 'base64').toString('utf8');
  return {
    clusterId,
    server: cluster.server,
    caData: pem(kubeCluster.caData),
    insecureSkipTlsVerify: false,
    credential: { kind: 'client-certificate', certData: pem(user.certData), keyData: pem(user.keyData) },
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

/** One request through the proxy with full control over headers (fetch refuses `Connection`). */
function call(
  method: string,
  path: string,
  options: {
    person?: TestPerson;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
    origin?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string | string[]> = { ...options.headers };
  if (options.person) headers['x-test-principal'] = encodePerson(options.person);
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${options.origin ?? proxyOrigin}${path}`, { method, headers });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Opens a long-lived GET (watch, follow) and resolves once its headers are in. */
async function openStream(path: string, person: TestPerson, origin = proxyOrigin) {
  const outgoing = httpRequest(`${origin}${path}`, { headers: { 'x-test-principal': encodePerson(person) } });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
  response.on('error', () => undefined); // Closing it on purpose aborts it.
  return { response, close: () => outgoing.destroy() };
}

const clusterPath = (clusterId: string, path: string) => `/k8s/clusters/${clusterId}${path}`;
const selfSubjectReview = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });

function whoAmI(clusterId: string, person: TestPerson, headers: Record<string, string | string[]> = {}) {
  return call('POST', clusterPath(clusterId, '/apis/authentication.k8s.io/v1/selfsubjectreviews'), {
    person,
    headers: { 'content-type': 'application/json', ...headers },
    body: selfSubjectReview,
  });
}

interface UserInfo {
  username: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

function userInfo(answer: Answer): UserInfo {
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ status: { userInfo: UserInfo } }>().status.userInfo;
}

async function runKubectl(
  args: string[],
  options: { person: TestPerson; input?: string; env?: Record<string, string> },
) {
  const kubeconfig = join(workDir, `kubeconfig-${options.person.username}.yaml`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'bokujo',
        cluster: {
          server: `${tlsProxyOrigin}/k8s/clusters/c-admin`,
          'certificate-authority-data': cluster.kubeConfig.getCurrentCluster()?.caData,
        },
      },
    ],
    users: [{ name: options.person.username, user: { token: `test-principal.${encodePerson(options.person)}` } }],
    contexts: [{ name: 'bokujo', context: { cluster: 'bokujo', user: options.person.username, namespace } }],
    'current-context': 'bokujo',
  };
  await writeFile(kubeconfig, JSON.stringify(config), { mode: 0o600 });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cluster.kubectlPath, args, {
      env: { PATH: process.env['PATH'] ?? '', HOME: workDir, KUBECONFIG: kubeconfig, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'bokujo-kube-proxy-'));
  cluster = await startCluster({ nodes: 1 });
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);

  // Bokujo's administrators, as Bokujo names their group to Kubernetes.
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: 'bokujo-admins' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:admins' }],
    },
  });
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  // alice's team may edit this namespace only (exec included); carol has nothing at all.
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'developers-edit' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:developers' }],
    },
  });

  // The credential Bokujo keeps by default: a ServiceAccount token (here with every right).
  await core.createNamespace({ body: { metadata: { name: 'bokujo-system' } } });
  await core.createNamespacedServiceAccount({ namespace: 'bokujo-system', body: { metadata: { name: 'bokujo' } } });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: 'bokujo-sa' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'bokujo', namespace: 'bokujo-system' }],
    },
  });
  const tokenRequest = await core.createNamespacedServiceAccountToken({
    name: 'bokujo',
    namespace: 'bokujo-system',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  serviceAccountToken = tokenRequest.status?.token ?? '';

  const pod: V1Pod = {
    metadata: { name: execPod, namespace },
    spec: { nodeName: 'kwok-node-1', containers: [{ name: 'main', image: 'registry.example/shell:1' }] },
  };
  await core.createNamespacedPod({ namespace, body: pod });

  const downPort = await closedPort();
  const connections: Record<string, () => ClusterConnection> = {
    'c-admin': () => adminConnection('c-admin'),
    'c-token': () => ({
      ...adminConnection('c-token'),
      credential: { kind: 'token', token: serviceAccountToken },
    }),
    'c-down': () => ({ ...adminConnection('c-down'), server: `https://127.0.0.1:${downPort}` }),
    'c-wrong-ca': () => ({ ...adminConnection('c-wrong-ca'), caData: undefined }),
  };

  const resolveConnection = async (clusterId: string) => {
    const connection = connections[clusterId];
    if (!connection) throw new NotFoundError(`No cluster "${clusterId}"`);
    return connection();
  };
  app = await proxyApp(resolveConnection);
  proxyOrigin = await app.listen({ host: '127.0.0.1', port: 0 });
  // testenv's apiserver serving certificate is valid for 127.0.0.1 and signed by the cluster CA
  // that the kubeconfig below trusts.
  tlsApp = await proxyApp(resolveConnection, {
    cert: await readFile(join(cluster.dir, 'pki', 'apiserver.crt'), 'utf8'),
    key: await readFile(join(cluster.dir, 'pki', 'apiserver.key'), 'utf8'),
  });
  tlsProxyOrigin = await tlsApp.listen({ host: '127.0.0.1', port: 0 });

  // kwok marks the pod Running shortly after it is bound.
  for (let tries = 0; tries < 100; tries += 1) {
    const current = await core.readNamespacedPod({ name: execPod, namespace });
    if (current.status?.phase === 'Running') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 300_000);

/** A minimal server around the proxy: the shared error handler, route permissions and the test principal. */
async function proxyApp(resolveConnection: ConnectionResolver, https?: { cert: string; key: string }) {
  // Only the listener differs; the test drives both through the same instance API.
  const server = https ? (Fastify({ https }) as unknown as FastifyInstance) : Fastify();
  await server.register(routePermissions);
  await server.register(errorHandler);
  server.addHook('onRequest', async (request: FastifyRequest) => {
    const principal = principalFrom(request.headers);
    if (principal) request.principal = principal;
  });
  await server.register(kubeProxy, {
    resolveConnection,
    authenticateUpgrade: async (request: IncomingMessage) => principalFrom(request.headers),
    connectTimeoutMs: 2_000,
  });
  return server;
}

afterAll(async () => {
  await app?.close();
  await tlsApp?.close();
  await cluster?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 120_000);

describe('kube proxy: reading as the person', { timeout: 30_000 }, () => {
  it('serves the apiserver’s own paths', async () => {
    const version = await call('GET', clusterPath('c-admin', '/version'), { person: carol });
    expect(version.status).toBe(200);
    expect(version.json<{ gitVersion: string }>().gitVersion).toBe(cluster.versions.kubernetes);

    const root = await call('GET', clusterPath('c-admin', ''), { person: admin });
    expect(root.json<{ paths: string[] }>().paths).toContain('/api/v1');
  });

  it('lists for an administrator and passes Kubernetes’ own 403 to a person without rights', async () => {
    const asAdmin = await call('GET', clusterPath('c-admin', '/api/v1/namespaces'), { person: admin });
    expect(asAdmin.status).toBe(200);
    const names = asAdmin.json<{ items: { metadata: { name: string } }[] }>().items.map((item) => item.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', namespace]));

    const asCarol = await call('GET', clusterPath('c-admin', '/api/v1/namespaces'), { person: carol });
    expect(asCarol.status).toBe(403);
    expect(asCarol.headers['content-type']).toBe('application/json');
    expect(asCarol.json()).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      details: { kind: 'namespaces' },
    });
    expect(asCarol.json()['message']).toContain('User "bokujo:carol" cannot list resource "namespaces"');
    // Kubernetes' Status, not Bokujo's error body.
    expect(asCarol.json()).not.toHaveProperty('statusCode');
  });

  it('lets a viewer read but not write', async () => {
    const list = await call('GET', clusterPath('c-admin', `/api/v1/namespaces/${namespace}/pods`), { person: bob });
    expect(list.status).toBe(200);
    const create = await call('POST', clusterPath('c-admin', `/api/v1/namespaces/${namespace}/configmaps`), {
      person: bob,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'from-bob' } }),
    });
    expect(create.status).toBe(403);
    expect(create.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
  });

  it('passes NotFound, AlreadyExists and Invalid through unchanged', async () => {
    const missing = await call('GET', clusterPath('c-admin', `/api/v1/namespaces/${namespace}/configmaps/nope`), {
      person: admin,
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404, details: { name: 'nope' } });

    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'twice' } });
    const headers = { 'content-type': 'application/json' };
    const path = clusterPath('c-admin', `/api/v1/namespaces/${namespace}/configmaps`);
    expect((await call('POST', path, { person: admin, headers, body })).status).toBe(201);
    const again = await call('POST', path, { person: admin, headers, body });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ kind: 'Status', reason: 'AlreadyExists' });

    const invalid = await call('POST', path, {
      person: admin,
      headers,
      body: JSON.stringify({ metadata: { name: 'Not_Valid' } }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({ kind: 'Status', reason: 'Invalid' });
  });

  it('answers HEAD with the apiserver’s status and no body', async () => {
    const livez = await call('HEAD', clusterPath('c-admin', '/livez'), { person: admin });
    expect(livez.status).toBe(200);
    expect(livez.text).toBe('');
    // The apiserver serves /version for GET only, and says so itself.
    const version = await call('HEAD', clusterPath('c-admin', '/version'), { person: admin });
    expect(version.status).toBe(405);
    expect(version.text).toBe('');
  });

  it('keeps the query string exactly as sent', async () => {
    const selector = encodeURIComponent('metadata.name=twice');
    const answer = await call(
      'GET',
      clusterPath('c-admin', `/api/v1/namespaces/${namespace}/configmaps?fieldSelector=${selector}`),
      {
        person: admin,
      },
    );
    expect(answer.json<{ items: V1ConfigMap[] }>().items.map((item) => item.metadata?.name)).toEqual(['twice']);
  });
});

describe('kube proxy: identity cannot be smuggled', { timeout: 30_000 }, () => {
  it('runs as the person, impersonated, with either kind of Bokujo credential', async () => {
    for (const clusterId of ['c-admin', 'c-token']) {
      expect(userInfo(await whoAmI(clusterId, alice))).toEqual({
        username: 'bokujo:alice',
        groups: ['bokujo:developers', 'system:authenticated'],
      });
    }
  });

  it('ignores forged Authorization, Impersonate-* and request-header identities', async () => {
    const forged = {
      Authorization: `Bearer ${serviceAccountToken}`,
      'Impersonate-User': 'system:admin',
      'impersonate-group': ['system:masters', 'system:nodes'],
      'IMPERSONATE-UID': '0',
      'Impersonate-Extra-Scopes': 'everything',
      'X-Remote-User': 'system:admin',
      'X-Remote-Group': 'system:masters',
      Cookie: 'bokujo_session=stolen',
    };
    for (const clusterId of ['c-admin', 'c-token']) {
      const info = userInfo(await whoAmI(clusterId, carol, forged));
      expect(info).toEqual({ username: 'bokujo:carol', groups: ['system:authenticated'] });
    }
  });

  it('ignores Connection tricks that would drop Bokujo’s own headers (CVE-2021-31999)', async () => {
    const tricks: Record<string, string>[] = [
      { Connection: 'Impersonate-User' },
      { Connection: 'keep-alive, Impersonate-User, Impersonate-Group, Authorization' },
      { Connection: 'Impersonate-User', 'Impersonate-User': 'system:admin', 'Impersonate-Group': 'system:masters' },
    ];
    for (const headers of tricks) {
      for (const clusterId of ['c-admin', 'c-token']) {
        const info = userInfo(await whoAmI(clusterId, carol, headers));
        expect(info).toEqual({ username: 'bokujo:carol', groups: ['system:authenticated'] });
      }
    }
    // And the person still cannot do what they are not allowed to.
    const secrets = await call('GET', clusterPath('c-admin', '/api/v1/secrets'), {
      person: carol,
      headers: { Connection: 'Impersonate-User, Impersonate-Group', 'Impersonate-Group': 'system:masters' },
    });
    expect(secrets.status).toBe(403);
  });

  it('carries names outside ASCII intact', async () => {
    expect(userInfo(await whoAmI('c-admin', { username: '山田', groups: ['牧場'] }))).toEqual({
      username: 'bokujo:山田',
      groups: ['bokujo:牧場', 'system:authenticated'],
    });
  });
});

describe('kube proxy: writing', { timeout: 30_000 }, () => {
  const configMaps = `/api/v1/namespaces/${namespace}/configmaps`;

  it('creates with JSON, merge-patches, applies YAML server-side and deletes with a body', async () => {
    const created = await call('POST', clusterPath('c-admin', configMaps), {
      person: alice,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings' },
        data: { color: 'blue' },
      }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json<V1ConfigMap>().metadata?.managedFields?.[0]?.manager).toBeDefined();

    const merged = await call('PATCH', clusterPath('c-admin', `${configMaps}/settings`), {
      person: alice,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ data: { size: 'large' } }),
    });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.json<V1ConfigMap>().data).toEqual({ color: 'blue', size: 'large' });

    const applyYaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: applied',
      `  namespace: ${namespace}`,
      'data:',
      '  greeting: こんにちは',
      '',
    ].join('\n');
    const applied = await call(
      'PATCH',
      clusterPath('c-admin', `${configMaps}/applied?fieldManager=bokujo-test&force=true`),
      {
        person: alice,
        headers: { 'content-type': 'application/apply-patch+yaml' },
        body: applyYaml,
      },
    );
    expect(applied.status, applied.text).toBe(201);
    expect(applied.json<V1ConfigMap>().data).toEqual({ greeting: 'こんにちは' });

    const deleted = await call('DELETE', clusterPath('c-admin', `${configMaps}/settings`), {
      person: alice,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 }),
    });
    expect(deleted.status, deleted.text).toBe(200);
  });

  it('streams a body larger than Bokujo’s own body limit', async () => {
    // Bokujo's API refuses bodies over 4 MiB; the proxy leaves the limit to the apiserver.
    const big = 'x'.repeat(5 * 1024 * 1024);
    const answer = await call('POST', clusterPath('c-admin', configMaps), {
      person: alice,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'too-big' }, data: { blob: big } }),
    });
    // The apiserver (not Bokujo) refuses: it caps objects at about 1.5 MB.
    expect(answer.status).not.toBe(502);
    expect(answer.json()).toMatchObject({ kind: 'Status' });

    const fits = 'y'.repeat(900 * 1024);
    const created = await call('POST', clusterPath('c-admin', configMaps), {
      person: alice,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'large' }, data: { blob: fits } }),
    });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
  });
});

describe('kube proxy: streaming', { timeout: 30_000 }, () => {
  it('delivers watch events as they happen and stops the watch when the caller leaves', async () => {
    const list = await call('GET', clusterPath('c-admin', `/api/v1/namespaces/${namespace}/configmaps`), {
      person: alice,
    });
    const resourceVersion = list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const path = clusterPath(
      'c-admin',
      `/api/v1/namespaces/${namespace}/configmaps?watch=true&resourceVersion=${resourceVersion}`,
    );

    const { response, close } = await openStream(path, alice);
    // The headers arrive before any event: nothing has changed since resourceVersion.
    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');

    const name = `watched-${Date.now()}`;
    let buffered = '';
    const event = new Promise<{ type: string; object: V1ConfigMap }>((resolve) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffered += chunk;
        for (const line of buffered.split('\n').slice(0, -1)) {
          const parsed = JSON.parse(line) as { type: string; object: V1ConfigMap };
          if (parsed.object.metadata?.name === name) resolve(parsed);
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
    });
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const started = Date.now();
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name } } });
    const received = await event;
    expect(received.type).toBe('ADDED');
    expect(Date.now() - started).toBeLessThan(1_000);

    // The apiserver counts its open watches; the caller leaving must end ours.
    const openWatches = async () => {
      const metrics = await call('GET', clusterPath('c-admin', '/metrics'), { person: admin });
      const line = metrics.text
        .split('\n')
        .find(
          (text) =>
            text.startsWith('apiserver_longrunning_requests{') &&
            text.includes('resource="configmaps"') &&
            text.includes('scope="namespace"') &&
            text.includes('verb="WATCH"'),
        );
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    // Other components watch configmaps too; only ours may come and go.
    const whileWatching = await openWatches();
    expect(whileWatching).toBeGreaterThanOrEqual(1);
    close();
    let remaining = whileWatching;
    for (let tries = 0; tries < 50 && remaining >= whileWatching; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      remaining = await openWatches();
    }
    expect(remaining).toBe(whileWatching - 1);
  });

  it('streams pod logs, following them', async () => {
    const logs = await call('GET', clusterPath('c-admin', `/api/v1/namespaces/${namespace}/pods/${execPod}/log`), {
      person: alice,
    });
    expect(logs.status, logs.text).toBe(200);
    expect(logs.text).toContain('starting bokujo testenv workload');

    // `logs -f` never ends by itself: the lines arrive while the response is still open.
    const { response, close } = await openStream(
      clusterPath('c-admin', `/api/v1/namespaces/${namespace}/pods/${execPod}/log?follow=true`),
      alice,
    );
    expect(response.statusCode).toBe(200);
    const firstLines = await new Promise<string>((resolve) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('listening on :8080')) resolve(text);
      });
    });
    expect(response.complete).toBe(false);
    expect(firstLines).toContain('starting bokujo testenv workload');
    close();
  });
});

/** Runs a command in the pod over the proxy with the websocket exec protocol and collects stdout. */
function execOverWebSocket(options: {
  clusterId?: string;
  origin?: string;
  headers: Record<string, string>;
  command: string[];
}) {
  const query = [
    ...options.command.map((part) => `command=${encodeURIComponent(part)}`),
    'stdout=true',
    'stderr=true',
  ].join('&');
  const path = clusterPath(
    options.clusterId ?? 'c-admin',
    `/api/v1/namespaces/${namespace}/pods/${execPod}/exec?${query}`,
  );
  const url = `${(options.origin ?? proxyOrigin).replace(/^http/, 'ws')}${path}`;
  const socket = new WebSocket(url, {
    protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io'],
    headers: options.headers,
  });
  socket.binaryType = 'arraybuffer';
  let stdout = '';
  let status = '';
  const opened = new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`websocket to ${url} failed`));
  });
  const done = new Promise<{ stdout: string; status: string; protocol: string }>((resolve) => {
    socket.onmessage = (message: { data: ArrayBuffer }) => {
      const bytes = new Uint8Array(message.data);
      const text = Buffer.from(bytes.subarray(1)).toString('utf8');
      if (bytes[0] === 1) stdout += text;
      if (bytes[0] === 3) status += text;
    };
    socket.onclose = () => resolve({ stdout, status, protocol: socket.protocol });
  });
  return { opened, done };
}

describe('kube proxy: exec, attach and port-forward upgrades', { timeout: 30_000 }, () => {
  it('runs a command over a websocket (v5.channel.k8s.io)', async () => {
    const shell = execOverWebSocket({
      headers: { 'x-test-principal': encodePerson(alice) },
      command: ['echo', 'hello from the pod'],
    });
    await shell.opened;
    const result = await shell.done;
    expect(result.protocol).toBe('v5.channel.k8s.io');
    expect(result.stdout).toBe('hello from the pod\n');
    expect(JSON.parse(result.status)).toMatchObject({ status: 'Success' });
  });

  it('runs a command with a session when the page is Bokujo’s own', async () => {
    const host = new URL(proxyOrigin).host;
    const shell = execOverWebSocket({
      clusterId: 'c-token',
      headers: { cookie: `test-session=${encodePerson(alice)}`, origin: `http://${host}` },
      command: ['echo', 'via session'],
    });
    await shell.opened;
    const result = await shell.done;
    expect(result.stdout).toBe('via session\n');
  });

  /** The raw answer to an upgrade request, for refusals a WebSocket object would hide. */
  function upgradeAnswer(path: string, headers: Record<string, string>): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(`${proxyOrigin}${path}`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
          'sec-websocket-protocol': 'v5.channel.k8s.io',
          ...headers,
        },
      });
      outgoing.on('upgrade', (_response, socket) => {
        socket.destroy();
        reject(new Error('unexpected upgrade'));
      });
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }
  const execPath = (clusterId: string) =>
    clusterPath(clusterId, `/api/v1/namespaces/${namespace}/pods/${execPod}/exec?command=true&stdout=true`);

  it('refuses a session upgrade from another site (cross-site websocket hijacking)', async () => {
    const answer = await upgradeAnswer(execPath('c-admin'), {
      cookie: `test-session=${encodePerson(admin)}`,
      origin: 'https://evil.example',
    });
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const noOrigin = await upgradeAnswer(execPath('c-admin'), { cookie: `test-session=${encodePerson(admin)}` });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses an unauthenticated upgrade and an unknown cluster with Bokujo’s error body', async () => {
    const anonymous = await upgradeAnswer(execPath('c-admin'), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in first' });
    const unknown = await upgradeAnswer(execPath('c-nowhere'), { 'x-test-principal': encodePerson(admin) });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('relays Kubernetes’ refusal of an exec the person may not run', async () => {
    const answer = await upgradeAnswer(execPath('c-admin'), {
      'x-test-principal': encodePerson(carol),
      'Impersonate-User': 'system:admin',
      'Impersonate-Group': 'system:masters',
      Connection: 'Upgrade, Impersonate-User',
    });
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(answer.json()['message']).toContain('bokujo:carol');
  });

  it('answers an upgrade to an unreachable apiserver with a 502', async () => {
    const answer = await upgradeAnswer(execPath('c-down'), { 'x-test-principal': encodePerson(admin) });
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('refused') as unknown,
    });
  });

  it('works for kubectl: get, apply, logs and exec over websocket and SPDY', async () => {
    const get = await runKubectl(['get', 'pod', execPod, '-o', 'name'], { person: alice });
    expect(get.stderr).toBe('');
    expect(get.stdout.trim()).toBe(`pod/${execPod}`);

    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubectl-applied\ndata:\n  via: bokujo\n`;
    const apply = await runKubectl(['apply', '--server-side', '-f', '-'], { person: alice, input: manifest });
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('configmap/kubectl-applied serverside-applied');
    const clientSide = await runKubectl(['apply', '-f', '-'], {
      person: alice,
      input: manifest.replace('kubectl-applied', 'kubectl-client'),
    });
    expect(clientSide.stdout).toContain('configmap/kubectl-client created');

    const logs = await runKubectl(['logs', execPod], { person: alice });
    expect(logs.stdout).toContain('listening on :8080');

    const overWebSocket = await runKubectl(['exec', execPod, '--', 'echo', 'ws'], { person: alice });
    expect(overWebSocket.stdout, overWebSocket.stderr).toBe('ws\n');
    const overSpdy = await runKubectl(['exec', execPod, '--', 'echo', 'spdy'], {
      person: alice,
      env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' },
    });
    expect(overSpdy.stdout, overSpdy.stderr).toBe('spdy\n');

    const denied = await runKubectl(['exec', execPod, '--', 'echo', 'no'], { person: carol });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('forbidden');
  });
});

describe('kube proxy: Bokujo’s own refusals', { timeout: 30_000 }, () => {
  it('needs a signed-in person', async () => {
    const answer = await call('GET', clusterPath('c-admin', '/version'));
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in first' });
  });

  it('answers an unknown cluster with 404', async () => {
    const answer = await call('GET', clusterPath('c-nowhere', '/api/v1/namespaces'), { person: admin });
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'No cluster "c-nowhere"' });
  });

  it('answers quickly with 502 when the apiserver is down', async () => {
    const started = Date.now();
    const answer = await call('GET', clusterPath('c-down', '/version'), { person: admin });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer.status).toBe(502);
    expect(answer.json()).toEqual({
      statusCode: 502,
      code: 'UPSTREAM_FAILED',
      message: 'Cannot reach the Kubernetes API of cluster "c-down": the connection was refused',
    });
  });

  it('answers 502 naming a TLS failure when the apiserver’s certificate is not trusted', async () => {
    const answer = await call('GET', clusterPath('c-wrong-ca', '/version'), { person: admin });
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('TLS handshake failed') as unknown,
    });
  });

  it('keeps the body of a refused request away from Bokujo’s parsers', async () => {
    const answer = await call('POST', clusterPath('c-admin', '/api/v1/namespaces'), {
      person: carol,
      headers: { 'content-type': 'application/json' },
      body: '{"this is": not json',
    });
    // Kubernetes decides (and refuses); Bokujo's JSON parser never saw the body.
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ kind: 'Status' });
  });
});

describe('kube proxy: shutdown', { timeout: 30_000 }, () => {
  it('ends watches and shells when the server closes instead of waiting for them', async () => {
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    // Enough data that a caller who stops reading leaves it backed up in the proxy.
    const backlog = `shutdown-backlog-${Date.now()}`;
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: backlog }, data: { blob: 'z'.repeat(900 * 1024) } },
    });
    const closing = await proxyApp(async () => adminConnection('c-admin'));
    try {
      const origin = await closing.listen({ host: '127.0.0.1', port: 0 });
      const watchPath = `/k8s/clusters/c-admin/api/v1/namespaces/${namespace}/configmaps?watch=true`;
      // A caller reading its watch, as kubectl and the console do, sees the connection end. (One
      // that stops reading cannot: its socket is no longer read, so the end is never noticed.)
      const watch = await openStream(watchPath, admin, origin);
      const watchEnded = new Promise<void>((resolve) => watch.response.once('close', () => resolve()));
      watch.response.resume();
      // A caller that stopped reading must not hold the server up either.
      const stalled = await openStream(
        `${watchPath}&fieldSelector=${encodeURIComponent(`metadata.name=${backlog}`)}`,
        admin,
        origin,
      );
      onTestFinished(() => {
        stalled.close();
      });
      // Unread, the ConfigMap fills the response's buffer and Node stops reading the socket.
      const full = () => stalled.response.readableLength >= stalled.response.readableHighWaterMark;
      for (let tries = 0; tries < 100 && !full(); tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(full()).toBe(true);
      const shell = execOverWebSocket({
        origin,
        headers: { 'x-test-principal': encodePerson(admin) },
        command: ['sleep', '20'],
      });
      await shell.opened;

      const started = Date.now();
      await closing.close();
      expect(Date.now() - started).toBeLessThan(3_000);
      await watchEnded;
      // Ended as the apiserver ends a watch at its timeout: the caller just watches again.
      expect(watch.response.complete).toBe(true);
      const result = await shell.done;
      // The command was cut too: Kubernetes never reported how it exited.
      expect(result.status).toBe('');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await closing.close();
      await core.deleteNamespacedConfigMap({ name: backlog, namespace });
    }
  });

  it('refuses a request still resolving its cluster when the server closes instead of starting it', async () => {
    let entered!: () => void;
    const resolving = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const closing = await proxyApp(async () => {
      entered();
      await released;
      return adminConnection('c-admin');
    });
    const origin = await closing.listen({ host: '127.0.0.1', port: 0 });
    // Started after the shutdown began, this watch would keep the server open until its caller left.
    const answer = call('GET', `/k8s/clusters/c-admin/api/v1/namespaces/${namespace}/configmaps?watch=true`, {
      person: admin,
      origin,
    });
    await resolving;
    const closed = closing.close();
    // The server stops listening once the shutdown hooks have run.
    while (closing.server.listening) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const refused = await answer;
    expect(refused.status).toBe(503);
    expect(refused.json()).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
    // The connection is not kept alive for another request the closing server would wait for.
    expect(refused.headers.connection).toBe('close');
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
