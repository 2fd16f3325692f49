import { describe, expect, it } from 'vitest';
import { toResourceRow, type KubeObjectJson } from './resource-rows.ts';

const metadata = (extra: Record<string, unknown> = {}) => ({
  uid: 'u-1',
  name: 'web-1',
  namespace: 'shop',
  creationTimestamp: '2026-01-02T03:04:05Z',
  labels: { app: 'web' },
  ...extra,
});

function pod(status: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObjectJson {
  return {
    metadata: metadata({ ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }], ...extra }),
    spec: { nodeName: 'node-1', containers: [{ name: 'a' }, { name: 'b' }] },
    status,
  };
}

const running = { running: { startedAt: '2026-01-02T03:04:06Z' } };

describe('pods', () => {
  it('shows kubectl’s status and the pod’s columns', () => {
    const row = toResourceRow(
      'pods',
      pod({
        phase: 'Running',
        podIP: '10.0.0.7',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: running },
          { name: 'b', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      }),
    );
    expect(row).toEqual({
      uid: 'u-1',
      name: 'web-1',
      namespace: 'shop',
      createdAt: '2026-01-02T03:04:05Z',
      labels: { app: 'web' },
      state: 'CrashLoopBackOff',
      cells: { ready: '1/2', restarts: 7, node: 'node-1', ip: '10.0.0.7', owner: 'ReplicaSet/web-abc' },
    });
  });

  it.each([
    ['Running', { phase: 'Running', containerStatuses: [{ ready: true, state: running }] }, {}],
    ['Pending', { phase: 'Pending' }, {}],
    [
      'ContainerCreating',
      { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] },
      {},
    ],
    [
      'Completed',
      { phase: 'Succeeded', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }] },
      {},
    ],
    [
      'Error',
      { phase: 'Failed', containerStatuses: [{ state: { terminated: { reason: 'Error', exitCode: 1 } } }] },
      {},
    ],
    ['ExitCode:3', { phase: 'Failed', containerStatuses: [{ state: { terminated: { exitCode: 3 } } }] }, {}],
    ['Init:0/1', { phase: 'Pending', initContainerStatuses: [{ state: { running: {} } }] }, {}],
    [
      'Init:CrashLoopBackOff',
      { phase: 'Pending', initContainerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
      {},
    ],
    ['Terminating', { phase: 'Running' }, { deletionTimestamp: '2026-01-02T03:05:00Z' }],
    ['Evicted', { phase: 'Failed', reason: 'Evicted' }, {}],
  ])('says %s', (state, status, extra) => {
    expect(toResourceRow('pods', pod(status, extra)).state).toBe(state);
  });

  it('leaves node, ip and owner empty for a bare unscheduled pod', () => {
    const row = toResourceRow('pods', {
      metadata: metadata(),
      spec: { containers: [{}] },
      status: { phase: 'Pending' },
    });
    expect(row.cells).toEqual({ ready: '0/1', restarts: 0, node: null, ip: null, owner: null });
  });
});

describe('workloads', () => {
  const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 1) => ({
    metadata: metadata({ generation }),
    spec: { template: { spec: { containers: [{ image: 'nginx:1.27' }, { image: 'busybox' }] } }, ...spec },
    status: { observedGeneration: 1, ...status },
  });

  it('reads the counts and images', () => {
    const row = toResourceRow(
      'deployments',
      deployment({ replicas: 3 }, { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 }),
    );
    expect(row.state).toBe('Unavailable');
    expect(row.cells).toEqual({ ready: '2/3', upToDate: 3, available: 2, images: 'nginx:1.27, busybox' });
  });

  it.each([
    [
      'Active',
      deployment({ replicas: 2 }, { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
    ],
    [
      'Updating',
      deployment({ replicas: 2 }, { replicas: 3, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 }),
    ],
    ['Updating', deployment({ replicas: 2 }, { replicas: 2, updatedReplicas: 2, availableReplicas: 2 }, 2)],
    ['Paused', deployment({ replicas: 2, paused: true }, {})],
    ['ScaledDown', deployment({ replicas: 0 }, {})],
  ])('says %s', (state, object) => {
    expect(toResourceRow('deployments', object).state).toBe(state);
  });

  it('uses the DaemonSet’s scheduled counts', () => {
    const row = toResourceRow('daemonsets', {
      metadata: metadata(),
      spec: { template: { spec: { containers: [{ image: 'agent' }] } } },
      status: {
        desiredNumberScheduled: 4,
        currentNumberScheduled: 4,
        numberReady: 4,
        updatedNumberScheduled: 4,
        numberAvailable: 4,
      },
    });
    expect(row).toMatchObject({ state: 'Active', cells: { ready: '4/4', upToDate: 4, available: 4, images: 'agent' } });
  });
});

describe('other kinds', () => {
  it('jobs and cronjobs', () => {
    const job = toResourceRow('jobs', {
      metadata: metadata(),
      spec: { completions: 1, template: { spec: { containers: [{ image: 'migrate' }] } } },
      status: {
        succeeded: 1,
        startTime: '2026-01-02T03:04:05Z',
        completionTime: '2026-01-02T03:04:35Z',
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    });
    expect(job).toMatchObject({
      state: 'Complete',
      cells: { completions: '1/1', active: 0, failed: 0, duration: 30, images: 'migrate' },
    });
    const cron = toResourceRow('cronjobs', {
      metadata: metadata(),
      spec: {
        schedule: '*/5 * * * *',
        suspend: true,
        jobTemplate: { spec: { template: { spec: { containers: [{ image: 'b' }] } } } },
      },
      status: {},
    });
    expect(cron).toMatchObject({
      state: 'Suspended',
      cells: { schedule: '*/5 * * * *', suspend: true, active: 0, lastSchedule: null, images: 'b' },
    });
  });

  it('services', () => {
    const row = toResourceRow('services', {
      metadata: metadata(),
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.9', ports: [{ port: 443, nodePort: 30443, protocol: 'TCP' }] },
      status: {},
    });
    expect(row).toMatchObject({
      state: 'Pending',
      cells: { type: 'LoadBalancer', clusterIP: '10.96.0.9', externalIP: null, ports: '443:30443/TCP' },
    });
  });

  it('claims and volumes', () => {
    expect(
      toResourceRow('persistentvolumeclaims', {
        metadata: metadata(),
        spec: { storageClassName: 'gold', volumeName: 'pv-1', accessModes: ['ReadWriteOnce'] },
        status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] },
      }),
    ).toMatchObject({
      state: 'Bound',
      cells: { storageClass: 'gold', capacity: '1Gi', volume: 'pv-1', accessModes: 'RWO, ROX' },
    });
    expect(
      toResourceRow('persistentvolumes', {
        metadata: { uid: 'v', name: 'pv-1' },
        spec: {
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteMany'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'gold',
          claimRef: { namespace: 'shop', name: 'data' },
        },
        status: { phase: 'Bound' },
      }),
    ).toMatchObject({
      state: 'Bound',
      cells: { capacity: '5Gi', accessModes: 'RWX', reclaimPolicy: 'Delete', storageClass: 'gold', claim: 'shop/data' },
    });
  });

  it('namespaces, nodes, events and storage classes', () => {
    expect(
      toResourceRow('namespaces', {
        metadata: { uid: 'n', name: 'shop', labels: { 'bokujo.io/project': 'p-1' } },
        status: { phase: 'Active' },
      }),
    ).toMatchObject({ state: 'Active', cells: { project: 'p-1' } });
    expect(
      toResourceRow('nodes', {
        metadata: {
          uid: 'x',
          name: 'node-1',
          labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' },
        },
        spec: { unschedulable: true },
        status: {
          conditions: [{ type: 'Ready', status: 'False' }],
          nodeInfo: { kubeletVersion: 'v1.33.0' },
          addresses: [{ type: 'InternalIP', address: '10.1.0.1' }],
        },
      }),
    ).toMatchObject({
      state: 'NotReady',
      cells: { roles: 'control-plane, worker', version: 'v1.33.0', internalIP: '10.1.0.1', schedulable: false },
    });
    expect(
      toResourceRow('events', {
        metadata: metadata({ name: 'web-1.abc' }),
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        count: 4,
        lastTimestamp: '2026-01-02T03:10:00Z',
        involvedObject: { kind: 'Pod', name: 'web-1' },
      }),
    ).toMatchObject({
      state: 'Warning',
      cells: {
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        object: 'Pod/web-1',
        count: 4,
        lastSeen: '2026-01-02T03:10:00Z',
      },
    });
    expect(
      toResourceRow('storageclasses', {
        metadata: { uid: 's', name: 'gold', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'csi.example.com',
        allowVolumeExpansion: true,
      }),
    ).toMatchObject({
      state: 'Default',
      cells: { provisioner: 'csi.example.com', default: true, reclaimPolicy: 'Delete', allowVolumeExpansion: true },
    });
  });
});
