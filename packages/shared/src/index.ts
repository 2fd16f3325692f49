export * from './schemas/common.ts';
export * from './schemas/permissions.ts';
export * from './schemas/auth.ts';
export * from './schemas/clusters.ts';
export * from './rbac/role-templates.ts';
export * from './schemas/access.ts';
export * from './schemas/storage.ts';
export * from './k8s/quantity.ts';
