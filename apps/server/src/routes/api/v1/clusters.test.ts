import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../../test/free-port.ts';
import { buildTestApp, setUpAdmin, type BrowserSession } from '../../../../test/build-test-app.ts';
import {
  adminKubeconfigText,
  clusterAdminToken,
  startTestCluster,
  tokenKubeconfigText,
} from '../../../../test/testenv-clusters.ts';

let first: TestCluster;
let second: TestCluster;
let closedPort: number;

beforeAll(async () => {
  closedPort = await freePort();
  [first, second] = await Promise.all([startTestCluster('import-a'), startTestCluster('import-b', 2)]);
}, 300_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

async function importCluster(
  app: Awaited<ReturnType<typeof buildTestApp>>['app'],
  session: BrowserSession,
  body: object,
) {
  return app.inject({ method: 'POST', url: '/api/v1/clusters/import', headers: session.headers, payload: body });
}

describe('cluster import', () => {
  it('exchanges an admin upload for Bokujo’s own ServiceAccount and keeps only that', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const response = await importCluster(app, session, {
      name: 'alpha',
      description: '<img src=x onerror=alert(1)>',
      labels: { env: 'test' },
      kubeconfig: adminKubeconfigText(first),
    });
    expect(response.statusCode).toBe(201);
    const cluster = response.json<{ id: string; credentialKind: string; description: string; version: string }>();
    expect(cluster).toMatchObject({
      name: 'alpha',
      credentialKind: 'service-account',
      version: 'v1.37.2',
      description: '<img src=x onerror=alert(1)>',
    });

    const core = first.kubeConfig.makeApiClient(CoreV1Api);
    const account = await core.readNamespacedServiceAccount({ name: 'bokujo', namespace: 'bokujo-system' });
    expect(account.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'bokujo' });
    const connection = await app.clusters.connectionFor(cluster.id);
    expect(connection.credential.kind).toBe('token');
    const row = await app.store.selectFrom('clusters').select('credential').executeTakeFirstOrThrow();
    const uploadedKey = first.kubeConfig.getCurrentUser()?.keyData ?? 'missing';
    expect(row.credential).not.toContain(uploadedKey.slice(20, 60));

    const checked = await app.clusterMonitor.checkNow(cluster.id);
    expect(checked).toMatchObject({ state: 'Active' });
    const listed = await app.inject({ url: '/api/v1/clusters', headers: session.headers });
    expect(listed.json()).toMatchObject({
      items: [{ name: 'alpha', state: 'Active', provider: 'kwok', summary: { nodeCount: 1 } }],
    });

    const duplicate = await importCluster(app, session, {
      name: 'alpha-again',
      kubeconfig: adminKubeconfigText(first),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already imported as "alpha"') as unknown,
      details: [{ field: '/body/kubeconfig' }],
    });

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/clusters/${cluster.id}`,
      headers: session.headers,
    });
    expect(deleted.json()).toEqual({ removedFromCluster: true, reason: null });
    const rbac = first.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    await expect(rbac.readClusterRole({ name: 'bokujo' })).rejects.toMatchObject({ code: 404 });
    // The garbage collector removes what the ClusterRole owned.
    await vi.waitFor(
      async () => {
        await expect(rbac.readClusterRoleBinding({ name: 'bokujo-administrators' })).rejects.toMatchObject({
          code: 404,
        });
        await expect(core.readNamespace({ name: 'bokujo-system' })).rejects.toMatchObject({ code: 404 });
      },
      { timeout: 30_000, interval: 500 },
    );
    expect((await app.inject({ url: `/api/v1/clusters/${cluster.id}`, headers: session.headers })).statusCode).toBe(
      404,
    );
  });

  it('refuses a credential without the rights Bokujo needs, naming them, and leaves nothing behind', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const alice = second.identities['alice']!;
    const response = await importCluster(app, session, {
      name: 'beta',
      kubeconfig: tokenKubeconfigText(second, alice.token),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      message: expect.stringContaining('create namespaces') as unknown,
      details: [{ field: '/body/kubeconfig' }],
    });
    expect(await app.store.selectFrom('clusters').selectAll().execute()).toEqual([]);
    const core = second.kubeConfig.makeApiClient(CoreV1Api);
    await expect(core.readNamespace({ name: 'bokujo-system' })).rejects.toMatchObject({ code: 404 });
  });

  it('keeps an uploaded token when asked, and lists two clusters', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const token = await clusterAdminToken(second.kubeConfig, 'importer');
    const kept = await importCluster(app, session, {
      name: 'beta',
      kubeconfig: tokenKubeconfigText(second, token),
      keepUploadedCredential: true,
    });
    expect(kept.statusCode).toBe(201);
    expect(kept.json()).toMatchObject({ credentialKind: 'uploaded' });
    const other = await importCluster(app, session, { name: 'gamma', kubeconfig: adminKubeconfigText(first) });
    expect(other.statusCode).toBe(201);
    const listed = await app.inject({ url: '/api/v1/clusters', headers: session.headers });
    expect(listed.json<{ items: { name: string }[] }>().items.map((cluster) => cluster.name)).toEqual([
      'beta',
      'gamma',
    ]);
    const gammaId = other.json<{ id: string }>().id;
    await app.inject({ method: 'DELETE', url: `/api/v1/clusters/${gammaId}`, headers: session.headers });
  });

  it('keeps the cluster and its encrypted credential across a server restart', async () => {
    const previous = await buildTestApp();
    const session = await setUpAdmin(previous.app);
    const imported = await importCluster(previous.app, session, {
      name: 'durable',
      kubeconfig: adminKubeconfigText(second),
    });
    const { id } = imported.json<{ id: string }>();
    await previous.app.close();

    const { app } = await buildTestApp({ BOKUJO_DATA_DIR: previous.dataDir });
    const listed = await app.inject({ url: '/api/v1/clusters', headers: session.headers });
    expect(listed.json()).toMatchObject({ items: [{ id, name: 'durable' }] });
    expect(await app.clusterMonitor.checkNow(id)).toMatchObject({ state: 'Active' });
    await app.inject({ method: 'DELETE', url: `/api/v1/clusters/${id}`, headers: session.headers });
  });

  it('shows a cluster that stops answering as Unavailable with the reason, and Active again when it is back', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    // `second` was imported and deleted by the test before: its old namespace may still be going.
    const response = await importCluster(app, session, { name: 'flaky', kubeconfig: adminKubeconfigText(second) });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    expect(await app.clusterMonitor.checkNow(id)).toMatchObject({ state: 'Active' });

    second.pauseApiServer();
    try {
      const down = await app.clusterMonitor.checkNow(id);
      expect(down).toMatchObject({
        state: 'Unavailable',
        stateReason: expect.stringContaining('timed out') as unknown,
      });
      const started = Date.now();
      const listed = await app.inject({ url: '/api/v1/clusters', headers: session.headers });
      // The list answers from the store: an unreachable cluster does not slow it down.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(listed.json()).toMatchObject({
        items: [{ name: 'flaky', state: 'Unavailable', version: 'v1.37.2', summary: { nodeCount: 2 } }],
      });
    } finally {
      second.resumeApiServer();
    }
    await vi.waitFor(async () => expect(await app.clusterMonitor.checkNow(id)).toMatchObject({ state: 'Active' }), {
      timeout: 30_000,
      interval: 1_000,
    });
    await app.inject({ method: 'DELETE', url: `/api/v1/clusters/${id}`, headers: session.headers });
  });

  it.each([
    {
      case: 'an unreachable server',
      kubeconfig: () => adminKubeconfigText(first).replace(first.server, `https://127.0.0.1:${closedPort}`),
      message: 'connection refused',
    },
    {
      case: 'a server whose certificate the CA does not sign',
      kubeconfig: () =>
        adminKubeconfigText(first).replace(
          /certificate-authority-data: .*/,
          `certificate-authority-data: ${second.kubeConfig.getCurrentCluster()!.caData!}`,
        ),
      message: 'TLS',
    },
    {
      case: 'an exec credential plugin',
      kubeconfig: () =>
        tokenKubeconfigText(first, 'x').replace(
          'token: x',
          'exec: { apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, "touch /tmp/pwned"] }',
        ),
      message: 'exec',
    },
    {
      case: 'a plain http server',
      kubeconfig: () => tokenKubeconfigText(first, 'x').replace('https://', 'http://'),
      message: 'https',
    },
    { case: 'text that is not YAML', kubeconfig: () => 'clusters: [unclosed', message: 'line' },
  ])('refuses $case with a clear message and no 5xx', async ({ kubeconfig, message }) => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const response = await importCluster(app, session, { name: 'hostile', kubeconfig: kubeconfig() });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string; details: { field: string }[] }>()).toMatchObject({
      details: [expect.objectContaining({ field: expect.stringMatching(/^\/body\/kubeconfig/) as unknown })],
    });
    expect(response.body).toContain(message);
    expect(await app.store.selectFrom('clusters').selectAll().execute()).toEqual([]);
  });

  it('names the bad fields of an import request', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const response = await importCluster(app, session, { name: 'Not A DNS Name!', kubeconfig: '' });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ details: { field: string }[] }>().details.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['/body/name', '/body/kubeconfig']));
  });
});

describe('kubeconfig download', () => {
  it('gives the YAML file by default and JSON to the SPA, with a token of the caller', async () => {
    const { app } = await buildTestApp();
    const session = await setUpAdmin(app);
    const imported = await importCluster(app, session, { name: 'download', kubeconfig: adminKubeconfigText(first) });
    const { id } = imported.json<{ id: string }>();
    const url = `/api/v1/clusters/${id}/kubeconfig`;
    const file = await app.inject({ method: 'POST', url, headers: session.headers });
    expect(file.headers['content-type']).toMatch(/^application\/yaml/);
    expect(file.headers['content-disposition']).toBe('attachment; filename="download.yaml"');
    expect(file.body).toContain(`server: https://bokujo.example.test/k8s/clusters/${id}`);
    expect(file.body).toMatch(/token: bokujo_[\w-]{43}/);
    const json = await app.inject({ method: 'POST', url, headers: { ...session.headers, accept: 'application/json' } });
    expect(json.json()).toMatchObject({
      kubeconfig: expect.stringContaining('kind: Config') as unknown,
      tokenId: expect.any(String) as unknown,
    });
    await app.inject({ method: 'DELETE', url: `/api/v1/clusters/${id}`, headers: session.headers });
  });
});
