/** What a global role may grant: Bokujo-wide abilities beyond signing in. */
export const GlobalPermission = {
  clustersImport: 'clusters:import',
  usersManage: 'users:manage',
  rolesManage: 'roles:manage',
  auditRead: 'audit:read',
  settingsManage: 'settings:manage',
} as const;
export type GlobalPermission = (typeof GlobalPermission)[keyof typeof GlobalPermission];

/**
 * What a route of Bokujo's own API needs from its caller. Every route declares one; a route
 * without one is refused when the server starts (deny by default). Rights inside one cluster or
 * project (members, projects) are checked by the services against role templates.
 */
export const Permission = {
  /** Needs nothing: health, login, the SPA's files. */
  public: 'public',
  /** Any signed-in person; what they may then touch is decided per object (or by Kubernetes). */
  authenticated: 'authenticated',
  ...GlobalPermission,
  /** Administrators only (the first-run setup). */
  admin: 'admin',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export const builtInGlobalRoles = {
  /** Everything, in Bokujo and (through `bokujo:admins`) as cluster-admin in every cluster. */
  admin: Object.values(GlobalPermission),
  /** May import clusters, which they then own; sees only what they hold a role in. */
  user: [GlobalPermission.clustersImport],
  /** May sign in; sees only what they hold a role in. */
  'user-base': [],
} as const satisfies Record<string, readonly GlobalPermission[]>;
export type BuiltInGlobalRole = keyof typeof builtInGlobalRoles;
