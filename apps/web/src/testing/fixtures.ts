import type { Cluster, Me } from '@bokujo/shared';
import type { KubeEvent, KubeList, KubeNode } from '@/lib/k8s/types';

const gib = 1024 ** 3;

/** As `GET /api/v1/me` answers for the administrator after the first-run setup. */
export const admin: Me = {
  id: 'u-3f9c2a71',
  username: 'admin',
  displayName: 'Default Admin',
  globalRoles: ['admin'],
  permissions: ['clusters:import', 'users:manage', 'roles:manage', 'audit:read', 'settings:manage'],
  mustChangePassword: false,
  authenticatedBy: 'session',
  language: null,
};

/** The administrator right after first start, still on the bootstrap password. */
export const bootstrapAdmin: Me = { ...admin, mustChangePassword: true };

/** A person with the built-in role user-base: may sign in, may not import clusters. */
export const viewer: Me = {
  ...admin,
  id: 'u-77d01b3e',
  username: 'hanako',
  displayName: '山田 花子',
  globalRoles: ['user-base'],
  permissions: [],
};

/** An imported, healthy kwok-based cluster as `GET /api/v1/clusters` lists it. */
export function activeCluster(overrides: Partial<Cluster> = {}): Cluster {
  return {
    id: 'c-5e0b7d21a4c3',
    name: 'prod-tokyo',
    description: 'Production in Tokyo',
    labels: { env: 'production' },
    state: 'Active',
    stateReason: null,
    version: 'v1.37.2',
    provider: 'kwok',
    server: 'https://10.0.12.5:6443',
    warnings: [],
    credentialKind: 'service-account',
    summary: {
      nodeCount: 3,
      readyNodeCount: 3,
      cpuMillicores: { capacity: 12_000, allocatable: 11_500, requested: 3_250 },
      memoryBytes: { capacity: 48 * gib, allocatable: 46.5 * gib, requested: 10.25 * gib },
      pods: { running: 42, allocatable: 1_100 },
    },
    lastCheckedAt: '2026-03-01T09:15:30.000Z',
    createdAt: '2026-02-27T08:00:00.000Z',
    ...overrides,
  };
}

export function unavailableCluster(overrides: Partial<Cluster> = {}): Cluster {
  return activeCluster({
    id: 'c-91aa03ff6e20',
    name: 'lab-osaka',
    description: '',
    state: 'Unavailable',
    stateReason: 'connect ECONNREFUSED 10.0.40.2:6443: the API server does not answer',
    summary: null,
    provider: null,
    ...overrides,
  });
}

export function nodeList(): KubeList<KubeNode> {
  const node = (name: string, ready: 'True' | 'False', roles: string[]): KubeNode => ({
    metadata: {
      name,
      labels: Object.fromEntries<string>([
        ['kubernetes.io/hostname', name],
        ...roles.map((role): [string, string] => [`node-role.kubernetes.io/${role}`, '']),
      ]),
      creationTimestamp: '2026-02-27T08:00:00Z',
    },
    status: {
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '3800m', memory: '15872Mi', pods: '110' },
      conditions: [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'KubeletReady' : 'KubeletNotReady' }],
      nodeInfo: { kubeletVersion: 'v1.37.2' },
    },
  });
  return {
    kind: 'NodeList',
    items: [
      node('worker-b', 'False', ['worker']),
      node('control-1', 'True', ['control-plane']),
      node('worker-a', 'True', ['worker']),
    ],
  };
}

export function eventList(now: number): KubeList<KubeEvent> {
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  return {
    kind: 'EventList',
    items: [
      {
        metadata: { name: 'web-1.a', namespace: 'shop', uid: 'e1' },
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned shop/web-1 to worker-a',
        involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
        lastTimestamp: ago(42),
      },
      {
        metadata: { name: 'worker-b.b', uid: 'e2' },
        type: 'Warning',
        reason: 'NodeNotReady',
        message: 'Node worker-b status is now: NodeNotReady',
        involvedObject: { kind: 'Node', name: 'worker-b' },
        lastTimestamp: ago(3),
      },
    ],
  };
}
