import Type from 'typebox';

/** The kinds the console deploys, with where Kubernetes serves them. */
export const workloadKinds = {
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments' },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets' },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets' },
  Job: { apiVersion: 'batch/v1', plural: 'jobs' },
  CronJob: { apiVersion: 'batch/v1', plural: 'cronjobs' },
} as const;
export type WorkloadKind = keyof typeof workloadKinds;

/** `/apis/apps/v1/namespaces/<namespace>/deployments`, the collection a kind is created in. */
export function workloadCollectionPath(kind: WorkloadKind, namespace: string) {
  const { apiVersion, plural } = workloadKinds[kind];
  return `/apis/${apiVersion}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

const ObjectNameSchema = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
  description: 'a lowercase DNS name',
});

/** A Kubernetes object as sent: the fields Bokujo checks are typed, the rest passes to Kubernetes. */
const manifest = <Kind extends string>(apiVersions: string[], kinds: Kind[]) =>
  Type.Object(
    {
      apiVersion: Type.Enum(apiVersions),
      kind: Type.Enum(kinds),
      metadata: Type.Object(
        { name: ObjectNameSchema, namespace: Type.Optional(Type.String()) },
        { additionalProperties: true },
      ),
    },
    { additionalProperties: true },
  );

export const DeployWorkloadBodySchema = Type.Object(
  {
    workload: manifest(['apps/v1', 'batch/v1'], Object.keys(workloadKinds) as WorkloadKind[]),
    /** New claims the workload mounts; created first and removed again if the workload fails. */
    volumeClaims: Type.Optional(Type.Array(manifest(['v1'], ['PersistentVolumeClaim']), { maxItems: 32 })),
    /** Services exposing the workload's ports; created after it. */
    services: Type.Optional(Type.Array(manifest(['v1'], ['Service']), { maxItems: 8 })),
  },
  { additionalProperties: false },
);
export type DeployWorkloadBody = Type.Static<typeof DeployWorkloadBodySchema>;

const CreatedObjectSchema = Type.Object({ kind: Type.String(), name: Type.String(), uid: Type.String() });

export const DeployWorkloadResultSchema = Type.Object({
  workload: CreatedObjectSchema,
  volumeClaims: Type.Array(CreatedObjectSchema),
  services: Type.Array(CreatedObjectSchema),
});
export type DeployWorkloadResult = Type.Static<typeof DeployWorkloadResultSchema>;

/** The API group of a kind, as RBAC rules and access reviews name it (`apps`, `batch`). */
export const workloadApiGroup = (kind: WorkloadKind) => workloadKinds[kind].apiVersion.split('/')[0] ?? '';

/** `/apis/apps/v1/namespaces/<namespace>/deployments/<name>`, one object of a kind. */
export const workloadObjectPath = (kind: WorkloadKind, namespace: string, name: string) =>
  `${workloadCollectionPath(kind, namespace)}/${encodeURIComponent(name)}`;

export const isWorkloadKind = (value: string): value is WorkloadKind => Object.hasOwn(workloadKinds, value);

interface WorkloadKindTraits {
  /** Has `spec.replicas` a person may change. */
  scalable: boolean;
  /** The spec field that stops the controller: Deployments pause, CronJobs suspend. */
  pauseField: 'paused' | 'suspend' | null;
  /** Its pod template may change after creation, so a new annotation rolls its pods. */
  redeployable: boolean;
  /** Where Kubernetes keeps its earlier revisions. */
  history: 'ReplicaSet' | 'ControllerRevision' | null;
}

/** What each kind supports, as data: the console offers actions and sections from this table. */
export const workloadKindTraits: Record<WorkloadKind, WorkloadKindTraits> = {
  Deployment: { scalable: true, pauseField: 'paused', redeployable: true, history: 'ReplicaSet' },
  StatefulSet: { scalable: true, pauseField: null, redeployable: true, history: 'ControllerRevision' },
  DaemonSet: { scalable: false, pauseField: null, redeployable: true, history: 'ControllerRevision' },
  // A Job's pod template is immutable, and a CronJob's only reaches Jobs not yet started.
  Job: { scalable: false, pauseField: null, redeployable: false, history: null },
  CronJob: { scalable: false, pauseField: 'suspend', redeployable: false, history: null },
};

/** Label the deploy form puts on the Services it generates for a workload, so they go with it. */
export const generatedServiceLabel = 'bokujo.io/workload';

/** Pod template annotation whose change makes a controller roll its pods (Rancher's Redeploy). */
export const restartedAtAnnotation = 'bokujo.io/restartedAt';
