import type { V1ClusterRole, V1OwnerReference, V1RoleBinding } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { bindingDrift, bindingUpdate, clusterRoleDrift, clusterRoleUpdate, withOwner } from './rbac-drift.ts';

const ownLabels = { 'app.kubernetes.io/managed-by': 'bokujo', 'bokujo.io/rbac': 'true' };
const owner: V1OwnerReference = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  name: 'bokujo',
  uid: 'u-1',
};

const plainRole: V1ClusterRole = {
  metadata: { name: 'bokujo:manage-secrets', labels: ownLabels },
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
};
const aggregatedRole: V1ClusterRole = {
  metadata: { name: 'bokujo:read-only', labels: ownLabels },
  aggregationRule: {
    clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }],
  },
};
const binding: V1RoleBinding = {
  metadata: {
    name: 'bokujo-rb-1',
    namespace: 'shop',
    labels: ownLabels,
    annotations: { 'bokujo.io/subject': 'alice' },
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'bokujo:read-only' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:alice' }],
};

/** What the API server returns: server fields, extra labels and annotations, empty lists dropped. */
function asServed<T extends { metadata?: object }>(object: T, extra: Partial<T> = {}): T {
  return {
    ...object,
    ...extra,
    metadata: {
      ...object.metadata,
      uid: 'x',
      resourceVersion: '42',
      creationTimestamp: new Date(),
      ...(extra.metadata ?? {}),
    },
  };
}

describe('clusterRoleDrift', () => {
  it('sees no drift in what the server returns for the same role', () => {
    expect(clusterRoleDrift(plainRole, asServed(plainRole))).toEqual({ kind: 'none' });
    // Absent and empty lists are the same rule.
    const served = asServed(plainRole, {
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [], verbs: ['get', 'list'] }],
    });
    expect(clusterRoleDrift(plainRole, served)).toEqual({ kind: 'none' });
  });

  it('ignores labels and annotations others add, not ours being changed', () => {
    const withExtras = asServed(plainRole, {
      metadata: {
        labels: { ...ownLabels, team: 'x' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
    });
    expect(clusterRoleDrift(plainRole, withExtras)).toEqual({ kind: 'none' });
    const relabelled = asServed(plainRole, { metadata: { labels: { 'bokujo.io/rbac': 'true' } } });
    expect(clusterRoleDrift(plainRole, relabelled)).toEqual({ kind: 'update', reasons: ['labels'] });
  });

  it('sees edited rules of a plain role', () => {
    const edited = asServed(plainRole, { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] });
    expect(clusterRoleDrift(plainRole, edited)).toEqual({ kind: 'update', reasons: ['rules'] });
  });

  it('ignores the rules the aggregation controller fills in, but not a changed aggregation', () => {
    const filled = asServed(aggregatedRole, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    expect(clusterRoleDrift(aggregatedRole, filled)).toEqual({ kind: 'none' });
    const retargeted = asServed(aggregatedRole, {
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }],
      },
    });
    expect(clusterRoleDrift(aggregatedRole, retargeted)).toEqual({ kind: 'update', reasons: ['aggregationRule'] });
    const deaggregated: V1ClusterRole = asServed({ metadata: aggregatedRole.metadata, rules: filled.rules });
    expect(clusterRoleDrift(aggregatedRole, deaggregated)).toEqual({ kind: 'update', reasons: ['aggregationRule'] });
  });

  it('wants the owner reference when Bokujo has its ClusterRole', () => {
    expect(clusterRoleDrift(plainRole, asServed(plainRole), owner)).toEqual({
      kind: 'update',
      reasons: ['ownerReferences'],
    });
    expect(clusterRoleDrift(plainRole, asServed(plainRole, { metadata: { ownerReferences: [owner] } }), owner)).toEqual(
      {
        kind: 'none',
      },
    );
  });
});

describe('clusterRoleUpdate', () => {
  it('keeps others’ labels, the live version and the aggregated rules; replaces a stale owner', () => {
    const stale = { ...owner, uid: 'old' };
    const live = asServed(aggregatedRole, {
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      metadata: { labels: { team: 'x' }, ownerReferences: [stale] },
    });
    const body = clusterRoleUpdate(aggregatedRole, live, owner);
    expect(body.metadata).toMatchObject({
      labels: { ...ownLabels, team: 'x' },
      resourceVersion: '42',
      ownerReferences: [owner],
    });
    expect(body.rules).toEqual(live.rules);
    expect(body.aggregationRule).toEqual(aggregatedRole.aggregationRule);
    expect(clusterRoleUpdate(plainRole, asServed(plainRole, { rules: [] })).rules).toEqual(plainRole.rules);
  });
});

describe('bindingDrift', () => {
  it('sees no drift for the same binding, an update for edited subjects, a recreate for another roleRef', () => {
    expect(bindingDrift(binding, asServed(binding))).toEqual({ kind: 'none' });
    const widened = asServed(binding, {
      subjects: [...binding.subjects!, { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }],
    });
    expect(bindingDrift(binding, widened)).toEqual({ kind: 'update', reasons: ['subjects'] });
    const rerouted = asServed(binding, { roleRef: { ...binding.roleRef, name: 'cluster-admin' } });
    expect(bindingDrift(binding, rerouted)).toEqual({ kind: 'recreate', reasons: ['roleRef'] });
  });

  it('builds an update body with the desired subjects and the live version', () => {
    const live = asServed(binding, { subjects: [] });
    const body = bindingUpdate(binding, live);
    expect(body.subjects).toEqual(binding.subjects);
    expect(body.metadata).toMatchObject({ name: 'bokujo-rb-1', namespace: 'shop', resourceVersion: '42' });
    expect(withOwner(binding, owner).metadata!.ownerReferences).toEqual([owner]);
    expect(withOwner(binding).metadata!.ownerReferences).toBeUndefined();
  });
});
