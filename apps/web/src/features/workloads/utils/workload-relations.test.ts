import { describe, expect, it } from 'vitest';
import type { KubePod, KubeWorkload } from '@/lib/k8s/types';
import { selectorMatches } from './label-selector';
import { claimNamesOf, podsOf, podState, restartsOf } from './workload-relations';
import { pausePatch, redeployPatch, scalePatch } from './workload-patches';

const pod = (name: string, labels: Record<string, string>, restarts: number[] = []): KubePod => ({
  metadata: { name, namespace: 'shop', labels },
  status: {
    phase: 'Running',
    containerStatuses: restarts.map((restartCount, index) => ({ name: `c${index}`, restartCount })),
  },
});

describe('selectorMatches', () => {
  it('needs every label and every expression to hold', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In' as const, values: ['front', 'edge'] },
        { key: 'canary', operator: 'DoesNotExist' as const },
      ],
    };
    expect(selectorMatches(selector, { app: 'web', tier: 'front' })).toBe(true);
    expect(selectorMatches(selector, { app: 'web', tier: 'back' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', tier: 'edge', canary: 'yes' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, {})).toBe(
      true,
    );
  });

  it('selects nothing with an empty selector rather than the whole namespace', () => {
    expect(selectorMatches({}, { app: 'web' })).toBe(false);
    expect(selectorMatches(undefined, { app: 'web' })).toBe(false);
  });
});

describe('podsOf and restartsOf', () => {
  const web: KubeWorkload = {
    metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
    spec: { selector: { matchLabels: { app: 'web' } } },
  };
  const pods = [
    pod('web-a', { app: 'web' }, [2, 1]),
    pod('web-b', { app: 'web' }, [0]),
    pod('db-0', { app: 'db' }, [7]),
  ];

  it('finds a workload’s pods by its selector and sums their restarts', () => {
    const own = podsOf({ kind: 'Deployment', object: web }, pods);
    expect(own.map((item) => item.metadata.name)).toEqual(['web-a', 'web-b']);
    expect(restartsOf(own)).toBe(3);
  });

  it('finds a CronJob’s pods through the Jobs it owns', () => {
    const cron: KubeWorkload = { metadata: { name: 'report', namespace: 'shop', uid: 'cj1' }, spec: {} };
    const job: KubeWorkload = {
      metadata: {
        name: 'report-29000',
        namespace: 'shop',
        ownerReferences: [{ kind: 'CronJob', name: 'report', uid: 'cj1' }],
      },
      spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j1' } } },
    };
    const jobPod = pod('report-29000-x', { 'batch.kubernetes.io/controller-uid': 'j1' });
    expect(podsOf({ kind: 'CronJob', object: cron }, [...pods, jobPod], [job])).toEqual([jobPod]);
  });

  it('words a pod’s state as kubectl does', () => {
    const crashing: KubePod = {
      metadata: { name: 'web-a' },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    };
    expect(podState(crashing)).toBe('CrashLoopBackOff');
    expect(podState(pod('web-b', {}))).toBe('Running');
    expect(podState({ metadata: { name: 'x', deletionTimestamp: '2026-03-01T00:00:00Z' } })).toBe('Terminating');
  });
});

describe('claimNamesOf', () => {
  it('names mounted claims and a claim per StatefulSet replica, and those a scale-down left behind', () => {
    const db: KubeWorkload = {
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        replicas: 2,
        template: { spec: { volumes: [{ name: 'shared', persistentVolumeClaim: { claimName: 'uploads' } }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
      },
    };
    const existing = ['data-db-0', 'data-db-1', 'data-db-2', 'data-dbx-0', 'data-db-backup'].map((name) => ({
      metadata: { name },
    }));
    expect(claimNamesOf({ kind: 'StatefulSet', object: db }, existing)).toEqual([
      'data-db-0',
      'data-db-1',
      'data-db-2',
      'uploads',
    ]);
  });

  it('reads a CronJob’s mounts from its job template', () => {
    const cron: KubeWorkload = {
      metadata: { name: 'backup', namespace: 'shop' },
      spec: {
        jobTemplate: {
          spec: { template: { spec: { volumes: [{ name: 'out', persistentVolumeClaim: { claimName: 'backups' } }] } } },
        },
      },
    };
    expect(claimNamesOf({ kind: 'CronJob', object: cron })).toEqual(['backups']);
  });
});

describe('patches', () => {
  it('touch only the field each action changes', () => {
    expect(redeployPatch(new Date('2026-03-01T09:00:00Z'))).toEqual({
      spec: { template: { metadata: { annotations: { 'bokujo.io/restartedAt': '2026-03-01T09:00:00.000Z' } } } },
    });
    expect(scalePatch(4)).toEqual({ spec: { replicas: 4 } });
    expect(scalePatch(-1)).toEqual({ spec: { replicas: 0 } });
    expect(pausePatch('Deployment', true)).toEqual({ spec: { paused: true } });
    expect(pausePatch('CronJob', false)).toEqual({ spec: { suspend: false } });
    expect(pausePatch('StatefulSet', true)).toBeUndefined();
  });
});
