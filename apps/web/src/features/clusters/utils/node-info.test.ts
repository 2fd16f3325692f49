import { describe, expect, it } from 'vitest';
import type { KubeEvent, KubeNode } from '@/lib/k8s/types';
import { newestFirst, toNodeRow } from './node-info';

const node: KubeNode = {
  metadata: {
    name: 'kwok-node-0',
    labels: {
      'kubernetes.io/hostname': 'kwok-node-0',
      'node-role.kubernetes.io/worker': '',
      'node-role.kubernetes.io/control-plane': '',
    },
  },
  status: {
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    conditions: [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    ],
    nodeInfo: { kubeletVersion: 'v1.37.2' },
  },
};

describe('toNodeRow', () => {
  it('reads status, roles, version and capacity', () => {
    expect(toNodeRow(node)).toEqual({
      name: 'kwok-node-0',
      readiness: 'Ready',
      unschedulable: false,
      roles: ['control-plane', 'worker'],
      kubeletVersion: 'v1.37.2',
      cpuMillicores: 4000,
      memoryBytes: 16 * 1024 ** 3,
    });
  });

  it('tells NotReady from a node that has not reported', () => {
    const notReady = { ...node, status: { conditions: [{ type: 'Ready', status: 'False' as const }] } };
    expect(toNodeRow(notReady).readiness).toBe('NotReady');
    expect(toNodeRow({ metadata: { name: 'new' } }).readiness).toBe('Unknown');
  });
});

describe('newestFirst', () => {
  it('orders events by when they were last seen', () => {
    const event = (name: string, lastTimestamp: string | null, eventTime?: string): KubeEvent => ({
      metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' },
      lastTimestamp,
      ...(eventTime ? { eventTime } : {}),
    });
    const sorted = newestFirst([
      event('old', '2026-01-01T10:00:00Z'),
      event('new', '2026-01-01T12:00:00Z'),
      event('micro', null, '2026-01-01T11:00:00.123456Z'),
    ]);
    expect(sorted.map((e) => e.metadata.name)).toEqual(['new', 'micro', 'old']);
  });
});
