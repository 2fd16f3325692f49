import Type from 'typebox';

export const ClusterStateSchema = Type.Enum(['Pending', 'Active', 'Unavailable']);
export type ClusterState = Type.Static<typeof ClusterStateSchema>;

export const ClusterProviderSchema = Type.Enum([
  'kubeadm',
  'k3s',
  'rke2',
  'eks',
  'gke',
  'aks',
  'kind',
  'kwok',
  'other',
]);
export type ClusterProvider = Type.Static<typeof ClusterProviderSchema>;

/** Kubernetes quantities as plain numbers: CPU in millicores, memory in bytes. */
export const ResourceFiguresSchema = Type.Object({
  capacity: Type.Number(),
  allocatable: Type.Number(),
  /** Sum of the requests of pods that are not finished. */
  requested: Type.Number(),
});
export type ResourceFigures = Type.Static<typeof ResourceFiguresSchema>;

export const ClusterSummarySchema = Type.Object({
  nodeCount: Type.Integer(),
  readyNodeCount: Type.Integer(),
  cpuMillicores: ResourceFiguresSchema,
  memoryBytes: ResourceFiguresSchema,
  pods: Type.Object({ running: Type.Integer(), allocatable: Type.Integer() }),
});
export type ClusterSummary = Type.Static<typeof ClusterSummarySchema>;

/** Plain text everywhere: names, descriptions and labels are never rendered as HTML. */
export const ClusterNameSchema = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
  description: 'Lower-case letters, digits and dashes, as a DNS label',
});
export const ClusterDescriptionSchema = Type.String({ maxLength: 1024 });
export const ClusterLabelsSchema = Type.Record(
  Type.String({ minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$' }),
  Type.String({ maxLength: 63 }),
  { maxProperties: 64 },
);

export const ClusterSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  labels: Type.Record(Type.String(), Type.String()),
  state: ClusterStateSchema,
  /** Why the cluster is Unavailable (or Pending), in plain English. */
  stateReason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Union([Type.String(), Type.Null()]),
  provider: Type.Union([ClusterProviderSchema, Type.Null()]),
  server: Type.String(),
  /** Warnings to show with the cluster, e.g. TLS verification switched off at import. */
  warnings: Type.Array(Type.String()),
  credentialKind: Type.Enum(['service-account', 'uploaded']),
  summary: Type.Union([ClusterSummarySchema, Type.Null()]),
  lastCheckedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Cluster = Type.Static<typeof ClusterSchema>;

export const ImportClusterBodySchema = Type.Object(
  {
    name: ClusterNameSchema,
    description: Type.Optional(ClusterDescriptionSchema),
    labels: Type.Optional(ClusterLabelsSchema),
    kubeconfig: Type.String({ minLength: 1, maxLength: 1_048_576, description: 'The kubeconfig file, as text' }),
    context: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    insecureSkipTlsVerify: Type.Optional(Type.Boolean()),
    keepUploadedCredential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ImportClusterBody = Type.Static<typeof ImportClusterBodySchema>;

export const UpdateClusterBodySchema = Type.Object(
  {
    name: Type.Optional(ClusterNameSchema),
    description: Type.Optional(ClusterDescriptionSchema),
    labels: Type.Optional(ClusterLabelsSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateClusterBody = Type.Static<typeof UpdateClusterBodySchema>;

export const KubeconfigDownloadSchema = Type.Object({
  kubeconfig: Type.String(),
  tokenId: Type.String(),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
