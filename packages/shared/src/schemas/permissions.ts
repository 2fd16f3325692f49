/**
 * What a route of Bokujo's own API needs from its caller. Every route declares one; a route
 * without one is refused when the server starts (deny by default).
 */
export const Permission = {
  /** Needs nothing: health, login, the SPA's files. */
  public: 'public',
  /** Any signed-in person; what they may then touch is decided per object (or by Kubernetes). */
  authenticated: 'authenticated',
  /** Import clusters (Administrators and Standard Users). */
  clustersImport: 'clusters:import',
  /** Everything: users, settings, every cluster. */
  admin: 'admin',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
