import { describe, expect, it } from 'vitest';
import type { KubeWorkload } from '@/lib/k8s/types';
import { imagesOf, workloadReadiness, workloadState } from './workload-state';

const meta = { name: 'web', namespace: 'shop', generation: 2 };
const settled = (status: KubeWorkload['status'], spec: KubeWorkload['spec'] = {}): KubeWorkload => ({
  metadata: meta,
  spec,
  status: { observedGeneration: 2, ...status },
});

describe('workloadState', () => {
  it.each([
    ['all replicas ready on the newest template', { replicas: 3, readyReplicas: 3, updatedReplicas: 3 }, {}, 'Active'],
    ['a rollout replacing old pods', { replicas: 4, readyReplicas: 3, updatedReplicas: 2 }, {}, 'Updating'],
    ['some replicas not ready yet', { replicas: 3, readyReplicas: 1, updatedReplicas: 3 }, {}, 'Updating'],
    ['no replica ready', { replicas: 3, readyReplicas: 0, updatedReplicas: 3 }, {}, 'Unavailable'],
    ['rollouts paused', { replicas: 3, readyReplicas: 3, updatedReplicas: 3 }, { paused: true }, 'Paused'],
    ['scaled to zero', { replicas: 0 }, { replicas: 0 }, 'Active'],
  ] as const)('reads a Deployment with %s', (_case, status, spec, expected) => {
    expect(workloadState('Deployment', settled(status, { replicas: 3, ...spec }))).toBe(expected);
  });

  it('calls a Deployment Updating while its controller has not seen the newest spec', () => {
    const workload = settled(
      { replicas: 3, readyReplicas: 3, updatedReplicas: 3, observedGeneration: 1 },
      { replicas: 3 },
    );
    expect(workloadState('Deployment', workload)).toBe('Updating');
  });

  it('reads a StatefulSet by its revisions and ready replicas', () => {
    const spec = { replicas: 3 };
    const done = { replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentRevision: 'db-1', updateRevision: 'db-1' };
    expect(workloadState('StatefulSet', settled(done, spec))).toBe('Active');
    expect(workloadState('StatefulSet', settled({ ...done, updateRevision: 'db-2' }, spec))).toBe('Updating');
    expect(workloadState('StatefulSet', settled({ ...done, readyReplicas: 0 }, spec))).toBe('Unavailable');
  });

  it('reads a DaemonSet by the nodes it should run on', () => {
    const done = { desiredNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2 };
    expect(workloadState('DaemonSet', settled(done))).toBe('Active');
    expect(workloadState('DaemonSet', settled({ ...done, updatedNumberScheduled: 1 }))).toBe('Updating');
    expect(workloadState('DaemonSet', settled({ ...done, numberReady: 0 }))).toBe('Unavailable');
  });

  it('reads a Job by its conditions', () => {
    expect(workloadState('Job', settled({ active: 1 }))).toBe('Running');
    expect(workloadState('Job', settled({ conditions: [{ type: 'Complete', status: 'True' }] }))).toBe('Succeeded');
    expect(workloadState('Job', settled({ conditions: [{ type: 'Failed', status: 'True' }] }))).toBe('Failed');
    expect(workloadState('Job', settled({}, { suspend: true }))).toBe('Paused');
  });

  it('reads a CronJob as suspended or not', () => {
    expect(workloadState('CronJob', settled({}, { schedule: '*/5 * * * *' }))).toBe('Active');
    expect(workloadState('CronJob', settled({}, { suspend: true }))).toBe('Paused');
  });

  it('says Terminating for any kind once deletion was asked for', () => {
    const going = {
      ...settled({ readyReplicas: 3 }),
      metadata: { ...meta, deletionTimestamp: '2026-03-01T09:00:00Z' },
    };
    expect(workloadState('Deployment', going)).toBe('Terminating');
    expect(workloadState('CronJob', going)).toBe('Terminating');
  });
});

describe('workloadReadiness', () => {
  it('counts ready against desired as each kind reports them', () => {
    expect(workloadReadiness('Deployment', settled({ readyReplicas: 2 }, { replicas: 3 }))).toEqual({
      ready: 2,
      desired: 3,
    });
    // The API defaults replicas to 1.
    expect(workloadReadiness('StatefulSet', settled({}))).toEqual({ ready: 0, desired: 1 });
    expect(workloadReadiness('DaemonSet', settled({ numberReady: 1, desiredNumberScheduled: 2 }))).toEqual({
      ready: 1,
      desired: 2,
    });
    expect(workloadReadiness('Job', settled({ succeeded: 2 }, { completions: 5 }))).toEqual({ ready: 2, desired: 5 });
    expect(workloadReadiness('CronJob', settled({}))).toBeUndefined();
  });
});

describe('imagesOf', () => {
  it('lists each image of the containers once', () => {
    expect(
      imagesOf({
        spec: {
          containers: [
            { name: 'app', image: 'nginx:1.27' },
            { name: 'sidecar', image: 'envoy:1.31' },
            { name: 'again', image: 'nginx:1.27' },
          ],
        },
      }),
    ).toEqual(['nginx:1.27', 'envoy:1.31']);
  });
});
