import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResourceCachesReport, ResourceChange, WatchServerMessage } from '@bokujo/shared';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Cluster as TestCluster } from '@bokujo/testenv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  adminPassword,
  buildSharedTestApp,
  login,
  setUpAdmin,
  type BrowserSession,
} from '../../../../test/build-test-app.ts';
import { adminKubeconfigText, startTestCluster } from '../../../../test/testenv-clusters.ts';

let cluster: TestCluster;
let app: FastifyInstance;
let closeApp: (() => Promise<void>) | undefined;
let admin: BrowserSession;
let clusterId: string;
let core: CoreV1Api;
let origin: string;
const sockets: Client[] = [];

/** A websocket client that keeps every message, as the SPA's watch socket would see them. */
class Client {
  readonly messages: WatchServerMessage[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | undefined;
  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) =>
      this.messages.push(JSON.parse((data as Buffer).toString('utf8')) as WatchServerMessage),
    );
    socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  send(message: unknown) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async waitFor<T extends WatchServerMessage>(test: (message: WatchServerMessage) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found as T;
      if (Date.now() > deadline) {
        throw new Error(`no such message; got ${JSON.stringify(this.messages).slice(0, 2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every change this client was sent about a pod, as `TYPE name`. */
  changes(): string[] {
    return this.messages.flatMap((message) =>
      message.type === 'changes'
        ? message.changes.map((change: ResourceChange) => `${change.type} ${change.row.name}`)
        : [],
    );
  }
}

function open(headers: Record<string, string>): Promise<Client> {
  const url = origin.replace(/^http/, 'ws') + '/api/v1/watch';
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      const client = new Client(socket);
      sockets.push(client);
      resolve(client);
    });
    socket.once('unexpected-response', (request, response) => {
      request.destroy();
      reject(new Error(`handshake answered ${response.statusCode}`));
    });
    socket.once('error', reject);
  });
}

const asAdmin = () => open({ cookie: admin.cookie, origin });

async function createPod(namespace: string, name: string) {
  await core.createNamespacedPod({
    namespace,
    body: { metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  });
}

async function podCache() {
  const stats = await app.inject({ method: 'GET', url: '/api/v1/system/caches', headers: admin.headers });
  return stats
    .json<ResourceCachesReport>()
    .caches.find((cache) => cache.clusterId === clusterId && cache.resource === 'pods');
}

beforeAll(async () => {
  cluster = await startTestCluster('watch');
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  ({ app, close: closeApp } = await buildSharedTestApp());
  app.resourceCache.hub.options.recheckMs = 200;
  await app.listen({ host: '127.0.0.1', port: 0 });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  admin = await setUpAdmin(app);
  const imported = await app.inject({
    method: 'POST',
    url: '/api/v1/clusters/import',
    headers: admin.headers,
    payload: { name: 'watch', kubeconfig: adminKubeconfigText(cluster) },
  });
  expect(imported.statusCode).toBe(201);
  clusterId = imported.json<{ id: string }>().id;
  await core.createNamespace({ body: { metadata: { name: 'watch-a' } } });
}, 300_000);

afterAll(async () => {
  for (const client of sockets) client.socket.terminate();
  await closeApp?.();
  await cluster?.stop();
}, 60_000);

describe('the watch socket', () => {
  let a: Client;
  let b: Client;

  it('feeds two sockets their own view of one upstream watch', async () => {
    a = await asAdmin();
    b = await asAdmin();
    a.send({ type: 'subscribe', id: 'a', clusterId, resource: 'pods', namespace: 'watch-a' });
    b.send({ type: 'subscribe', id: 'b', clusterId, resource: 'pods', name: 'keep' });
    await a.waitFor((message) => message.type === 'subscribed' && message.id === 'a');
    await b.waitFor((message) => message.type === 'subscribed' && message.id === 'b');
    expect(await podCache()).toMatchObject({ subscribers: 2, upstreamWatches: 1 });

    await createPod('watch-a', 'keep-1');
    await createPod('watch-a', 'other-1');
    for (const client of [a, b]) {
      await client.waitFor(() => client.changes().includes('ADDED keep-1'));
    }
    await a.waitFor(() => a.changes().includes('ADDED other-1'));

    const pod = await core.readNamespacedPod({ namespace: 'watch-a', name: 'keep-1' });
    pod.metadata!.labels = { ...pod.metadata!.labels, tier: 'front' };
    await core.replaceNamespacedPod({ namespace: 'watch-a', name: 'keep-1', body: pod });
    await b.waitFor(() =>
      b.messages.some(
        (message) =>
          message.type === 'changes' &&
          message.changes.some((change) => change.type === 'MODIFIED' && change.row.labels['tier'] === 'front'),
      ),
    );
    await core.deleteNamespacedPod({ namespace: 'watch-a', name: 'keep-1', gracePeriodSeconds: 0 });
    for (const client of [a, b]) {
      await client.waitFor(() => client.changes().includes('DELETED keep-1'));
    }
    expect(b.changes().some((change) => change.endsWith('other-1'))).toBe(false);
    expect(a.changes().every((change) => /(keep|other)-1$/.test(change))).toBe(true);
    expect(await podCache()).toMatchObject({ subscribers: 2, upstreamWatches: 1, relists: 0 });
  });

  it('resumes a dropped upstream watch from its last version without missing a change', async () => {
    const before = await podCache();
    app.resourceCache.caches.dropConnection(clusterId, 'pods');
    // Made while the watch is down (it waits before reconnecting): only resuming can deliver it.
    await createPod('watch-a', 'during-drop');
    await a.waitFor(() => a.changes().includes('ADDED during-drop'));
    const after = await podCache();
    expect(after?.relists).toBe(0);
    expect(after?.resumes).toBeGreaterThan(before?.resumes ?? 0);
    expect(a.messages.some((message) => message.type === 'resync')).toBe(false);
  });

  it('answers hostile messages with errors naming the field, and keeps serving', async () => {
    const client = await asAdmin();
    const errorAfter = async (count: number) => {
      const errors = () => client.messages.filter((message) => message.type === 'error');
      await client.waitFor(() => errors().length > count);
      return errors()[count];
    };
    client.send('{not json');
    expect(await errorAfter(0)).toMatchObject({ statusCode: 400, details: [{ field: '/' }] });
    client.send({ type: 'explode', id: 'x' });
    expect(await errorAfter(1)).toMatchObject({ statusCode: 400, id: 'x', details: [{ field: '/type' }] });
    client.send({ type: 'subscribe', clusterId, resource: 'pods' });
    expect(await errorAfter(2)).toMatchObject({ statusCode: 400, details: [{ field: '/id' }] });
    client.send({ type: 'subscribe', id: 's', clusterId, resource: 'secrets' });
    expect(await errorAfter(3)).toMatchObject({ statusCode: 400, id: 's', details: [{ field: '/resource' }] });
    client.send('x'.repeat(1024 * 1024));
    expect(await errorAfter(4)).toMatchObject({
      statusCode: 400,
      message: 'The message is too large (1048576 bytes; at most 16384)',
      details: [{ field: '/' }],
    });
    client.send({ type: 'subscribe', id: 'c', clusterId: 'c-000000000000', resource: 'pods' });
    expect(await errorAfter(5)).toMatchObject({ statusCode: 404, id: 'c' });
    client.send({ type: 'subscribe', id: 'l', clusterId, resource: 'pods', label: 'app in (x' });
    expect(await errorAfter(6)).toMatchObject({ statusCode: 400, id: 'l', details: [{ field: '/label' }] });
    client.send({ type: 'subscribe', id: 'ok', clusterId, resource: 'nodes' });
    await client.waitFor((message) => message.type === 'subscribed' && message.id === 'ok');
    // 32 subscriptions per socket at most: the 33rd is refused, the others stay.
    for (let index = 1; index <= 32; index += 1) {
      client.send({ type: 'subscribe', id: `n${index}`, clusterId, resource: 'nodes' });
    }
    expect(await errorAfter(7)).toMatchObject({ statusCode: 429, id: 'n32' });
    await client.waitFor((message) => message.type === 'subscribed' && message.id === 'n31');
    expect(client.closed).toBeUndefined();
  });

  it('refuses a handshake without a session or from another site', async () => {
    await expect(open({ origin })).rejects.toThrow('handshake answered 401');
    await expect(open({ cookie: admin.cookie, origin: 'https://evil.example' })).rejects.toThrow(
      'handshake answered 403',
    );
    // The server itself closes a refused handshake's socket; a client that keeps it open holds nothing.
    const refused = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${origin}/api/v1/watch`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      outgoing.on('response', (response) => {
        response.resume();
        response.socket.once('close', () => resolve(response.statusCode ?? 0));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(refused).toBe(401);
  });

  it('ends a subscription whose permission was taken away', async () => {
    const password = 'a-long-enough-password';
    const project = await app.inject({
      method: 'POST',
      url: `/api/v1/clusters/${clusterId}/projects`,
      headers: admin.headers,
      payload: { name: 'team' },
    });
    const projectId = project.json<{ id: string }>().id;
    await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/namespaces`,
      headers: admin.headers,
      payload: { name: 'team-ns' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'member', password, globalRoles: ['user-base'], mustChangePassword: false },
    });
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/members`,
      headers: admin.headers,
      payload: { subjectKind: 'user', subject: 'member', roleTemplateId: 'read-only' },
    });
    expect(added.statusCode).toBe(201);
    await app.rbac.reconcileNow(clusterId);
    const { session } = await login(app, 'member', password);
    app.resourceCache.access.ttlMs = 300;
    const client = await open({ cookie: session!.cookie, origin });
    client.send({ type: 'subscribe', id: 'wide', clusterId, resource: 'pods' });
    client.send({ type: 'subscribe', id: 'team', clusterId, resource: 'pods', project: projectId });
    await client.waitFor((message) => message.type === 'error' && message.id === 'wide' && message.statusCode === 403);
    await client.waitFor((message) => message.type === 'subscribed' && message.id === 'team');

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/projects/${projectId}/members/${added.json<{ id: string }>().id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBeLessThan(300);
    await app.rbac.reconcileNow(clusterId);
    // Without a role in the cluster the person may not even see it any more: 404, as for a stranger.
    const ended = await client.waitFor((message) => message.type === 'error' && message.id === 'team');
    expect(ended).toMatchObject({ statusCode: 404 });
    const before = client.messages.length;
    await createPod('team-ns', 'unseen');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(client.messages.slice(before)).toEqual([]);
    expect(client.closed).toBeUndefined();
  });

  it('closes the socket when its session ends', async () => {
    const { session } = await login(app, 'admin', adminPassword);
    const client = await open({ cookie: session!.cookie, origin });
    client.send({ type: 'subscribe', id: 'n', clusterId, resource: 'namespaces' });
    await client.waitFor((message) => message.type === 'subscribed');
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session!.headers });
    expect(logout.statusCode).toBeLessThan(300);
    await expect.poll(() => client.closed, { timeout: 5_000 }).toMatchObject({ code: 4401 });
  });
});
