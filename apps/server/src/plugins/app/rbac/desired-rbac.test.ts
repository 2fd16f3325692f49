import { builtInRoleTemplates, projectBasicsRules, type RoleTemplate } from '@bokujo/shared';
import { describe, expect, it } from 'vitest';
import {
  aggregateToTemplateLabel,
  type ClusterAccessModel,
  desiredRbac,
  digest,
  isLabelValue,
  type NamespaceInfo,
  projectBasicsRoleName,
} from './desired-rbac.ts';

const templates = [...builtInRoleTemplates];
const alice = { kind: 'user', name: 'alice' } as const;
const developers = { kind: 'group', name: 'developers' } as const;

const namespaces: NamespaceInfo[] = [
  { name: 'shop', labels: { 'bokujo.io/project': 'p-shop' } },
  { name: 'shop-staging', labels: { 'bokujo.io/project': 'p-shop', team: 'web' } },
  { name: 'billing', labels: { 'bokujo.io/project': 'p-billing' } },
  { name: 'loose', labels: {} },
];

function model(partial: Partial<ClusterAccessModel>): ClusterAccessModel {
  return { templates, clusterMembers: [], projectMembers: [], ...partial };
}

const names = (objects: { metadata?: { name?: string; namespace?: string } }[]) =>
  objects.map((object) => [object.metadata?.namespace, object.metadata?.name].filter(Boolean).join('/'));

describe('desiredRbac', () => {
  it('creates nothing for a cluster without members', () => {
    expect(desiredRbac(model({}), namespaces)).toEqual({
      clusterRoles: [],
      clusterRoleBindings: [],
      roleBindings: [],
      warnings: [],
    });
  });

  it('binds a cluster member cluster-wide to the ClusterRole of the template, and only that role exists', () => {
    const desired = desiredRbac(
      model({ clusterMembers: [{ subject: alice, templateId: 'cluster-owner' }] }),
      namespaces,
    );
    expect(names(desired.clusterRoles)).toEqual(['bokujo:cluster-owner']);
    expect(desired.clusterRoles[0]).toMatchObject({
      metadata: {
        labels: {
          'app.kubernetes.io/managed-by': 'bokujo',
          'bokujo.io/rbac': 'true',
          'bokujo.io/role-template': 'cluster-owner',
        },
        annotations: { 'bokujo.io/role-template': 'cluster-owner' },
      },
      rules: builtInRoleTemplates.find((template) => template.id === 'cluster-owner')!.rules,
    });
    expect(desired.clusterRoles[0]!.aggregationRule).toBeUndefined();
    expect(desired.clusterRoleBindings).toHaveLength(1);
    const [binding] = desired.clusterRoleBindings;
    expect(binding!.metadata!.name).toMatch(/^bokujo-crb-[0-9a-f]{32}$/);
    expect(binding).toMatchObject({
      metadata: {
        labels: {
          'app.kubernetes.io/managed-by': 'bokujo',
          'bokujo.io/rbac': 'true',
          'bokujo.io/subject-kind': 'user',
          'bokujo.io/role-template': 'cluster-owner',
        },
        annotations: { 'bokujo.io/subject': 'alice', 'bokujo.io/role-template': 'cluster-owner' },
      },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'bokujo:cluster-owner' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:alice' }],
    });
    expect(desired.roleBindings).toEqual([]);
  });

  it('maps groups to the prefixed Kubernetes group Bokujo impersonates', () => {
    const desired = desiredRbac(model({ clusterMembers: [{ subject: developers, templateId: 'cluster-member' }] }), []);
    expect(desired.clusterRoleBindings[0]!.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:developers' },
    ]);
    expect(desired.clusterRoleBindings[0]!.metadata!.labels!['bokujo.io/subject-kind']).toBe('group');
  });

  it('gives names that depend only on subject, template (and namespace), never on order or other members', () => {
    const one = desiredRbac(
      model({
        clusterMembers: [{ subject: alice, templateId: 'cluster-member' }],
        projectMembers: [{ projectId: 'p-shop', subject: alice, templateId: 'project-member' }],
      }),
      namespaces,
    );
    const other = desiredRbac(
      model({
        clusterMembers: [
          { subject: developers, templateId: 'cluster-owner' },
          { subject: alice, templateId: 'cluster-member' },
        ],
        projectMembers: [
          { projectId: 'p-billing', subject: developers, templateId: 'read-only' },
          { projectId: 'p-shop', subject: alice, templateId: 'project-member' },
        ],
      }),
      [...namespaces].reverse(),
    );
    const crbNames = new Set(names(other.clusterRoleBindings));
    for (const name of names(one.clusterRoleBindings)) expect(crbNames).toContain(name);
    const rbNames = new Set(names(other.roleBindings));
    for (const name of names(one.roleBindings)) expect(rbNames).toContain(name);
    // Sorted output: the same members in another order give an identical result.
    const reversed = desiredRbac(
      model({
        clusterMembers: [
          { subject: alice, templateId: 'cluster-member' },
          { subject: developers, templateId: 'cluster-owner' },
        ],
        projectMembers: [
          { projectId: 'p-shop', subject: alice, templateId: 'project-member' },
          { projectId: 'p-billing', subject: developers, templateId: 'read-only' },
        ],
      }),
      namespaces,
    );
    expect(reversed).toEqual(other);
  });

  it('keeps user and group of the same name, and different templates, apart', () => {
    const desired = desiredRbac(
      model({
        clusterMembers: [
          { subject: { kind: 'user', name: 'ops' }, templateId: 'cluster-member' },
          { subject: { kind: 'group', name: 'ops' }, templateId: 'cluster-member' },
          { subject: { kind: 'user', name: 'ops' }, templateId: 'manage-storage' },
          // The same membership twice is one binding.
          { subject: { kind: 'user', name: 'ops' }, templateId: 'manage-storage' },
        ],
      }),
      [],
    );
    expect(new Set(names(desired.clusterRoleBindings)).size).toBe(3);
    expect(names(desired.clusterRoles)).toEqual(['bokujo:cluster-member', 'bokujo:manage-storage']);
  });

  it('makes digests that cannot be confused by moving a separator between parts', () => {
    expect(digest(['a-b', 'c'])).not.toBe(digest(['a', 'b-c']));
    expect(digest(['a', 'b'])).toBe(digest(['a', 'b']));
    expect(digest(['x'])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('binds a project member in every namespace of the project and nowhere else', () => {
    const desired = desiredRbac(
      model({ projectMembers: [{ projectId: 'p-shop', subject: alice, templateId: 'project-member' }] }),
      namespaces,
    );
    expect(desired.roleBindings.map((binding) => binding.metadata?.namespace)).toEqual(['shop', 'shop-staging']);
    for (const binding of desired.roleBindings) {
      expect(binding.metadata!.name).toMatch(/^bokujo-rb-[0-9a-f]{32}$/);
      expect(binding).toMatchObject({
        metadata: {
          labels: {
            'app.kubernetes.io/managed-by': 'bokujo',
            'bokujo.io/rbac': 'true',
            'bokujo.io/subject-kind': 'user',
            'bokujo.io/role-template': 'project-member',
            'bokujo.io/project': 'p-shop',
          },
          annotations: {
            'bokujo.io/subject': 'alice',
            'bokujo.io/role-template': 'project-member',
            'bokujo.io/project': 'p-shop',
          },
        },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'bokujo:project-member' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:alice' }],
      });
    }
    // The two namespaces get different names for the same (subject, template).
    expect(new Set(desired.roleBindings.map((binding) => binding.metadata?.name)).size).toBe(2);
  });

  it('aggregates the Kubernetes roles for aggregated templates and leaves their rules to the cluster', () => {
    const desired = desiredRbac(
      model({ projectMembers: [{ projectId: 'p-shop', subject: alice, templateId: 'project-owner' }] }),
      namespaces,
    );
    const owner = desired.clusterRoles.find((role) => role.metadata?.name === 'bokujo:project-owner');
    expect(owner).toBeDefined();
    expect(owner!.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }],
    });
    expect(owner!.rules).toBeUndefined();
  });

  it('puts the own rules of a template that also aggregates into a part role its aggregation selects', () => {
    const mixed: RoleTemplate = {
      id: 'view-plus-secrets',
      context: 'project',
      builtIn: false,
      name: 'View and secrets',
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      aggregateFrom: ['rbac.authorization.k8s.io/aggregate-to-view'],
      permissions: [],
    };
    const desired = desiredRbac(
      {
        templates: [mixed],
        clusterMembers: [],
        projectMembers: [{ projectId: 'p-shop', subject: alice, templateId: mixed.id }],
      },
      namespaces,
    );
    expect(names(desired.clusterRoles)).toEqual([
      projectBasicsRoleName,
      'bokujo:view-plus-secrets',
      'bokujo:view-plus-secrets:rules',
    ]);
    const main = desired.clusterRoles.find((role) => role.metadata?.name === 'bokujo:view-plus-secrets')!;
    const part = desired.clusterRoles.find((role) => role.metadata?.name === 'bokujo:view-plus-secrets:rules')!;
    expect(main.aggregationRule!.clusterRoleSelectors).toEqual([
      { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      { matchLabels: { [aggregateToTemplateLabel]: 'view-plus-secrets' } },
    ]);
    expect(part.metadata!.labels).toMatchObject({
      [aggregateToTemplateLabel]: 'view-plus-secrets',
      'bokujo.io/rbac': 'true',
    });
    expect(part.rules).toEqual(mixed.rules);
    expect(part.aggregationRule).toBeUndefined();
  });

  it('grants the project basics cluster-wide once per subject holding any project role, even without namespaces', () => {
    const desired = desiredRbac(
      model({
        projectMembers: [
          { projectId: 'p-shop', subject: alice, templateId: 'project-member' },
          { projectId: 'p-billing', subject: alice, templateId: 'read-only' },
          { projectId: 'p-empty', subject: developers, templateId: 'read-only' },
        ],
      }),
      namespaces,
    );
    const basics = desired.clusterRoles.find((role) => role.metadata?.name === projectBasicsRoleName);
    expect(basics).toMatchObject({
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'bokujo', 'bokujo.io/rbac': 'true' } },
      rules: projectBasicsRules,
    });
    const basicsBindings = desired.clusterRoleBindings.filter(
      (binding) => binding.roleRef.name === projectBasicsRoleName,
    );
    expect(basicsBindings.map((binding) => binding.subjects)).toEqual(
      expect.arrayContaining([
        [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:alice' }],
        [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:developers' }],
      ]),
    );
    expect(basicsBindings).toHaveLength(2);
    expect(desired.clusterRoleBindings).toHaveLength(2);
    expect(names(desired.roleBindings).map((name) => name.split('/')[0])).toEqual(['billing', 'shop', 'shop-staging']);
    expect(names(desired.clusterRoles)).toEqual([projectBasicsRoleName, 'bokujo:project-member', 'bokujo:read-only']);
  });

  it('skips and reports members whose template is unknown, reserved or of the other context', () => {
    const reserved: RoleTemplate = {
      id: 'project-basics',
      context: 'project',
      builtIn: false,
      name: 'Clash',
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      permissions: [],
    };
    const desired = desiredRbac(
      model({
        templates: [...templates, reserved],
        clusterMembers: [
          { subject: alice, templateId: 'no-such-template' },
          { subject: alice, templateId: 'project-owner' },
        ],
        projectMembers: [
          { projectId: 'p-shop', subject: alice, templateId: 'cluster-owner' },
          { projectId: 'p-shop', subject: alice, templateId: 'project-basics' },
        ],
      }),
      namespaces,
    );
    expect(desired).toMatchObject({ clusterRoles: [], clusterRoleBindings: [], roleBindings: [] });
    expect(desired.warnings).toHaveLength(4);
    expect(desired.warnings.join('\n')).toMatch(
      /does not exist[\s\S]*not a cluster role[\s\S]*not a project role[\s\S]*reserved/,
    );
  });

  it('keeps values that are not valid label values out of labels but in annotations', () => {
    expect(isLabelValue('p-shop')).toBe(true);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('alice@example.com')).toBe(false);
    expect(isLabelValue('x'.repeat(64))).toBe(false);
    const desired = desiredRbac(
      model({
        projectMembers: [
          { projectId: 'p-shop', subject: { kind: 'user', name: 'alice@example.com' }, templateId: 'read-only' },
        ],
      }),
      namespaces,
    );
    const [binding] = desired.roleBindings;
    expect(binding!.metadata!.annotations!['bokujo.io/subject']).toBe('alice@example.com');
    expect(Object.values(binding!.metadata!.labels!)).not.toContain('alice@example.com');
    expect(binding!.subjects![0]!.name).toBe('bokujo:alice@example.com');
  });
});
