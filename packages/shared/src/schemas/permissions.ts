/**
 * What a route of Bokujo's own API needs from its caller. Every route declares one; a route
 * without one is refused when the server starts (deny by default).
 * `public` needs nothing (health, login, the SPA's files); later issues add role permissions.
 */
export const Permission = {
  public: 'public',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];
