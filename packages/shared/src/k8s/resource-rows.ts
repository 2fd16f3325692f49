import type { ResourceRow } from '../schemas/resource-lists.ts';
import { projectLabel } from '../rbac/role-templates.ts';
import type { CachedResource } from './cached-resources.ts';

/**
 * What the console shows of each cached kind: `toResourceRow` turns a Kubernetes object (as the
 * apiserver sends it, JSON) into a ResourceRow with a display `state` and the kind's `cells`.
 * The server keeps only rows, so nothing here may copy anything sensitive out of an object.
 *
 * Cell keys per kind (the SPA reads these):
 * - pods: `ready` ('1/2'), `restarts` (number), `node`, `ip`, `owner` ('ReplicaSet/web-abc'), each string or null.
 *   State as kubectl's STATUS column: Running, Pending, ContainerCreating, CrashLoopBackOff,
 *   Completed, Error, Terminating, Init:0/1, ImagePullBackOff, …
 * - deployments, statefulsets, daemonsets: `ready` ('2/3'), `upToDate`, `available` (numbers),
 *   `images` ('nginx:1.27, busybox'). State Active, Updating, Unavailable, Paused or ScaledDown.
 * - jobs: `completions` ('1/3'), `active`, `failed` (numbers), `duration` (seconds or null),
 *   `images`. State Complete, Failed, Suspended, Running or Pending.
 * - cronjobs: `schedule`, `suspend` (boolean), `active` (number), `lastSchedule` (RFC 3339 or null),
 *   `images`. State Suspended, Active (jobs running) or Scheduled.
 * - services: `type`, `clusterIP`, `externalIP` (or null), `ports` ('80/TCP, 443:30443/TCP').
 *   State Active, or Pending for a LoadBalancer without an address yet.
 * - persistentvolumeclaims: `storageClass`, `capacity`, `volume` (or null), `accessModes` ('RWO, RWX').
 *   State the phase (Pending, Bound, Lost) or Terminating.
 * - persistentvolumes: `capacity`, `accessModes`, `reclaimPolicy`, `storageClass`, `claim` ('ns/name' or null).
 *   State the phase (Available, Bound, Released, Failed) or Terminating.
 * - namespaces: `project` (the `bokujo.io/project` label or null). State the phase (Active, Terminating).
 * - nodes: `roles` ('control-plane, worker' or null), `version` (kubelet), `internalIP`, `schedulable` (boolean).
 *   State Ready, NotReady or Unknown.
 * - events: `reason`, `message`, `object` ('Pod/web-1'), `count` (number), `lastSeen` (RFC 3339 or null).
 *   State the type (Normal, Warning).
 * - storageclasses: `provisioner`, `default` (boolean), `reclaimPolicy`, `volumeBindingMode`,
 *   `allowVolumeExpansion` (boolean). State Default or Available.
 */

type Cell = string | number | boolean | null;

interface ObjectMeta {
  uid?: string;
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
}

/** A Kubernetes object as JSON; only the fields the rows read are described. */
export interface KubeObjectJson {
  metadata?: ObjectMeta;
  // Every kind's spec and status differ; each row function reads them through its own shape.
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: object;
    terminated?: { reason?: string; exitCode?: number; signal?: number };
  };
}

interface PodJson {
  spec?: { nodeName?: string; containers?: unknown[]; initContainers?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    conditions?: { type?: string; status?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

interface PodTemplateJson {
  template?: { spec?: { containers?: { image?: string }[] } };
}

const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

/** The row of one object of a cached kind. */
export function toResourceRow(resource: CachedResource, object: KubeObjectJson): ResourceRow {
  const metadata = object.metadata ?? {};
  const { state, cells } = rowFunctions[resource](object, metadata);
  return {
    uid: metadata.uid ?? '',
    name: metadata.name ?? '',
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    createdAt: metadata.creationTimestamp ?? '',
    labels: metadata.labels ?? {},
    state,
    cells,
  };
}

/** Deployments and StatefulSets report their replicas the same way; only Deployments can be paused. */
function replicatedRow(object: KubeObjectJson, metadata: ObjectMeta) {
  const spec = (object.spec ?? {}) as PodTemplateJson & { replicas?: number; paused?: boolean };
  const status = (object.status ?? {}) as {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
  return workloadRow(metadata, spec, {
    desired: spec.replicas ?? 1,
    current: status.replicas ?? 0,
    ready: status.readyReplicas ?? 0,
    upToDate: status.updatedReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    observedGeneration: status.observedGeneration,
    paused: spec.paused === true,
  });
}

type RowFunction = (object: KubeObjectJson, metadata: ObjectMeta) => { state: string; cells: Record<string, Cell> };

const rowFunctions: Record<CachedResource, RowFunction> = {
  pods: (object, metadata) => podRow(object as PodJson, metadata),
  deployments: (object, metadata) => replicatedRow(object, metadata),
  statefulsets: (object, metadata) => replicatedRow(object, metadata),
  daemonsets: (object, metadata) => {
    const spec = (object.spec ?? {}) as PodTemplateJson;
    const status = (object.status ?? {}) as {
      desiredNumberScheduled?: number;
      currentNumberScheduled?: number;
      numberReady?: number;
      updatedNumberScheduled?: number;
      numberAvailable?: number;
      observedGeneration?: number;
    };
    return workloadRow(metadata, spec, {
      desired: status.desiredNumberScheduled ?? 0,
      current: status.currentNumberScheduled ?? 0,
      ready: status.numberReady ?? 0,
      upToDate: status.updatedNumberScheduled ?? 0,
      available: status.numberAvailable ?? 0,
      observedGeneration: status.observedGeneration,
      paused: false,
    });
  },
  jobs: (object) => {
    const spec = (object.spec ?? {}) as PodTemplateJson & { completions?: number; suspend?: boolean };
    const status = (object.status ?? {}) as {
      active?: number;
      succeeded?: number;
      failed?: number;
      startTime?: string;
      completionTime?: string;
      conditions?: { type?: string; status?: string }[];
    };
    const condition = (type: string) => status.conditions?.some((c) => c.type === type && c.status === 'True');
    const state = condition('Complete')
      ? 'Complete'
      : condition('Failed')
        ? 'Failed'
        : spec.suspend
          ? 'Suspended'
          : (status.active ?? 0) > 0
            ? 'Running'
            : 'Pending';
    const started = status.startTime ? Date.parse(status.startTime) : NaN;
    const ended = status.completionTime ? Date.parse(status.completionTime) : NaN;
    return {
      state,
      cells: {
        completions: `${status.succeeded ?? 0}/${spec.completions ?? 1}`,
        active: status.active ?? 0,
        failed: status.failed ?? 0,
        duration: Number.isNaN(started) || Number.isNaN(ended) ? null : Math.round((ended - started) / 1000),
        images: images(spec),
      },
    };
  },
  cronjobs: (object) => {
    const spec = (object.spec ?? {}) as {
      schedule?: string;
      suspend?: boolean;
      jobTemplate?: { spec?: PodTemplateJson };
    };
    const status = (object.status ?? {}) as { active?: unknown[]; lastScheduleTime?: string };
    const active = status.active?.length ?? 0;
    return {
      state: spec.suspend ? 'Suspended' : active > 0 ? 'Active' : 'Scheduled',
      cells: {
        schedule: spec.schedule ?? '',
        suspend: spec.suspend === true,
        active,
        lastSchedule: status.lastScheduleTime ?? null,
        images: images(spec.jobTemplate?.spec ?? {}),
      },
    };
  },
  services: (object) => {
    const spec = (object.spec ?? {}) as {
      type?: string;
      clusterIP?: string;
      externalIPs?: string[];
      externalName?: string;
      ports?: { port?: number; nodePort?: number; protocol?: string }[];
    };
    const status = (object.status ?? {}) as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
    const type = spec.type ?? 'ClusterIP';
    const ingress = (status.loadBalancer?.ingress ?? [])
      .map((entry) => entry.ip ?? entry.hostname ?? '')
      .filter(Boolean);
    const external = [...ingress, ...(spec.externalIPs ?? [])];
    return {
      state: type === 'LoadBalancer' && ingress.length === 0 ? 'Pending' : 'Active',
      cells: {
        type,
        clusterIP: spec.clusterIP ?? null,
        externalIP:
          type === 'ExternalName' ? (spec.externalName ?? null) : external.length ? external.join(', ') : null,
        ports: (spec.ports ?? [])
          .map((port) => `${port.port ?? ''}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`)
          .join(', '),
      },
    };
  },
  persistentvolumeclaims: (object, metadata) => {
    const spec = (object.spec ?? {}) as { storageClassName?: string; volumeName?: string; accessModes?: string[] };
    const status = (object.status ?? {}) as { phase?: string; capacity?: { storage?: string }; accessModes?: string[] };
    return {
      state: metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? 'Pending'),
      cells: {
        storageClass: spec.storageClassName ?? null,
        capacity: status.capacity?.storage ?? null,
        volume: spec.volumeName || null,
        accessModes: accessModes(status.accessModes ?? spec.accessModes),
      },
    };
  },
  persistentvolumes: (object, metadata) => {
    const spec = (object.spec ?? {}) as {
      capacity?: { storage?: string };
      accessModes?: string[];
      persistentVolumeReclaimPolicy?: string;
      storageClassName?: string;
      claimRef?: { namespace?: string; name?: string };
    };
    const status = (object.status ?? {}) as { phase?: string };
    return {
      state: metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? 'Pending'),
      cells: {
        capacity: spec.capacity?.storage ?? null,
        accessModes: accessModes(spec.accessModes),
        reclaimPolicy: spec.persistentVolumeReclaimPolicy ?? 'Retain',
        storageClass: spec.storageClassName ?? null,
        claim: spec.claimRef?.name ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name}` : null,
      },
    };
  },
  namespaces: (object, metadata) => {
    const status = (object.status ?? {}) as { phase?: string };
    return {
      state: status.phase ?? 'Active',
      cells: { project: metadata.labels?.[projectLabel] ?? null },
    };
  },
  nodes: (object, metadata) => {
    const spec = (object.spec ?? {}) as { unschedulable?: boolean };
    const status = (object.status ?? {}) as {
      conditions?: { type?: string; status?: string }[];
      nodeInfo?: { kubeletVersion?: string };
      addresses?: { type?: string; address?: string }[];
    };
    const ready = status.conditions?.find((condition) => condition.type === 'Ready')?.status;
    const roles = Object.keys(metadata.labels ?? {})
      .filter((key) => key.startsWith('node-role.kubernetes.io/'))
      .map((key) => key.slice('node-role.kubernetes.io/'.length))
      .filter(Boolean)
      .sort();
    return {
      state: ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown',
      cells: {
        roles: roles.length ? roles.join(', ') : null,
        version: status.nodeInfo?.kubeletVersion ?? null,
        internalIP: status.addresses?.find((address) => address.type === 'InternalIP')?.address ?? null,
        schedulable: spec.unschedulable !== true,
      },
    };
  },
  events: (object, metadata) => {
    const event = object as {
      type?: string;
      reason?: string;
      message?: string;
      count?: number;
      lastTimestamp?: string;
      eventTime?: string;
      series?: { count?: number; lastObservedTime?: string };
      involvedObject?: { kind?: string; name?: string };
    };
    return {
      state: event.type ?? 'Normal',
      cells: {
        reason: event.reason ?? null,
        // Kubernetes caps event messages at 1 KiB already; the cap here keeps a hostile one small too.
        message: (event.message ?? '').slice(0, 1024),
        object: event.involvedObject?.name ? `${event.involvedObject.kind ?? ''}/${event.involvedObject.name}` : null,
        count: event.series?.count ?? event.count ?? 1,
        lastSeen:
          event.series?.lastObservedTime ??
          event.lastTimestamp ??
          event.eventTime ??
          metadata.creationTimestamp ??
          null,
      },
    };
  },
  storageclasses: (object, metadata) => {
    const storageClass = object as {
      provisioner?: string;
      reclaimPolicy?: string;
      volumeBindingMode?: string;
      allowVolumeExpansion?: boolean;
    };
    const isDefault =
      metadata.annotations?.[defaultClassAnnotation] === 'true' ||
      metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return {
      state: isDefault ? 'Default' : 'Available',
      cells: {
        provisioner: storageClass.provisioner ?? '',
        default: isDefault,
        reclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
        volumeBindingMode: storageClass.volumeBindingMode ?? 'Immediate',
        allowVolumeExpansion: storageClass.allowVolumeExpansion === true,
      },
    };
  },
};

/** kubectl's STATUS column (pkg/printers/internalversion, printPod), minus its rarer cases. */
export function podState(pod: PodJson, metadata: ObjectMeta): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Pending';
  let initializing = false;
  const initContainers = pod.spec?.initContainers?.length ?? 0;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    const { terminated, waiting } = container.state ?? {};
    if (terminated && terminated.exitCode === 0) continue;
    initializing = true;
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${index}/${initContainers || initStatuses.length}`;
    }
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let index = statuses.length - 1; index >= 0; index -= 1) {
      const { state, ready } = statuses[index] as ContainerStatus;
      if (state?.waiting?.reason) reason = state.waiting.reason;
      else if (state?.terminated?.reason) reason = state.terminated.reason;
      else if (state?.terminated) {
        reason = state.terminated.signal
          ? `Signal:${state.terminated.signal}`
          : `ExitCode:${state.terminated.exitCode ?? 0}`;
      } else if (ready && state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some(
        (condition) => condition.type === 'Ready' && condition.status === 'True',
      );
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (metadata.deletionTimestamp) return status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podRow(pod: PodJson, metadata: ObjectMeta) {
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = pod.spec?.containers?.length ?? statuses.length;
  const ready = statuses.filter((container) => container.ready).length;
  const restarts = [...statuses, ...(pod.status?.initContainerStatuses ?? [])].reduce(
    (sum, container) => sum + (container.restartCount ?? 0),
    0,
  );
  const owners = metadata.ownerReferences ?? [];
  const owner = owners.find((reference) => reference.controller) ?? owners[0];
  return {
    state: podState(pod, metadata),
    cells: {
      ready: `${ready}/${containers}`,
      restarts,
      node: pod.spec?.nodeName ?? null,
      ip: pod.status?.podIP ?? null,
      owner: owner?.name ? `${owner.kind ?? ''}/${owner.name}` : null,
    },
  };
}

interface WorkloadCounts {
  desired: number;
  /** Pods of any revision the controller counts. */
  current: number;
  ready: number;
  upToDate: number;
  available: number;
  observedGeneration: number | undefined;
  paused: boolean;
}

function workloadRow(metadata: ObjectMeta, spec: PodTemplateJson, counts: WorkloadCounts) {
  const rollingOut =
    (counts.observedGeneration !== undefined &&
      metadata.generation !== undefined &&
      counts.observedGeneration < metadata.generation) ||
    counts.upToDate < counts.desired ||
    counts.current > counts.upToDate;
  const state = counts.paused
    ? 'Paused'
    : counts.desired === 0
      ? 'ScaledDown'
      : rollingOut
        ? 'Updating'
        : counts.available < counts.desired
          ? 'Unavailable'
          : 'Active';
  return {
    state,
    cells: {
      ready: `${counts.ready}/${counts.desired}`,
      upToDate: counts.upToDate,
      available: counts.available,
      images: images(spec),
    },
  };
}

function images(spec: PodTemplateJson): string {
  return (spec.template?.spec?.containers ?? []).map((container) => container.image ?? '').join(', ');
}

const accessModeShort: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

function accessModes(modes: string[] | undefined): string {
  return (modes ?? []).map((mode) => accessModeShort[mode] ?? mode).join(', ');
}
