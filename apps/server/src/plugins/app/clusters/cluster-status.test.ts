import { createServer, type Server } from 'node:net';
import { ApiException, AppsV1Api, CoreV1Api, type V1Node, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { type Cluster, startCluster } from '@bokujo/testenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClusterStatusError,
  describeClusterError,
  formatSeconds,
  podRequests,
  readClusterStatus,
  summarizeCluster,
} from './cluster-status.ts';
import type { ClusterConnection } from './connection.ts';
import { kubeConfigFor } from './kube-config.ts';

const gi = 2 ** 30;
const mi = 2 ** 20;

const node = (name: string, ready: boolean, resources: Record<string, string>, allocatable = resources): V1Node => ({
  metadata: { name },
  status: {
    capacity: resources,
    allocatable,
    conditions: [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: ready ? 'True' : 'Unknown' },
    ],
  },
});

const container = (name: string, requests?: Record<string, string>, restartPolicy?: string) => ({
  name,
  image: 'registry.example/app:1',
  ...(requests ? { resources: { requests } } : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
});

// null: not bound to any node yet.
const pod = (name: string, phase: string, spec: Partial<V1PodSpec>, nodeName: string | null = 'n1'): V1Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}), ...spec },
  status: { phase },
});

describe('podRequests', () => {
  it('sums the containers', () => {
    const spec = {
      containers: [
        container('a', { cpu: '250m', memory: '64Mi' }),
        container('b', { cpu: '0.1', memory: '32Mi' }),
        container('c'),
      ],
    };
    expect(podRequests(spec)).toEqual({ cpuMillicores: 350, memoryBytes: 96 * mi });
  });

  it('takes the init phase when it asks for more than the containers', () => {
    const spec = {
      containers: [container('app', { cpu: '200m', memory: '128Mi' })],
      initContainers: [
        container('migrate', { cpu: '1', memory: '64Mi' }),
        container('warm', { cpu: '500m', memory: '256Mi' }),
      ],
    };
    // cpu: max(200m, max(1000m, 500m)); memory: max(128Mi, max(64Mi, 256Mi))
    expect(podRequests(spec)).toEqual({ cpuMillicores: 1000, memoryBytes: 256 * mi });
  });

  it('counts sidecars (restartable init containers) with the containers and under later init containers', () => {
    const spec = {
      containers: [container('app', { cpu: '300m', memory: '100Mi' })],
      initContainers: [
        container('proxy', { cpu: '100m', memory: '50Mi' }, 'Always'),
        container('setup', { cpu: '600m', memory: '10Mi' }),
      ],
    };
    // running: 300m + 100m; init phase: setup next to proxy = 700m. memory: 150Mi vs 60Mi.
    expect(podRequests(spec)).toEqual({ cpuMillicores: 700, memoryBytes: 150 * mi });
  });

  it('adds the runtime class overhead', () => {
    const spec = {
      containers: [container('app', { cpu: '1', memory: '1Gi' })],
      overhead: { cpu: '250m', memory: '120Mi' },
    };
    expect(podRequests(spec)).toEqual({ cpuMillicores: 1250, memoryBytes: gi + 120 * mi });
  });

  it('uses pod-level requests where they are set', () => {
    const spec = {
      containers: [
        container('app', { cpu: '100m', memory: '64Mi' }),
        container('log', { cpu: '100m', memory: '64Mi' }),
      ],
      resources: { requests: { cpu: '1500m' } },
    };
    expect(podRequests(spec)).toEqual({ cpuMillicores: 1500, memoryBytes: 128 * mi });
  });
});

describe('summarizeCluster', () => {
  it('adds up nodes and the requests of pods bound to them', () => {
    const nodes = [
      node('n1', true, { cpu: '8', memory: '32Gi', pods: '110' }, { cpu: '7800m', memory: '31Gi', pods: '110' }),
      node('n2', false, { cpu: '4', memory: '16Gi', pods: '58' }, { cpu: '3900m', memory: '15Gi', pods: '58' }),
      { metadata: { name: 'n3' } },
    ];
    const pods = [
      pod('web', 'Running', { containers: [container('web', { cpu: '500m', memory: '256Mi' })] }),
      pod('job-init', 'Pending', { containers: [container('job', { cpu: '1', memory: '1Gi' })] }, 'n2'),
      // Not placed: holds nothing on any node.
      pod('too-big', 'Pending', { containers: [container('big', { cpu: '1000', memory: '1Ti' })] }, null),
      // Finished pods are filtered by the field selector; should one slip through, it still counts nothing.
      pod('done', 'Succeeded', { containers: [container('once', { cpu: '2', memory: '2Gi' })] }),
    ];
    expect(summarizeCluster(nodes, pods)).toEqual({
      nodeCount: 3,
      readyNodeCount: 1,
      cpuMillicores: { capacity: 12_000, allocatable: 11_700, requested: 1500 },
      memoryBytes: { capacity: 48 * gi, allocatable: 46 * gi, requested: 256 * mi + gi },
      pods: { running: 1, allocatable: 168 },
    });
  });

  it('is all zeros for an empty cluster', () => {
    expect(summarizeCluster([], [])).toEqual({
      nodeCount: 0,
      readyNodeCount: 0,
      cpuMillicores: { capacity: 0, allocatable: 0, requested: 0 },
      memoryBytes: { capacity: 0, allocatable: 0, requested: 0 },
      pods: { running: 0, allocatable: 0 },
    });
  });
});

describe('describeClusterError', () => {
  const server = 'https://10.0.0.1:6443';
  const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

  it('names network failures', () => {
    expect(describeClusterError(fetchFailed(coded('connect ETIMEDOUT', 'ETIMEDOUT')), { server })).toBe(
      'connecting to https://10.0.0.1:6443 timed out',
    );
    expect(describeClusterError(fetchFailed(coded('read ECONNRESET', 'ECONNRESET')), { server })).toBe(
      'connection to https://10.0.0.1:6443 was closed unexpectedly',
    );
    const bothFamilies = new AggregateError([coded('connect ECONNREFUSED ::1:6443', 'ECONNREFUSED')], '');
    expect(describeClusterError(fetchFailed(bothFamilies), { server })).toBe(
      'connection refused at https://10.0.0.1:6443',
    );
  });

  it('names TLS failures', () => {
    expect(describeClusterError(fetchFailed(coded('certificate has expired', 'CERT_HAS_EXPIRED')), { server })).toBe(
      'TLS: the certificate of https://10.0.0.1:6443 has expired',
    );
    expect(
      describeClusterError(fetchFailed(coded('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT')), { server }),
    ).toBe('TLS: certificate signed by unknown authority (https://10.0.0.1:6443)');
  });

  it('passes the apiserver Status message on and spots non-Kubernetes servers', () => {
    const status = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'etcdserver: request timed out',
      code: 500,
    });
    expect(
      describeClusterError(new ApiException(500, 'Unknown API Status Code!', status, {}), {
        server,
        action: 'list pods',
      }),
    ).toBe('500 Internal Server Error: etcdserver: request timed out');
    expect(
      describeClusterError(new ApiException(404, 'Unknown API Status Code!', '<html>nope</html>', {}), {
        server,
        action: 'list nodes',
      }),
    ).toBe('404 Not Found from https://10.0.0.1:6443 trying to list nodes: is it a Kubernetes API server?');
  });

  it('formats timeouts for people', () => {
    expect(formatSeconds(10_000)).toBe('10 s');
    expect(formatSeconds(2500)).toBe('2.5 s');
  });
});

/** The admin (system:masters) client certificate of a testenv cluster, as Bokujo stores a connection. */
function adminConnection(cluster: Cluster, overrides: Partial<ClusterConnection> = {}): ClusterConnection {
  const pem = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
  const user = cluster.kubeConfig.getCurrentUser();
  return {
    clusterId: cluster.name,
    server: cluster.server,
    caData: pem(cluster.kubeConfig.getCurrentCluster()?.caData),
    insecureSkipTlsVerify: false,
    credential: { kind: 'client-certificate', certData: pem(user?.certData), keyData: pem(user?.keyData) },
    ...overrides,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

describe('readClusterStatus against a testenv cluster', () => {
  const nodeCount = 3;
  let cluster: Cluster;
  // Accepts TCP connections and never answers: the way a firewalled or hung apiserver looks.
  let blackhole: Server;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: nodeCount });
    blackhole = createServer(() => {});
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  }, 600_000);

  afterAll(async () => {
    blackhole?.close();
    await cluster?.stop();
  }, 120_000);

  it('reads version, provider and capacity of the kwok nodes', async () => {
    const status = await readClusterStatus(kubeConfigFor(adminConnection(cluster)), { timeoutMs: 10_000 });
    expect(status.version).toBe('v1.37.2');
    expect(status.provider).toBe('kwok');
    // packages/testenv gives every kwok node 32 CPUs, 256Gi and 110 pods, allocatable as capacity.
    expect(status.summary).toMatchObject({
      nodeCount,
      readyNodeCount: nodeCount,
      cpuMillicores: { capacity: nodeCount * 32_000, allocatable: nodeCount * 32_000 },
      memoryBytes: { capacity: nodeCount * 256 * gi, allocatable: nodeCount * 256 * gi },
      pods: { allocatable: nodeCount * 110 },
    });
  });

  it(
    'counts the requests of a new Deployment, init containers included, and not unschedulable pods',
    { timeout: 180_000 },
    async () => {
      const kubeConfig = kubeConfigFor(adminConnection(cluster));
      const read = () => readClusterStatus(kubeConfig, { timeoutMs: 10_000 });
      const before = (await read()).summary;

      await cluster.kubectl(['create', 'namespace', 'status-test']);
      const labels = { app: 'requests-test' };
      await cluster.kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: 'status-test',
        body: {
          metadata: { name: 'requests-test' },
          spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                // Per pod: cpu max(250m + 100m, 500m) = 500m; memory max(64Mi + 32Mi, 16Mi) = 96Mi.
                initContainers: [
                  { name: 'setup', image: 'busybox', resources: { requests: { cpu: '500m', memory: '16Mi' } } },
                ],
                containers: [
                  { name: 'app', image: 'nginx', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
                  { name: 'log', image: 'busybox', resources: { requests: { cpu: '100m', memory: '32Mi' } } },
                ],
              },
            },
          },
        },
      });

      const expectedCpu = before.cpuMillicores.requested + 3 * 500;
      const expectedMemory = before.memoryBytes.requested + 3 * 96 * mi;
      const after = await waitFor(
        async () => (await read()).summary,
        (summary) => summary.pods.running >= before.pods.running + 3 && summary.cpuMillicores.requested >= expectedCpu,
        90_000,
      );
      expect(after.pods.running).toBe(before.pods.running + 3);
      expect(after.cpuMillicores.requested).toBe(expectedCpu);
      expect(after.memoryBytes.requested).toBe(expectedMemory);

      // A pod no node can hold stays Pending without a node and reserves nothing.
      const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
      await core.createNamespacedPod({
        namespace: 'status-test',
        body: {
          metadata: { name: 'too-big' },
          spec: {
            containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '1000', memory: '1Ti' } } }],
          },
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const withPending = (await read()).summary;
      expect(
        (await core.readNamespacedPod({ namespace: 'status-test', name: 'too-big' })).spec?.nodeName,
      ).toBeUndefined();
      expect(withPending.cpuMillicores.requested).toBe(expectedCpu);
      expect(withPending.memoryBytes.requested).toBe(expectedMemory);
    },
  );

  it('works with TLS verification switched off', async () => {
    const connection = adminConnection(cluster, { insecureSkipTlsVerify: true });
    delete connection.caData;
    const status = await readClusterStatus(kubeConfigFor(connection), { timeoutMs: 10_000 });
    expect(status.summary.nodeCount).toBe(nodeCount);
  });

  it('says the CA is unknown when the cluster CA is not given', async () => {
    const connection = adminConnection(cluster);
    delete connection.caData;
    await expect(readClusterStatus(kubeConfigFor(connection), { timeoutMs: 10_000 })).rejects.toThrow(
      `TLS: certificate signed by unknown authority (${cluster.server})`,
    );
  });

  it('says the certificate does not fit a wrong TLS server name', async () => {
    const connection = adminConnection(cluster, { tlsServerName: 'apiserver.example.com' });
    await expect(readClusterStatus(kubeConfigFor(connection), { timeoutMs: 10_000 })).rejects.toThrow(
      `TLS: the certificate of ${cluster.server} is not valid for apiserver.example.com`,
    );
  });

  it('reports a rejected credential as 401', async () => {
    const connection = adminConnection(cluster, {
      credential: { kind: 'token', token: 'not-a-token-the-cluster-knows' },
    });
    const failure = await readClusterStatus(kubeConfigFor(connection), { timeoutMs: 10_000 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ClusterStatusError);
    expect((failure as ClusterStatusError).message).toBe("401 Unauthorized: Bokujo's credential was rejected");
    expect((failure as ClusterStatusError).statusCode).toBe(401);
  });

  it('reports a credential without the rights as 403, naming what it may not do', async () => {
    const alice = cluster.identities['alice'];
    if (!alice) throw new Error('testenv has no alice');
    const connection = adminConnection(cluster, { credential: { kind: 'token', token: alice.token } });
    await expect(readClusterStatus(kubeConfigFor(connection), { timeoutMs: 10_000 })).rejects.toThrow(
      /^403 Forbidden: Bokujo's credential may not list (nodes|pods) \(.*User "alice" cannot list/,
    );
  });

  it('reports connection refused at once', async () => {
    const server = `https://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    await expect(
      readClusterStatus(kubeConfigFor(adminConnection(cluster, { server })), { timeoutMs: 10_000 }),
    ).rejects.toThrow(`connection refused at ${server}`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const server = `https://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
    const started = Date.now();
    await expect(
      readClusterStatus(kubeConfigFor(adminConnection(cluster, { server })), { timeoutMs: 700 }),
    ).rejects.toThrow(`timed out after 0.7 s at ${server}`);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(2000);
  });

  it('stops when the caller aborts', async () => {
    const server = `https://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('server shutting down')), 100);
    await expect(
      readClusterStatus(kubeConfigFor(adminConnection(cluster, { server })), {
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    ).rejects.toThrow('server shutting down');
  });
});
