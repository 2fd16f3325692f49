import type { ContainerSpecDetail, ContainerStateDetail, ContainerStatusDetail, PodDetail } from '../types';

export type ContainerKind = 'init' | 'app';

/** One container as the page lists it: what the spec asks for and what the kubelet reports. */
export interface ContainerRow {
  name: string;
  kind: ContainerKind;
  image: string | undefined;
  status: ContainerStatusDetail | undefined;
}

/** Init containers first, in the order they run, then the app containers. */
export function containerRows(pod: PodDetail): ContainerRow[] {
  const rows = (
    specs: ContainerSpecDetail[] | undefined,
    statuses: ContainerStatusDetail[] | undefined,
    kind: ContainerKind,
  ) =>
    (specs ?? []).map((spec): ContainerRow => {
      const status = statuses?.find((candidate) => candidate.name === spec.name);
      return { name: spec.name, kind, image: status?.image ?? spec.image, status };
    });
  return [
    ...rows(pod.spec?.initContainers, pod.status?.initContainerStatuses, 'init'),
    ...rows(pod.spec?.containers, pod.status?.containerStatuses, 'app'),
  ];
}

export type StateName = 'waiting' | 'running' | 'terminated' | 'unknown';

/** Which of Kubernetes' three container states applies, and its reason if it has one. */
export function stateOf(state: ContainerStateDetail | undefined): {
  name: StateName;
  reason: string | undefined;
  message: string | undefined;
  since: string | undefined;
  exitCode: number | undefined;
} {
  if (state?.running) {
    return {
      name: 'running',
      reason: undefined,
      message: undefined,
      since: state.running.startedAt,
      exitCode: undefined,
    };
  }
  if (state?.terminated) {
    const { reason, message, finishedAt, exitCode } = state.terminated;
    return { name: 'terminated', reason, message, since: finishedAt, exitCode };
  }
  if (state?.waiting) {
    return {
      name: 'waiting',
      reason: state.waiting.reason,
      message: state.waiting.message,
      since: undefined,
      exitCode: undefined,
    };
  }
  return { name: 'unknown', reason: undefined, message: undefined, since: undefined, exitCode: undefined };
}

/** Whether a previous instance of the container exists whose logs the kubelet may still have. */
export const hasPreviousInstance = (row: ContainerRow | undefined) => (row?.status?.restartCount ?? 0) > 0;
