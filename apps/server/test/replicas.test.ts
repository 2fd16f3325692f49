import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { Cluster } from '@bokujo/testenv';
import type { WatchServerMessage } from '@bokujo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminPassword, bootstrapPassword } from './build-test-app.ts';
import { startPostgres, type PostgresTestServer } from './postgres-test-server.ts';
import { startReplica, type ReplicaProcess } from './replica-process.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { adminKubeconfigText, startTestCluster } from './testenv-clusters.ts';

/**
 * Two real server processes on one PostgreSQL database, behind a round-robin proxy: what one
 * replica stores the other serves, exactly one leads the background work, and when the leader is
 * killed in the middle of an RBAC reconcile the other takes over and finishes it.
 */

let postgres: PostgresTestServer;
let cluster: Cluster;
let proxy: RoundRobinProxy;
const replicas: ReplicaProcess[] = [];
let environment: Record<string, string>;

interface Session {
  cookie: string;
  csrf: string;
}

type Credentials = Session | { bearer: string } | undefined;

async function api(base: string, method: string, path: string, credentials?: Credentials, body?: unknown) {
  const headers: Record<string, string> = {};
  if (credentials && 'cookie' in credentials) {
    headers['cookie'] = credentials.cookie;
    headers['x-csrf-token'] = credentials.csrf;
  } else if (credentials) {
    headers['authorization'] = `Bearer ${credentials.bearer}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A live-update socket on one replica, keeping what it is sent and how it closed. */
async function openWatchSocket(base: string, session: Session) {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/watch`, { headers: { cookie: session.cookie } });
  await new Promise((opened, fail) => {
    socket.once('open', opened);
    socket.once('error', fail);
  });
  const messages: WatchServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse((data as Buffer).toString('utf8')) as WatchServerMessage));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const waitFor = async (test: (message: WatchServerMessage) => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!messages.some(test)) {
      if (Date.now() > deadline) throw new Error(`not sent; got ${JSON.stringify(messages).slice(0, 1000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { socket, messages, closed, waitFor };
}

async function logIn(base: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  const cookies = Object.fromEntries(
    response.headers.getSetCookie().map((line) => line.split(';')[0]!.split('=') as [string, string]),
  );
  return {
    cookie: `bokujo_session=${cookies['bokujo_session']}; bokujo_csrf=${cookies['bokujo_csrf']}`,
    csrf: cookies['bokujo_csrf']!,
  };
}

async function leadershipOf(replica: ReplicaProcess): Promise<string | undefined> {
  const ready = await api(replica.url, 'GET', '/api/v1/readyz');
  return (ready.body as { checks?: { leadership?: { message?: string } } }).checks?.leadership?.message;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let admin: Session;
let clusterId: string;

beforeAll(async () => {
  [postgres, cluster] = await Promise.all([startPostgres(), startTestCluster('replicas')]);
  environment = {
    BOKUJO_DATABASE_URL: await postgres.createDatabase(),
    BOKUJO_SECRET_KEY: randomBytes(32).toString('hex'),
    BOKUJO_BOOTSTRAP_PASSWORD: bootstrapPassword,
  };
  // Both at once, as a Deployment starts them: migrations and the bootstrap admin must cope.
  replicas.push(
    ...(await Promise.all([startReplica('replica-a', environment), startReplica('replica-b', environment)])),
  );
  proxy = await startRoundRobinProxy(replicas.map((replica) => ({ host: '127.0.0.1', port: replica.port })));

  const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
  const bootstrap = await logIn(a.url, 'admin', bootstrapPassword);
  const setup = await api(b.url, 'POST', '/api/v1/setup', bootstrap, {
    newPassword: adminPassword,
    serverUrl: proxy.url,
  });
  expect(setup.status).toBe(200);
  admin = await logIn(proxy.url, 'admin', adminPassword);
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(replicas.map((replica) => replica.dispose()));
  await cluster?.stop();
  await postgres?.stop();
});

describe('two replicas on one PostgreSQL', { timeout: 120_000 }, () => {
  it('share sessions, API tokens, clusters and auth providers', async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const session = await logIn(a.url, 'admin', adminPassword);
    expect((await api(b.url, 'GET', '/api/v1/me', session)).status).toBe(200);

    const token = await api(b.url, 'POST', '/api/v1/tokens', session, { name: 'replicas' });
    expect(token.status).toBe(201);
    const bearer = { bearer: (token.body as { secret: string }).secret };
    expect((await api(a.url, 'GET', '/api/v1/me', bearer)).status).toBe(200);

    const imported = await api(a.url, 'POST', '/api/v1/clusters/import', session, {
      name: 'replicas',
      kubeconfig: adminKubeconfigText(cluster),
    });
    expect(imported.status).toBe(201);
    clusterId = (imported.body as { id: string }).id;
    const listed = await api(b.url, 'GET', '/api/v1/clusters', bearer);
    expect((listed.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(clusterId);

    // Created, not enabled: enabling takes a test login against a real directory.
    const provider = await api(b.url, 'POST', '/api/v1/auth-providers', session, {
      id: 'shared-directory',
      kind: 'ldap',
      name: 'Shared directory',
      ldap: {
        flavour: 'openldap',
        host: '127.0.0.1',
        port: 1389,
        security: 'starttls',
        bindDn: 'cn=bokujo,dc=example,dc=test',
        bindPassword: 'not-used-here',
        userSearchBase: 'ou=people,dc=example,dc=test',
      },
    });
    expect(provider.status, JSON.stringify(provider.body)).toBe(201);
    const providers = await api(a.url, 'GET', '/api/v1/auth-providers', session);
    expect((providers.body as { items: { name: string }[] }).items.map((item) => item.name)).toContain(
      'Shared directory',
    );
  });

  it('have exactly one leader, named in readiness', async () => {
    const states = await Promise.all(replicas.map(leadershipOf));
    expect(states.filter((state) => state === 'leader')).toHaveLength(1);
    expect(states.filter((state) => state?.startsWith('standby'))).toHaveLength(1);
  });

  it('stream a watch through one replica of a change made through the other', async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const name = `seen-across-${Date.now()}`;
    const events: string[] = [];
    const watching = new Promise<void>((seen, fail) => {
      const watch = httpRequest(
        `${a.url}/k8s/clusters/${clusterId}/api/v1/namespaces/default/configmaps?watch=true`,
        { headers: { cookie: admin.cookie } },
        (response) => {
          expect(response.statusCode).toBe(200);
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            events.push(chunk);
            if (chunk.includes(name)) {
              watch.destroy();
              seen();
            }
          });
        },
      );
      watch.on('error', (error) => (error.message.includes('aborted') ? undefined : fail(error)));
      watch.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const created = await api(b.url, 'POST', `/k8s/clusters/${clusterId}/api/v1/namespaces/default/configmaps`, admin, {
      metadata: { name },
      data: { from: 'replica-b' },
    });
    expect(created.status).toBe(201);
    await watching;
    expect(events.join('')).toContain('"ADDED"');
  });

  it("send a live update on one replica's watch socket for a pod created through the other", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const watch = await openWatchSocket(a.url, admin);
    watch.socket.send(
      JSON.stringify({ type: 'subscribe', id: 'pods', clusterId, resource: 'pods', namespace: 'default' }),
    );
    await watch.waitFor((message) => message.type === 'subscribed' && message.id === 'pods');
    const name = `live-across-${Date.now()}`;
    const created = await api(b.url, 'POST', `/k8s/clusters/${clusterId}/api/v1/namespaces/default/pods`, admin, {
      metadata: { name },
      spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] },
    });
    expect(created.status).toBe(201);
    await watch.waitFor(
      (message) =>
        message.type === 'changes' &&
        message.changes.some((change) => change.type === 'ADDED' && change.row.name === name),
    );
    watch.socket.close();
  });

  it('fail over when the leader dies during an RBAC reconcile; the other finishes it, nothing duplicated', async () => {
    const namespaces = Array.from({ length: 10 }, (_, i) => `failover-${i}`);
    const groups = Array.from({ length: 30 }, (_, i) => `failover-team-${String(i).padStart(2, '0')}`);
    const project = await api(proxy.url, 'POST', `/api/v1/clusters/${clusterId}/projects`, admin, { name: 'failover' });
    expect(project.status).toBe(201);
    const projectId = (project.body as { id: string }).id;
    for (const namespace of namespaces) {
      const made = await api(proxy.url, 'POST', `/api/v1/projects/${projectId}/namespaces`, admin, { name: namespace });
      expect(made.status).toBe(201);
    }

    const leaderIndex = (await Promise.all(replicas.map(leadershipOf))).indexOf('leader');
    const leader = replicas[leaderIndex]!;
    const survivor = replicas[1 - leaderIndex]!;
    const rbac = cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const ours = async () =>
      (await rbac.listRoleBindingForAllNamespaces({ labelSelector: 'bokujo.io/rbac=true' })).items.filter((binding) =>
        namespaces.includes(binding.metadata?.namespace ?? ''),
      );

    // Through the balancer: the replica that does not lead hands its triggers to the leader.
    for (const group of groups) {
      const added = await api(proxy.url, 'POST', `/api/v1/projects/${projectId}/members`, admin, {
        subjectKind: 'group',
        subject: group,
        roleTemplateId: 'project-member',
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const expected = namespaces.length * groups.length;
    // Kill the leader as soon as its reconcile has written some bindings but not all of them.
    const before = await waitFor(
      'the leader to start writing bindings',
      async () => {
        const count = (await ours()).length;
        return count > 0 ? count : undefined;
      },
      30_000,
    );
    leader.child.kill('SIGKILL');
    await leader.exited;
    expect(before).toBeLessThan(expected);

    await waitFor('the survivor to lead', async () => ((await leadershipOf(survivor)) === 'leader' ? true : undefined));
    const bindings = await waitFor(
      'every binding',
      async () => {
        const found = await ours();
        return found.length >= expected ? found : undefined;
      },
      60_000,
    );
    const tuples = bindings.map((binding) =>
      JSON.stringify([binding.metadata?.namespace, binding.subjects?.[0]?.name, binding.roleRef.name]),
    );
    expect(new Set(tuples).size).toBe(tuples.length);
    expect(bindings).toHaveLength(expected);
    for (const namespace of namespaces) {
      const groupsHere = bindings
        .filter((binding) => binding.metadata?.namespace === namespace)
        .map((binding) => binding.subjects?.[0]?.name ?? '');
      expect(groupsHere).toHaveLength(groups.length);
    }
    await survivor.waitForLog('this replica leads the background work');
  });

  it('on SIGTERM end a watch cleanly, finish a request in flight and exit 0 within its shutdown timeout', async () => {
    const survivor = replicas.find((replica) => replica.child.exitCode === null && replica.child.signalCode === null)!;
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);

    const watchEnded = new Promise<{ complete: boolean }>((ended, fail) => {
      const watch = httpRequest(
        `${survivor.url}/k8s/clusters/${clusterId}/api/v1/namespaces/default/configmaps?watch=true`,
        { headers: { cookie: admin.cookie } },
        (response) => {
          response.resume();
          response.on('close', () => ended({ complete: response.complete }));
        },
      );
      watch.on('error', fail);
      watch.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A request whose body is still on its way when the signal comes.
    const name = `in-flight-${Date.now()}`;
    const body = JSON.stringify({ metadata: { name }, data: { sent: 'slowly' } });
    const inFlight = new Promise<number>((answered, fail) => {
      const upload = httpRequest(
        `${survivor.url}/k8s/clusters/${clusterId}/api/v1/namespaces/default/configmaps`,
        {
          method: 'POST',
          headers: {
            cookie: admin.cookie,
            'x-csrf-token': admin.csrf,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => answered(response.statusCode ?? 0));
        },
      );
      upload.on('error', fail);
      upload.write(body.slice(0, 10));
      setTimeout(() => upload.end(body.slice(10)), 500);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const liveUpdates = await openWatchSocket(survivor.url, admin);
    survivor.child.kill('SIGTERM');
    expect(await inFlight).toBe(201);
    // 1001 "going away": the SPA reconnects, through the load balancer, to another replica.
    expect(await liveUpdates.closed).toBe(1001);
    expect(await watchEnded).toEqual({ complete: true });
    // Code 0, not the 1 of a shutdown that ran into BOKUJO_SHUTDOWN_TIMEOUT_SECONDS.
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
    expect((await core.readNamespacedConfigMap({ name, namespace: 'default' })).data).toEqual({ sent: 'slowly' });
    await survivor.waitForLog('shut down cleanly', 1_000);
  });
});
