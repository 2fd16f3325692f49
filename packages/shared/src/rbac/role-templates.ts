/**
 * Role templates: what a cluster or project role lets a person do, in Kubernetes terms (rules
 * that Bokujo turns into a ClusterRole per template in every cluster) and in Bokujo's own terms
 * (who may manage members and projects). Data, not code: custom templates have the same shape.
 */

/** One RBAC rule, as in a Kubernetes ClusterRole. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

/** What a template lets its holder do inside Bokujo (beyond what Kubernetes enforces). */
export const ScopedPermission = {
  /** Add and remove members of the cluster (cluster templates) or project (project templates). */
  manageMembers: 'members:manage',
  /** Create projects in the cluster, and their namespaces. */
  createProjects: 'projects:create',
  /** See and manage every project of the cluster. */
  manageAllProjects: 'projects:manage-all',
  /** See every project of the cluster. */
  viewAllProjects: 'projects:view-all',
  /** Rename or delete the project, move namespaces in or out of it, set its quota. */
  manageProject: 'project:manage',
} as const;
export type ScopedPermission = (typeof ScopedPermission)[keyof typeof ScopedPermission];

export interface RoleTemplate {
  id: string;
  context: 'cluster' | 'project';
  builtIn: boolean;
  /** Shown in the UI through the catalog key `roles.<id>` for built-ins; custom ones use `name`. */
  name: string;
  rules: PolicyRule[];
  /**
   * Kubernetes aggregation labels whose ClusterRoles this template's ClusterRole collects, as
   * the built-in admin/edit/view roles do; the cluster keeps the rules current with its version.
   */
  aggregateFrom?: string[];
  permissions: ScopedPermission[];
}

const read = ['get', 'list', 'watch'];
const write = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

export const builtInRoleTemplates: readonly RoleTemplate[] = [
  {
    id: 'cluster-owner',
    context: 'cluster',
    builtIn: true,
    name: 'Cluster Owner',
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
    permissions: ['members:manage', 'projects:create', 'projects:manage-all', 'projects:view-all'],
  },
  {
    id: 'cluster-member',
    context: 'cluster',
    builtIn: true,
    name: 'Cluster Member',
    rules: [
      { apiGroups: [''], resources: ['nodes', 'namespaces', 'persistentvolumes', 'events'], verbs: read },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses', 'csidrivers', 'csinodes'], verbs: read },
      { apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'], verbs: read },
    ],
    permissions: ['projects:create'],
  },
  {
    id: 'manage-storage',
    context: 'cluster',
    builtIn: true,
    name: 'Manage Storage',
    rules: [
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: write },
      {
        apiGroups: ['storage.k8s.io'],
        resources: ['storageclasses', 'volumeattachments', 'csidrivers', 'csinodes', 'csistoragecapacities'],
        verbs: write,
      },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: read },
    ],
    permissions: [],
  },
  {
    id: 'create-projects',
    context: 'cluster',
    builtIn: true,
    name: 'Create Projects',
    rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['create'] }],
    permissions: ['projects:create'],
  },
  {
    id: 'view-all-projects',
    context: 'cluster',
    builtIn: true,
    name: 'View All Projects',
    rules: [],
    aggregateFrom: ['rbac.authorization.k8s.io/aggregate-to-view'],
    permissions: ['projects:view-all'],
  },
  {
    id: 'manage-cluster-members',
    context: 'cluster',
    builtIn: true,
    name: 'Manage Cluster Members',
    rules: [
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterrolebindings', 'rolebindings', 'clusterroles', 'roles'],
        verbs: read,
      },
    ],
    permissions: ['members:manage'],
  },
  {
    id: 'project-owner',
    context: 'project',
    builtIn: true,
    name: 'Project Owner',
    rules: [],
    aggregateFrom: ['rbac.authorization.k8s.io/aggregate-to-admin'],
    permissions: ['members:manage', 'project:manage'],
  },
  {
    id: 'project-member',
    context: 'project',
    builtIn: true,
    name: 'Project Member',
    rules: [],
    aggregateFrom: ['rbac.authorization.k8s.io/aggregate-to-edit'],
    permissions: [],
  },
  {
    id: 'read-only',
    context: 'project',
    builtIn: true,
    name: 'Read-only',
    rules: [],
    aggregateFrom: ['rbac.authorization.k8s.io/aggregate-to-view'],
    permissions: [],
  },
  {
    id: 'manage-workloads',
    context: 'project',
    builtIn: true,
    name: 'Manage Workloads',
    rules: [
      {
        apiGroups: ['apps'],
        resources: [
          'deployments',
          'deployments/scale',
          'statefulsets',
          'statefulsets/scale',
          'daemonsets',
          'replicasets',
        ],
        verbs: write,
      },
      { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: write },
      {
        apiGroups: [''],
        resources: ['pods', 'pods/log', 'pods/exec', 'pods/attach', 'pods/portforward'],
        verbs: write,
      },
      { apiGroups: [''], resources: ['services', 'configmaps', 'events', 'persistentvolumeclaims'], verbs: read },
    ],
    permissions: [],
  },
  {
    id: 'manage-volumes',
    context: 'project',
    builtIn: true,
    name: 'Manage Volumes',
    rules: [{ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: write }],
    permissions: [],
  },
  {
    id: 'manage-secrets',
    context: 'project',
    builtIn: true,
    name: 'Manage Secrets',
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: write }],
    permissions: [],
  },
];

/**
 * What every holder of any project role may read cluster-wide: the StorageClasses the
 * volume-claim dialog offers. Namespaces are listed through Bokujo, which shows only the
 * project's own, so that a project member does not learn the names of others' namespaces.
 */
export const projectBasicsRules: PolicyRule[] = [
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: read },
];

/** The ClusterRole name of a template in every cluster. */
export const clusterRoleNameFor = (templateId: string) => `bokujo:${templateId}`;

/** The label that puts a namespace in a project; its value is the project id. */
export const projectLabel = 'bokujo.io/project';
