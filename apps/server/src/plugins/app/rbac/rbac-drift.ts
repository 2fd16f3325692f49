import type {
  V1AggregationRule,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1ObjectMeta,
  V1OwnerReference,
  V1PolicyRule,
  V1RoleBinding,
  V1RoleRef,
  RbacV1Subject,
} from '@kubernetes/client-node';

/**
 * How a live object differs from the desired one. `recreate` when only delete-and-create can fix
 * it: a binding's roleRef is immutable.
 */
export type Drift = { kind: 'none' } | { kind: 'update' | 'recreate'; reasons: string[] };

type Binding = V1ClusterRoleBinding | V1RoleBinding;

/**
 * Compares only what Bokujo decides. Labels and annotations others add are left alone, and the
 * rules of an aggregated role are not compared, since the aggregation controller writes them;
 * comparing them would start a tug of war with it.
 */
export function clusterRoleDrift(desired: V1ClusterRole, live: V1ClusterRole, owner?: V1OwnerReference): Drift {
  const reasons = metadataDrift(desired.metadata, live.metadata, owner);
  if (canonicalAggregation(desired.aggregationRule) !== canonicalAggregation(live.aggregationRule)) {
    reasons.push('aggregationRule');
  }
  if (!desired.aggregationRule && canonicalRules(desired.rules) !== canonicalRules(live.rules)) reasons.push('rules');
  return reasons.length === 0 ? { kind: 'none' } : { kind: 'update', reasons };
}

export function bindingDrift(desired: Binding, live: Binding, owner?: V1OwnerReference): Drift {
  if (canonicalRoleRef(desired.roleRef) !== canonicalRoleRef(live.roleRef)) {
    return { kind: 'recreate', reasons: ['roleRef'] };
  }
  const reasons = metadataDrift(desired.metadata, live.metadata, owner);
  if (canonicalSubjects(desired.subjects) !== canonicalSubjects(live.subjects)) reasons.push('subjects');
  return reasons.length === 0 ? { kind: 'none' } : { kind: 'update', reasons };
}

/**
 * The body that brings `live` back to `desired`: labels and annotations others added survive, the
 * resourceVersion makes the write fail rather than overwrite a change made meanwhile, and an
 * aggregated role keeps its current rules so that its holders lose nothing until the aggregation
 * controller has run again.
 */
export function clusterRoleUpdate(
  desired: V1ClusterRole,
  live: V1ClusterRole,
  owner?: V1OwnerReference,
): V1ClusterRole {
  return {
    ...desired,
    metadata: updatedMetadata(desired.metadata, live.metadata, owner),
    rules: desired.aggregationRule ? (live.rules ?? []) : (desired.rules ?? []),
  };
}

export function bindingUpdate<T extends Binding>(desired: T, live: T, owner?: V1OwnerReference): T {
  return { ...desired, metadata: updatedMetadata(desired.metadata, live.metadata, owner) };
}

/** The body for creating `desired`, owned by `owner` when there is one. */
export function withOwner<T extends { metadata?: V1ObjectMeta }>(desired: T, owner?: V1OwnerReference): T {
  return owner ? { ...desired, metadata: { ...desired.metadata, ownerReferences: [owner] } } : desired;
}

function metadataDrift(desired: V1ObjectMeta | undefined, live: V1ObjectMeta | undefined, owner?: V1OwnerReference) {
  const reasons: string[] = [];
  if (!includes(live?.labels, desired?.labels)) reasons.push('labels');
  if (!includes(live?.annotations, desired?.annotations)) reasons.push('annotations');
  if (owner && !live?.ownerReferences?.some((reference) => reference.uid === owner.uid))
    reasons.push('ownerReferences');
  return reasons;
}

function updatedMetadata(
  desired: V1ObjectMeta | undefined,
  live: V1ObjectMeta | undefined,
  owner?: V1OwnerReference,
): V1ObjectMeta {
  // Another owner reference to a ClusterRole of the same name points at a `bokujo` role that no
  // longer exists (Bokujo was re-imported); keeping it would let the garbage collector delete
  // the object.
  const others = (live?.ownerReferences ?? []).filter(
    (reference) => !owner || !(reference.kind === owner.kind && reference.name === owner.name),
  );
  const ownerReferences = owner ? [...others, owner] : others;
  return {
    ...desired,
    labels: { ...live?.labels, ...desired?.labels },
    annotations: { ...live?.annotations, ...desired?.annotations },
    ...(ownerReferences.length > 0 ? { ownerReferences } : {}),
    ...(live?.resourceVersion ? { resourceVersion: live.resourceVersion } : {}),
  };
}

function includes(live: Record<string, string> | undefined, wanted: Record<string, string> | undefined) {
  return Object.entries(wanted ?? {}).every(([key, value]) => live?.[key] === value);
}

// Canonical JSON forms: fixed key order, absent and empty lists alike (the API server drops
// empty lists), so that equal content compares equal however it was serialised.

function canonicalRules(rules: V1PolicyRule[] | undefined) {
  return JSON.stringify(
    (rules ?? []).map((rule) => [
      rule.apiGroups ?? [],
      rule.resources ?? [],
      rule.resourceNames ?? [],
      rule.nonResourceURLs ?? [],
      rule.verbs ?? [],
    ]),
  );
}

function canonicalAggregation(rule: V1AggregationRule | undefined) {
  if (!rule) return 'none';
  return JSON.stringify(
    (rule.clusterRoleSelectors ?? []).map((selector) => [
      Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      (selector.matchExpressions ?? []).map((expression) => [
        expression.key,
        expression.operator,
        expression.values ?? [],
      ]),
    ]),
  );
}

function canonicalRoleRef(roleRef: V1RoleRef | undefined) {
  return JSON.stringify([roleRef?.apiGroup ?? '', roleRef?.kind ?? '', roleRef?.name ?? '']);
}

function canonicalSubjects(subjects: RbacV1Subject[] | undefined) {
  return JSON.stringify(
    (subjects ?? []).map((subject) => [subject.kind, subject.apiGroup ?? '', subject.name, subject.namespace ?? '']),
  );
}
