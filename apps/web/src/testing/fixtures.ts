import {
  builtInGlobalRoles,
  type Cluster,
  type GlobalRoleInfo,
  type Me,
  type Member,
  type Project,
  type ProjectNamespace,
  type User,
} from '@bokujo/shared';
import type {
  KubeEvent,
  KubeList,
  KubeNode,
  KubePersistentVolume,
  KubePersistentVolumeClaim,
  KubeStorageClass,
} from '@/lib/k8s/types';

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

/** The seed's two Trident classes as testenv creates them, ontap-gold marked default as in chapter 3. */
export function storageClassList(): KubeList<KubeStorageClass> {
  return {
    kind: 'StorageClassList',
    items: [
      {
        metadata: {
          name: 'ontap-gold',
          uid: 'sc-1',
          creationTimestamp: '2026-02-27T08:00:00Z',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'csi.trident.netapp.io',
        parameters: {
          backendType: 'ontap-nas',
          media: 'ssd',
          provisioningType: 'thin',
          snapshots: 'true',
          clones: 'true',
        },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
      },
      {
        metadata: { name: 'solidfire-gold', uid: 'sc-2', creationTimestamp: '2026-02-27T08:02:00Z' },
        provisioner: 'csi.trident.netapp.io',
        parameters: { backendType: 'solidfire-san', IOPS: '8000', fsType: 'ext4' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
    ],
  };
}

/** A project with the seed's WordPress namespace and a second, empty one. */
export const wordpressProject: Project = {
  id: 'p-8c1d2e3f',
  clusterId: 'c-5e0b7d21a4c3',
  name: 'WordPress',
  description: 'The seed’s WordPress and MySQL',
  kind: 'user',
  resourceQuota: null,
  namespaceDefaultQuota: null,
  createdAt: '2026-02-27T08:10:00.000Z',
};

export const wordpressNamespaces: ProjectNamespace[] = [
  { name: 'wordpress', projectId: 'p-8c1d2e3f', phase: 'Active', createdAt: '2026-02-27T08:10:00Z' },
  { name: 'wordpress-staging', projectId: 'p-8c1d2e3f', phase: 'Active', createdAt: '2026-02-27T08:11:00Z' },
];

/** The seed's WordPress claims: MySQL on ontap-gold (Retain), and one still waiting for a volume. */
export function volumeClaimList(now: number): KubeList<KubePersistentVolumeClaim> {
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  return {
    kind: 'PersistentVolumeClaimList',
    items: [
      {
        metadata: { name: 'mysql-pv-claim', namespace: 'wordpress', uid: 'pvc-1', creationTimestamp: ago(120) },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '20Gi' } },
          storageClassName: 'ontap-gold',
          volumeName: 'pvc-1',
        },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } },
      },
      {
        metadata: { name: 'wp-pv-claim', namespace: 'wordpress', uid: 'pvc-2', creationTimestamp: ago(5) },
        spec: {
          accessModes: ['ReadWriteMany'],
          resources: { requests: { storage: '10Gi' } },
          storageClassName: 'solidfire-gold',
        },
        status: { phase: 'Pending' },
      },
    ],
  };
}

export function persistentVolumeList(): KubeList<KubePersistentVolume> {
  return {
    kind: 'PersistentVolumeList',
    items: [
      {
        metadata: { name: 'pvc-1', uid: 'pv-1' },
        spec: {
          capacity: { storage: '20Gi' },
          accessModes: ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'ontap-gold',
          claimRef: { namespace: 'wordpress', name: 'mysql-pv-claim' },
        },
        status: { phase: 'Bound' },
      },
      {
        metadata: { name: 'nfs-archive', uid: 'pv-2' },
        spec: {
          capacity: { storage: '1536Mi' },
          accessModes: ['ReadWriteMany', 'ReadOnlyMany'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'manual',
        },
        status: { phase: 'Available' },
      },
      {
        metadata: { name: 'old-logs', uid: 'pv-3' },
        spec: {
          capacity: { storage: '5Gi' },
          accessModes: ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Recycle',
        },
        status: { phase: 'Failed', reason: 'VolumeFailedRecycle', message: 'recycler pod failed' },
      },
    ],
  };
}

// ——— Access: users, projects, members, audit (as the server answers them) ———

/** Users as `GET /api/v1/users` lists them. */
export function userList(): User[] {
  return [
    {
      id: admin.id,
      username: 'admin',
      displayName: 'Default Admin',
      enabled: true,
      globalRoles: ['admin'],
      mustChangePassword: false,
      createdAt: '2026-02-27T08:00:00.000Z',
    },
    {
      id: viewer.id,
      username: 'hanako',
      displayName: '山田 花子',
      enabled: true,
      globalRoles: ['user-base'],
      mustChangePassword: true,
      createdAt: '2026-03-01T09:00:00.000Z',
    },
    {
      id: 'u-0c4ffee1',
      username: 'taro',
      displayName: 'taro',
      enabled: false,
      globalRoles: ['user'],
      mustChangePassword: false,
      createdAt: '2026-03-02T10:30:00.000Z',
    },
  ];
}

export const globalRoleList = (): GlobalRoleInfo[] => [
  { id: 'admin', name: 'Administrator', builtIn: true, permissions: [...builtInGlobalRoles.admin] },
  { id: 'user', name: 'Standard User', builtIn: true, permissions: [...builtInGlobalRoles.user] },
  { id: 'user-base', name: 'User-Base', builtIn: true, permissions: [] },
  { id: 'auditor', name: 'Auditor', builtIn: false, permissions: ['audit:read'] },
];

/** The projects of `activeCluster()`: the two that come with every cluster and one of people. */
export function projectList(clusterId = activeCluster().id): Project[] {
  const project = (id: string, name: string, kind: Project['kind']): Project => ({
    id,
    clusterId,
    name,
    description: kind === 'user' ? 'Online shop' : '',
    kind,
    resourceQuota: null,
    namespaceDefaultQuota: null,
    createdAt: '2026-02-27T08:00:00.000Z',
  });
  return [
    project('p-default001', 'Default', 'default'),
    project('p-shop00001', 'shop', 'user'),
    project('p-system001', 'System', 'system'),
  ];
}

export const projectNamespace = (name: string, projectId: string | null): ProjectNamespace => ({
  name,
  projectId,
  phase: 'Active',
  createdAt: '2026-02-28T12:00:00.000Z',
});

export const member = (subjectName: string, roleTemplateId: string, overrides: Partial<Member> = {}): Member => ({
  id: `m-${subjectName}-${roleTemplateId}`,
  subjectKind: 'user',
  subject: `u-${subjectName}`,
  subjectName,
  roleTemplateId,
  createdAt: '2026-03-01T09:30:00.000Z',
  ...overrides,
});

/** The project `p-shop` with the namespace `shop`, as its workloads page sees it. */
export const workloadFixtures = {
  project: { id: 'p-shop', clusterId: 'c-5e0b7d21a4c3', name: 'shop' },
  /** A Deployment mid-rollout: 2 of 3 ready. Its Service was generated by the deploy form. */
  web: {
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'd-web',
      generation: 4,
      creationTimestamp: '2026-02-28T09:00:00Z',
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.27' }],
          volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'web-uploads' } }],
        },
      },
    },
    status: { observedGeneration: 4, replicas: 3, readyReplicas: 2, updatedReplicas: 3 },
  },
  /** A 3-replica StatefulSet with a claim per replica, all ready. */
  db: {
    metadata: { name: 'db', namespace: 'shop', uid: 's-db', generation: 1, creationTimestamp: '2026-02-28T08:00:00Z' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:17' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' } }],
    },
    status: {
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      currentRevision: 'db-7d9f',
      updateRevision: 'db-7d9f',
    },
  },
  pods: [
    ...['web-6b8f-a', 'web-6b8f-b'].map((name, index) => ({
      metadata: {
        name,
        namespace: 'shop',
        uid: name,
        labels: { app: 'web' },
        creationTimestamp: '2026-02-28T09:01:00Z',
      },
      spec: { nodeName: 'worker-a' },
      status: { phase: 'Running', podIP: `10.0.0.${index + 1}`, containerStatuses: [{ name: 'web', restartCount: 2 }] },
    })),
    ...[0, 1, 2].map((ordinal) => ({
      metadata: {
        name: `db-${ordinal}`,
        namespace: 'shop',
        uid: `db-${ordinal}`,
        labels: { app: 'db' },
        creationTimestamp: '2026-02-28T08:01:00Z',
      },
      spec: { nodeName: `worker-${ordinal}` },
      status: { phase: 'Running', podIP: `10.0.1.${ordinal}`, containerStatuses: [{ name: 'db', restartCount: 0 }] },
    })),
  ],
  claims: [
    ...[0, 1, 2].map((ordinal) => ({
      metadata: { name: `data-db-${ordinal}`, namespace: 'shop', uid: `pvc-${ordinal}` },
      spec: {
        storageClassName: 'solidfire-gold',
        volumeName: `pvc-vol-${ordinal}`,
        resources: { requests: { storage: '10Gi' } },
      },
      status: { phase: 'Bound', capacity: { storage: '10Gi' } },
    })),
    {
      metadata: { name: 'web-uploads', namespace: 'shop', uid: 'pvc-web' },
      spec: { storageClassName: 'ontap-gold', volumeName: 'pvc-vol-web' },
      status: { phase: 'Bound', capacity: { storage: '5Gi' } },
    },
  ],
} as const;
