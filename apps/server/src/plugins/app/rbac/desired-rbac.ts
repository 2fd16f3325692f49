import { createHash } from 'node:crypto';
import {
  clusterRoleNameFor,
  projectBasicsRules,
  projectLabel,
  type PolicyRule,
  type RoleTemplate,
} from '@bokujo/shared';
import type { V1ClusterRole, V1ClusterRoleBinding, V1RoleBinding, RbacV1Subject } from '@kubernetes/client-node';
import { kubernetesIdentity } from '../auth/principal.ts';

/** A person or group as Bokujo knows them: a Bokujo username or a Bokujo group name. */
export interface RbacSubject {
  kind: 'user' | 'group';
  name: string;
}

/** Who holds which role in one cluster and its projects, as Bokujo's store says. */
export interface ClusterAccessModel {
  templates: RoleTemplate[];
  clusterMembers: { subject: RbacSubject; templateId: string }[];
  projectMembers: { projectId: string; subject: RbacSubject; templateId: string }[];
}

/** The RBAC objects Bokujo wants in a cluster, sorted by name so that two runs compare equal. */
export interface DesiredRbac {
  clusterRoles: V1ClusterRole[];
  clusterRoleBindings: V1ClusterRoleBinding[];
  roleBindings: V1RoleBinding[];
  /** Members that got no binding, and why (unknown template, wrong context); for logs and reports. */
  warnings: string[];
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
}

/**
 * The label that marks an object as the reconciler's own. Only objects carrying it are ever
 * updated or deleted; Bokujo's import-time objects (ClusterRole `bokujo` and its bindings) carry
 * only `app.kubernetes.io/managed-by`, so they stay out of reach.
 */
export const rbacLabel = 'bokujo.io/rbac';
export const rbacSelector = `${rbacLabel}=true`;
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const subjectKindLabel = 'bokujo.io/subject-kind';
export const roleTemplateLabel = 'bokujo.io/role-template';
/** On RoleBindings: the project whose membership made the binding (the namespace's project). */
export const bindingProjectLabel = projectLabel;
/** Bokujo names may not be valid label values, so the subject's name is an annotation. */
export const subjectAnnotation = 'bokujo.io/subject';
export const roleTemplateAnnotation = 'bokujo.io/role-template';
export const projectAnnotation = 'bokujo.io/project';
/**
 * Marks the helper ClusterRole that carries a template's own rules when the template also
 * aggregates: the aggregation controller overwrites an aggregated role's `rules`, so the template's
 * rules must come in through a selector like every other aggregated part.
 */
export const aggregateToTemplateLabel = 'bokujo.io/aggregate-to-template';

/** The ClusterRole every holder of any project role gets cluster-wide (see projectBasicsRules). */
export const projectBasicsRoleName = 'bokujo:project-basics';
/** A template with this id would share its ClusterRole name with the project basics role. */
export const reservedTemplateIds: readonly string[] = ['project-basics'];

const rbacApiGroup = 'rbac.authorization.k8s.io';

/**
 * What Bokujo's RBAC in a cluster should look like, for its members and the namespaces as they
 * are labelled now. Pure: the reconciler compares the result with the cluster.
 *
 * Only templates somebody holds get a ClusterRole: fewer objects in the cluster, and a template
 * nobody uses grants nothing anyway. A cluster membership becomes one ClusterRoleBinding per
 * (subject, template); a project membership becomes one RoleBinding per (namespace of the project,
 * subject, template), plus one ClusterRoleBinding per subject to the project basics role.
 */
export function desiredRbac(model: ClusterAccessModel, namespaces: NamespaceInfo[]): DesiredRbac {
  const templates = new Map(model.templates.map((template) => [template.id, template]));
  const warnings: string[] = [];
  const usedTemplates = new Map<string, RoleTemplate>();
  const clusterRoleBindings = new Map<string, V1ClusterRoleBinding>();
  const roleBindings = new Map<string, V1RoleBinding>();

  const usable = (templateId: string, context: RoleTemplate['context'], who: string) => {
    const template = templates.get(templateId);
    if (!template) {
      warnings.push(`${who}: role template "${templateId}" does not exist; no binding made`);
      return undefined;
    }
    if (reservedTemplateIds.includes(template.id)) {
      warnings.push(`${who}: role template id "${templateId}" is reserved; no binding made`);
      return undefined;
    }
    // A project role bound cluster-wide would reach every namespace, and a cluster role bound in
    // a namespace means nothing its author intended; the store should never hold either.
    if (template.context !== context) {
      warnings.push(`${who}: role template "${templateId}" is a ${template.context} role, not a ${context} role`);
      return undefined;
    }
    usedTemplates.set(template.id, template);
    return template;
  };

  for (const member of model.clusterMembers) {
    const who = `cluster member ${member.subject.kind} "${member.subject.name}"`;
    const template = usable(member.templateId, 'cluster', who);
    if (!template) continue;
    const name = `bokujo-crb-${digest(['cluster-member', member.subject.kind, member.subject.name, template.id])}`;
    clusterRoleBindings.set(name, {
      metadata: {
        name,
        labels: bindingLabels(member.subject, template.id),
        annotations: { [subjectAnnotation]: member.subject.name, [roleTemplateAnnotation]: template.id },
      },
      roleRef: { apiGroup: rbacApiGroup, kind: 'ClusterRole', name: clusterRoleNameFor(template.id) },
      subjects: [kubernetesSubject(member.subject)],
    });
  }

  const namespacesByProject = new Map<string, string[]>();
  for (const namespace of namespaces) {
    const project = namespace.labels[projectLabel];
    if (!project) continue;
    namespacesByProject.set(project, [...(namespacesByProject.get(project) ?? []), namespace.name]);
  }

  const basicsSubjects = new Map<string, RbacSubject>();
  for (const member of model.projectMembers) {
    const who = `project ${member.projectId} member ${member.subject.kind} "${member.subject.name}"`;
    const template = usable(member.templateId, 'project', who);
    if (!template) continue;
    // Granted even while the project has no namespace: the basics are what the project pages
    // need to offer creating the first workload or claim.
    basicsSubjects.set(JSON.stringify([member.subject.kind, member.subject.name]), member.subject);
    for (const namespace of namespacesByProject.get(member.projectId) ?? []) {
      const name = `bokujo-rb-${digest([namespace, member.subject.kind, member.subject.name, template.id])}`;
      roleBindings.set(name, {
        metadata: {
          name,
          namespace,
          labels: {
            ...bindingLabels(member.subject, template.id),
            ...labelIfValid(bindingProjectLabel, member.projectId),
          },
          annotations: {
            [subjectAnnotation]: member.subject.name,
            [roleTemplateAnnotation]: template.id,
            [projectAnnotation]: member.projectId,
          },
        },
        roleRef: { apiGroup: rbacApiGroup, kind: 'ClusterRole', name: clusterRoleNameFor(template.id) },
        subjects: [kubernetesSubject(member.subject)],
      });
    }
  }

  for (const subject of basicsSubjects.values()) {
    const name = `bokujo-crb-${digest(['project-basics', subject.kind, subject.name])}`;
    clusterRoleBindings.set(name, {
      metadata: {
        name,
        labels: { ...ownLabels, [subjectKindLabel]: subject.kind },
        annotations: { [subjectAnnotation]: subject.name },
      },
      roleRef: { apiGroup: rbacApiGroup, kind: 'ClusterRole', name: projectBasicsRoleName },
      subjects: [kubernetesSubject(subject)],
    });
  }

  const clusterRoles = [...usedTemplates.values()].flatMap(templateClusterRoles);
  if (basicsSubjects.size > 0) {
    clusterRoles.push({
      metadata: { name: projectBasicsRoleName, labels: { ...ownLabels } },
      rules: projectBasicsRules.map(copyRule),
    });
  }

  return {
    clusterRoles: clusterRoles.sort(byName),
    clusterRoleBindings: [...clusterRoleBindings.values()].sort(byName),
    roleBindings: [...roleBindings.values()].sort(byNamespaceAndName),
    warnings,
  };
}

/**
 * The ClusterRole of a template: its rules, or an aggregation of the labelled roles it names
 * (Kubernetes then keeps the rules in step with the cluster's version and CRDs). A template with
 * both gets a second, labelled ClusterRole holding its own rules, which its aggregation selects.
 */
function templateClusterRoles(template: RoleTemplate): V1ClusterRole[] {
  const name = clusterRoleNameFor(template.id);
  const labels = { ...ownLabels, ...labelIfValid(roleTemplateLabel, template.id) };
  const annotations = { [roleTemplateAnnotation]: template.id };
  if (!template.aggregateFrom || template.aggregateFrom.length === 0) {
    return [{ metadata: { name, labels, annotations }, rules: template.rules.map(copyRule) }];
  }
  const selectors = template.aggregateFrom.map((label) => ({ matchLabels: { [label]: 'true' } }));
  const roles: V1ClusterRole[] = [];
  if (template.rules.length > 0) {
    const partLabel = aggregateToTemplateValue(template.id);
    selectors.push({ matchLabels: { [aggregateToTemplateLabel]: partLabel } });
    roles.push({
      metadata: {
        name: `${name}:rules`,
        labels: { ...labels, [aggregateToTemplateLabel]: partLabel },
        annotations,
      },
      rules: template.rules.map(copyRule),
    });
  }
  // `rules` is left out on purpose: the aggregation controller owns it.
  roles.push({ metadata: { name, labels, annotations }, aggregationRule: { clusterRoleSelectors: selectors } });
  return roles;
}

/** The Kubernetes subject Bokujo impersonates for a member, through the one mapping in principal.ts. */
export function kubernetesSubject(subject: RbacSubject): RbacV1Subject {
  if (subject.kind === 'user') {
    return {
      apiGroup: rbacApiGroup,
      kind: 'User',
      name: kubernetesIdentity({ username: subject.name, groups: [] }).user,
    };
  }
  const [group] = kubernetesIdentity({ username: subject.name, groups: [subject.name] }).groups;
  return { apiGroup: rbacApiGroup, kind: 'Group', name: group! };
}

const ownLabels: Readonly<Record<string, string>> = { [managedByLabel]: 'bokujo', [rbacLabel]: 'true' };

function bindingLabels(subject: RbacSubject, templateId: string): Record<string, string> {
  return { ...ownLabels, [subjectKindLabel]: subject.kind, ...labelIfValid(roleTemplateLabel, templateId) };
}

/** Label values are limited (63 characters, alphanumerics, `-_.`); the annotations carry the rest. */
const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && labelValuePattern.test(value);
}

function labelIfValid(key: string, value: string): Record<string, string> {
  return isLabelValue(value) ? { [key]: value } : {};
}

function aggregateToTemplateValue(templateId: string): string {
  return isLabelValue(templateId) ? templateId : `h-${digest([templateId])}`;
}

/**
 * A name-safe digest of the parts: a JSON array, so that ("a-b", "c") and ("a", "b-c") differ,
 * hashed with SHA-256 and cut to 128 bits of lowercase hex, which keeps names short and
 * DNS-label safe whatever the subject's name contains.
 */
export function digest(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function copyRule(rule: PolicyRule): PolicyRule {
  return {
    ...(rule.apiGroups ? { apiGroups: [...rule.apiGroups] } : {}),
    ...(rule.resources ? { resources: [...rule.resources] } : {}),
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
    ...(rule.nonResourceURLs ? { nonResourceURLs: [...rule.nonResourceURLs] } : {}),
    verbs: [...rule.verbs],
  };
}

/** Code-unit order, not localeCompare: the result must not depend on the server's locale. */
const compare = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

const byName = (a: { metadata?: { name?: string } }, b: { metadata?: { name?: string } }) =>
  compare(a.metadata?.name, b.metadata?.name);

const byNamespaceAndName = (a: V1RoleBinding, b: V1RoleBinding) =>
  compare(a.metadata?.namespace, b.metadata?.namespace) || byName(a, b);
