import { quantityMilliValue, quantityValue } from '@bokujo/shared';
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
    cpuMillicores: optional(node.status?.capacity?.['cpu'], quantityMilliValue),
    memoryBytes: optional(node.status?.capacity?.['memory'], quantityValue),
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

/** A missing or malformed quantity shows as unknown rather than breaking the table. */
function optional(text: string | undefined, parse: (text: string) => number): number | undefined {
  if (!text) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}
