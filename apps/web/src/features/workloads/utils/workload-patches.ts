import { restartedAtAnnotation, workloadKindTraits, type WorkloadKind } from '@bokujo/shared';

/**
 * JSON merge patches (RFC 7386) for the ⋮ actions: each changes only the field it names, so a
 * concurrent edit of any other field survives.
 */
export type MergePatch = Record<string, unknown>;

/** A new value in the pod template makes the controller replace every pod, like `kubectl rollout restart`. */
export const redeployPatch = (now: Date): MergePatch => ({
  spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: now.toISOString() } } } },
});

export const scalePatch = (replicas: number): MergePatch => ({ spec: { replicas: Math.max(0, replicas) } });

/** Pauses a Deployment's rollouts or suspends a CronJob's schedule; `undefined` for kinds without one. */
export function pausePatch(kind: WorkloadKind, paused: boolean): MergePatch | undefined {
  const field = workloadKindTraits[kind].pauseField;
  return field ? { spec: { [field]: paused } } : undefined;
}
