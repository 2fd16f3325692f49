import Type from 'typebox';
import { cachedResourceNames } from '../k8s/cached-resources.ts';

/**
 * One object of a cached list as the console shows it: identity, labels, a display state and the
 * kind's own columns. The server keeps only these, not whole objects, so 50k pods stay small.
 */
export const ResourceRowSchema = Type.Object({
  uid: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
  /** RFC 3339 creation time. */
  createdAt: Type.String(),
  labels: Type.Record(Type.String(), Type.String()),
  /** Display state, e.g. `Running`, `CrashLoopBackOff`, `Terminating`, `Available`, `Bound`. */
  state: Type.String(),
  /** The kind's own columns; see `resource-rows.ts` for which keys each kind has. */
  cells: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});
export type ResourceRow = Type.Static<typeof ResourceRowSchema>;

/** `-` sorts descending; `age` puts the youngest first (ascending age), `-age` the oldest. */
export const resourceListSorts = [
  'name',
  '-name',
  'namespace',
  '-namespace',
  'age',
  '-age',
  'state',
  '-state',
] as const;
export type ResourceListSort = (typeof resourceListSorts)[number];

/** What narrows a list; the same fields narrow a live subscription. */
export const ResourceFilterSchema = Type.Object({
  namespace: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  /** Only namespaces of this Bokujo project. */
  project: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
  /** Case-insensitive part of the name. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
  /** A Kubernetes label selector: `app=web,tier in (a,b),!canary`. */
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  /** Exact display state, e.g. `Running`. */
  state: Type.Optional(Type.String({ minLength: 1, maxLength: 63 })),
});
export type ResourceFilter = Type.Static<typeof ResourceFilterSchema>;

export const ResourceListParamsSchema = Type.Object({
  clusterId: Type.String(),
  resource: Type.Enum(cachedResourceNames),
});

export const ResourceListQuerySchema = Type.Object(
  {
    ...ResourceFilterSchema.properties,
    sort: Type.Optional(Type.Enum([...resourceListSorts])),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type ResourceListQuery = Type.Static<typeof ResourceListQuerySchema>;

export const ResourceListSchema = Type.Object({
  items: Type.Array(ResourceRowSchema),
  /** Rows matching the filter, across all pages. */
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  /** The cache's resourceVersion the page was read at. */
  resourceVersion: Type.String(),
});
export type ResourceList = Type.Static<typeof ResourceListSchema>;

// Live updates: one websocket per browser tab at `/api/v1/watch`, many subscriptions over it.

export const WatchSubscribeSchema = Type.Object(
  {
    ...ResourceFilterSchema.properties,
    type: Type.Literal('subscribe'),
    /** Chosen by the client, unique on its socket; every answer about this subscription carries it. */
    id: Type.String({ minLength: 1, maxLength: 64 }),
    clusterId: Type.String(),
    resource: Type.Enum(cachedResourceNames),
  },
  { additionalProperties: false },
);
export type WatchSubscribe = Type.Static<typeof WatchSubscribeSchema>;

export const WatchUnsubscribeSchema = Type.Object({ type: Type.Literal('unsubscribe'), id: Type.String() });
export type WatchUnsubscribe = Type.Static<typeof WatchUnsubscribeSchema>;

export const WatchClientMessageSchema = Type.Union([WatchSubscribeSchema, WatchUnsubscribeSchema]);
export type WatchClientMessage = Type.Static<typeof WatchClientMessageSchema>;

export const ResourceChangeSchema = Type.Object({
  type: Type.Union([Type.Literal('ADDED'), Type.Literal('MODIFIED'), Type.Literal('DELETED')]),
  row: ResourceRowSchema,
});
export type ResourceChange = Type.Static<typeof ResourceChangeSchema>;

export type WatchServerMessage =
  | { type: 'subscribed'; id: string; resourceVersion: string }
  /**
   * Changes matching the subscription's filter, in order, a few batched together. A row that stops
   * matching (say its state changed) arrives as DELETED, one that starts matching as ADDED.
   */
  | { type: 'changes'; id: string; resourceVersion: string; changes: ResourceChange[] }
  /** The cache had to list again (410 Gone, reconnect): refetch the list, changes may be missing. */
  | { type: 'resync'; id: string }
  /** Refused or ended subscription (`id` set), or a bad message; the body of Bokujo's error contract. */
  | {
      type: 'error';
      id?: string;
      statusCode: number;
      code: string;
      message: string;
      details?: { field: string; reason: string }[];
    };

/** One (cluster, kind) cache of this server process, for `GET /api/v1/system/caches`. */
export const ResourceCacheStatsSchema = Type.Object({
  clusterId: Type.String(),
  resource: Type.Enum(cachedResourceNames),
  /** `listing` until the first list is complete, `synced` while watching, `retrying` after a failure. */
  state: Type.Union([Type.Literal('listing'), Type.Literal('synced'), Type.Literal('retrying')]),
  rows: Type.Integer(),
  /** Live websocket subscriptions fed by this cache. */
  subscribers: Type.Integer(),
  /** Watch connections open to the apiserver: 0 or 1 per cache, however many subscribers. */
  upstreamWatches: Type.Integer(),
  resourceVersion: Type.String(),
  /** Full lists after the first one (410 Gone, in-band watch errors). */
  relists: Type.Integer(),
  /** Watch connections opened again after one ended (timeouts, drops), resuming from resourceVersion. */
  resumes: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
export type ResourceCacheStats = Type.Static<typeof ResourceCacheStatsSchema>;

export const ResourceCachesReportSchema = Type.Object({
  caches: Type.Array(ResourceCacheStatsSchema),
  /** Open `/api/v1/watch` sockets of this process. */
  sockets: Type.Integer(),
  /** `process.memoryUsage()` of this process, in bytes. */
  memory: Type.Object({
    rss: Type.Number(),
    heapTotal: Type.Number(),
    heapUsed: Type.Number(),
    external: Type.Number(),
    arrayBuffers: Type.Number(),
  }),
});
export type ResourceCachesReport = Type.Static<typeof ResourceCachesReportSchema>;
