import type { KubeEvent } from '@/lib/k8s/types';
import type { WorkloadRef } from './workload-relations';

/** When an event last happened; Kubernetes fills a different field depending on who recorded it. */
export const lastSeen = (event: KubeEvent) =>
  event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp;

/** Events about the workload itself or one of its pods, newest first. */
export function eventsAbout(events: KubeEvent[], { kind, object }: WorkloadRef, podNames: string[]): KubeEvent[] {
  const pods = new Set(podNames);
  return events
    .filter(({ involvedObject }) =>
      involvedObject?.kind === kind
        ? involvedObject.name === object.metadata.name
        : involvedObject?.kind === 'Pod' && pods.has(involvedObject.name ?? ''),
    )
    .sort((a, b) => (lastSeen(b) ?? '').localeCompare(lastSeen(a) ?? ''));
}
