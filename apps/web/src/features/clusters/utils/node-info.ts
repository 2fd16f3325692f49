import { parseQuantity, toMillicores } from '@/lib/k8s/quantity';
import type { KubeEvent, KubeNode } from '@/lib/k8s/types';

const rolePrefix = 'node-role.kubernetes.io/';

export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown';

export interface NodeRow {
  name: string;
  readiness: NodeReadiness;
  unschedulable: boolean;
  roles: string[];
  kubeletVersion: string | undefined;
  cpuMillicores: number | undefined;
  memoryBytes: number | undefined;
}

/** What the nodes table shows, read from a Node object. */
export function toNodeRow(node: KubeNode): NodeRow {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const readiness: NodeReadiness =
    !ready || ready.status === 'Unknown' ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith(rolePrefix) && label.length > rolePrefix.length)
    .map((label) => label.slice(rolePrefix.length))
    .sort();
  return {
    name: node.metadata.name ?? '',
    readiness,
    unschedulable: node.spec?.unschedulable === true,
    roles,
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion,
    cpuMillicores: toMillicores(node.status?.capacity?.['cpu']),
    memoryBytes: parseQuantity(node.status?.capacity?.['memory']),
  };
}

/** When an event last happened: the newest of the timestamps the different API versions fill. */
export function lastSeen(event: KubeEvent): string | undefined {
  const candidates = [
    event.series?.lastObservedTime,
    event.lastTimestamp,
    event.eventTime,
    event.firstTimestamp,
    event.metadata.creationTimestamp,
  ];
  let newest: string | undefined;
  for (const candidate of candidates) {
    if (candidate && (!newest || Date.parse(candidate) > Date.parse(newest))) newest = candidate;
  }
  return newest;
}

export function newestFirst(events: readonly KubeEvent[]): KubeEvent[] {
  const time = (event: KubeEvent) => {
    const seen = lastSeen(event);
    return seen ? Date.parse(seen) : 0;
  };
  return [...events].sort((a, b) => time(b) - time(a));
}
