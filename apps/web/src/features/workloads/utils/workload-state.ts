import type { WorkloadKind } from '@bokujo/shared';
import type { KubeCondition, KubePodTemplate, KubeWorkload } from '@/lib/k8s/types';

/** Rancher's State column for workloads, derived from what the controller reports. */
export const workloadStates = [
  'Active',
  'Updating',
  'Unavailable',
  'Paused',
  'Running',
  'Succeeded',
  'Failed',
  'Terminating',
] as const;
export type WorkloadState = (typeof workloadStates)[number];

const isTrue = (conditions: KubeCondition[] | undefined, type: string) =>
  conditions?.some((condition) => condition.type === type && condition.status === 'True') ?? false;

/** The controller has not yet acted on the newest spec, so any count it reports is about the old one. */
const behindSpec = (workload: KubeWorkload) =>
  (workload.status?.observedGeneration ?? 0) < (workload.metadata.generation ?? 0);

/** Replicas that should run and how many are ready, where the kind has such a count. */
export interface Readiness {
  ready: number;
  desired: number;
}

export function workloadReadiness(kind: WorkloadKind, workload: KubeWorkload): Readiness | undefined {
  const status = workload.status ?? {};
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
      // The API defaults replicas to 1 when the manifest leaves it out.
      return { ready: status.readyReplicas ?? 0, desired: workload.spec?.replicas ?? 1 };
    case 'DaemonSet':
      return { ready: status.numberReady ?? 0, desired: status.desiredNumberScheduled ?? 0 };
    case 'Job':
      return { ready: status.succeeded ?? 0, desired: workload.spec?.completions ?? 1 };
    case 'CronJob':
      return undefined;
  }
}

/** Between rollouts every pod runs the newest template; during one some still run an older one. */
function rolling(kind: WorkloadKind, workload: KubeWorkload, desired: number) {
  const status = workload.status ?? {};
  if (behindSpec(workload)) return true;
  switch (kind) {
    case 'Deployment':
      // Surplus replicas are old pods still draining after the new ones came up.
      return (status.updatedReplicas ?? 0) < desired || (status.replicas ?? 0) > desired;
    case 'StatefulSet':
      return (
        (status.updatedReplicas ?? 0) < desired ||
        (status.updateRevision !== undefined && status.currentRevision !== status.updateRevision)
      );
    case 'DaemonSet':
      return (status.updatedNumberScheduled ?? 0) < desired;
    default:
      return false;
  }
}

export function workloadState(kind: WorkloadKind, workload: KubeWorkload): WorkloadState {
  if (workload.metadata.deletionTimestamp) return 'Terminating';
  const conditions = workload.status?.conditions;
  switch (kind) {
    case 'Job':
      if (isTrue(conditions, 'Complete')) return 'Succeeded';
      if (isTrue(conditions, 'Failed')) return 'Failed';
      if (workload.spec?.suspend) return 'Paused';
      return 'Running';
    case 'CronJob':
      return workload.spec?.suspend ? 'Paused' : 'Active';
    default: {
      if (kind === 'Deployment' && workload.spec?.paused) return 'Paused';
      const { ready, desired } = workloadReadiness(kind, workload) ?? { ready: 0, desired: 0 };
      if (rolling(kind, workload, desired)) return 'Updating';
      if (ready >= desired) return 'Active';
      // Some replicas serve while others start; none serving at all is an outage.
      return ready === 0 ? 'Unavailable' : 'Updating';
    }
  }
}

/** Where a kind keeps the pods it makes: CronJobs one level deeper, in the Jobs they create. */
export const podTemplateOf = (kind: WorkloadKind, workload: KubeWorkload): KubePodTemplate | undefined =>
  kind === 'CronJob' ? workload.spec?.jobTemplate?.spec?.template : workload.spec?.template;

/** The images its containers run, each once, in the order of the containers. */
export const imagesOf = (template: KubePodTemplate | undefined): string[] => [
  ...new Set((template?.spec?.containers ?? []).flatMap((container) => (container.image ? [container.image] : []))),
];
