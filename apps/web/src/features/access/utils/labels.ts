import {
  type BuiltInGlobalRole,
  builtInGlobalRoles,
  builtInRoleTemplates,
  type GlobalPermission,
  type ScopedPermission,
} from '@bokujo/shared';

/**
 * Catalog keys for the names the server sends in English or as codes. Keys cannot hold `:` or
 * `.` (i18next reads them as namespace and nesting), hence explicit maps instead of the codes.
 */
export const permissionKeys = {
  'clusters:import': 'clustersImport',
  'users:manage': 'usersManage',
  'roles:manage': 'rolesManage',
  'audit:read': 'auditRead',
  'settings:manage': 'settingsManage',
  'members:manage': 'membersManage',
  'projects:create': 'projectsCreate',
  'projects:manage-all': 'projectsManageAll',
  'projects:view-all': 'projectsViewAll',
  'project:manage': 'projectManage',
} as const satisfies Record<GlobalPermission | ScopedPermission, string>;

export type PermissionKey = (typeof permissionKeys)[keyof typeof permissionKeys];

export const permissionKey = (permission: string): PermissionKey | undefined =>
  Object.hasOwn(permissionKeys, permission) ? permissionKeys[permission as keyof typeof permissionKeys] : undefined;

export const isBuiltInGlobalRole = (id: string): id is BuiltInGlobalRole => Object.hasOwn(builtInGlobalRoles, id);

const templateIds = builtInRoleTemplates.map((template) => template.id);
export type BuiltInTemplateId =
  | 'cluster-owner'
  | 'cluster-member'
  | 'manage-storage'
  | 'create-projects'
  | 'view-all-projects'
  | 'manage-cluster-members'
  | 'project-owner'
  | 'project-member'
  | 'read-only'
  | 'manage-workloads'
  | 'manage-volumes'
  | 'manage-secrets';

export const isBuiltInTemplate = (id: string): id is BuiltInTemplateId => templateIds.includes(id);

/** Audit actions the server records, by catalog key. */
export const auditActionKeys = {
  'setup.complete': 'setupComplete',
  login: 'login',
  logout: 'logout',
  'password.change': 'passwordChange',
  'token.create': 'tokenCreate',
  'token.revoke': 'tokenRevoke',
  'cluster.import': 'clusterImport',
  'cluster.update': 'clusterUpdate',
  'cluster.delete': 'clusterDelete',
  'kubeconfig.download': 'kubeconfigDownload',
  'user.create': 'userCreate',
  'user.update': 'userUpdate',
  'user.password-reset': 'userPasswordReset',
  'user.delete': 'userDelete',
  'global-role.create': 'globalRoleCreate',
  'global-role.delete': 'globalRoleDelete',
  'role-template.create': 'roleTemplateCreate',
  'project.create': 'projectCreate',
  'project.update': 'projectUpdate',
  'project.delete': 'projectDelete',
  'namespace.create': 'namespaceCreate',
  'namespace.move': 'namespaceMove',
  'cluster-member.add': 'clusterMemberAdd',
  'cluster-member.remove': 'clusterMemberRemove',
  'project-member.add': 'projectMemberAdd',
  'project-member.remove': 'projectMemberRemove',
} as const;

export type AuditAction = keyof typeof auditActionKeys;
export const auditActions = Object.keys(auditActionKeys) as AuditAction[];

export const auditActionKey = (action: string) =>
  Object.hasOwn(auditActionKeys, action) ? auditActionKeys[action as AuditAction] : undefined;

/** ResourceQuota resources a project quota may limit, by catalog key. */
export const quotaResourceKeys = {
  'requests.cpu': 'requestsCpu',
  'requests.memory': 'requestsMemory',
  'limits.cpu': 'limitsCpu',
  'limits.memory': 'limitsMemory',
  'requests.storage': 'requestsStorage',
  persistentvolumeclaims: 'persistentVolumeClaims',
  pods: 'pods',
} as const;

export const quotaResourceKey = (resource: string) =>
  Object.hasOwn(quotaResourceKeys, resource)
    ? quotaResourceKeys[resource as keyof typeof quotaResourceKeys]
    : undefined;
