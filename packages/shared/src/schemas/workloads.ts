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
