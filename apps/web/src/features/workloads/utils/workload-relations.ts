import type { WorkloadKind } from '@bokujo/shared';
import type { KubePersistentVolumeClaim, KubePod, KubeWorkload } from '@/lib/k8s/types';
import { selectorMatches } from './label-selector';
import { podTemplateOf } from './workload-state';

/** A workload together with its kind, as the list and the detail page pass it around. */
export interface WorkloadRef {
  kind: WorkloadKind;
  object: KubeWorkload;
}

const ownedBy = (object: { metadata: { ownerReferences?: { uid: string }[] } }, uid: string | undefined) =>
  uid !== undefined && (object.metadata.ownerReferences ?? []).some((owner) => owner.uid === uid);

/**
 * The pods a workload runs. Most kinds select them by label; a CronJob has no selector, so its pods
 * are those of the Jobs it owns (`jobs` are the namespace's Jobs).
 */
export function podsOf({ kind, object }: WorkloadRef, pods: KubePod[], jobs: KubeWorkload[] = []): KubePod[] {
  if (kind === 'CronJob') {
    const owned = jobs.filter((job) => ownedBy(job, object.metadata.uid));
    return pods.filter((pod) => owned.some((job) => selectorMatches(job.spec?.selector, pod.metadata.labels)));
  }
  return pods.filter(
    (pod) =>
      pod.metadata.namespace === object.metadata.namespace &&
      selectorMatches(object.spec?.selector, pod.metadata.labels),
  );
}

/** Container restarts of these pods together, init containers included, as `kubectl get pods` counts them. */
export const restartsOf = (pods: KubePod[]) =>
  pods.reduce(
    (sum, pod) =>
      sum +
      [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].reduce(
        (podSum, container) => podSum + (container.restartCount ?? 0),
        0,
      ),
    0,
  );

/** A pod's state as `kubectl get pods` words it: a waiting container's reason beats the phase. */
export function podState(pod: KubePod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (pod.status?.containerStatuses ?? []).find((container) => container.state?.waiting?.reason);
  return waiting?.state?.waiting?.reason ?? pod.status?.reason ?? pod.status?.phase ?? 'Pending';
}

/**
 * The claims a workload uses, by name: those its pod template mounts, and for a StatefulSet the
 * `<template>-<statefulset>-<ordinal>` claims of its volumeClaimTemplates, both those of current
 * replicas and any left behind by a scale-down (Kubernetes keeps them), found among `existing`.
 */
export function claimNamesOf({ kind, object }: WorkloadRef, existing: KubePersistentVolumeClaim[] = []): string[] {
  const mounted = (podTemplateOf(kind, object)?.spec?.volumes ?? []).flatMap((volume) =>
    volume.persistentVolumeClaim ? [volume.persistentVolumeClaim.claimName] : [],
  );
  const name = object.metadata.name ?? '';
  const replicas = object.spec?.replicas ?? 1;
  const fromTemplates = (object.spec?.volumeClaimTemplates ?? []).flatMap((template) => {
    const prefix = `${template.metadata.name ?? ''}-${name}-`;
    const expected = Array.from({ length: replicas }, (_, ordinal) => `${prefix}${ordinal}`);
    const leftBehind = existing
      .map((claim) => claim.metadata.name ?? '')
      .filter((claimName) => claimName.startsWith(prefix) && /^\d+$/.test(claimName.slice(prefix.length)));
    return [...expected, ...leftBehind];
  });
  return [...new Set([...mounted, ...fromTemplates])].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
