import { Permission } from '@bokujo/shared';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller needs; required on every route (deny by default). */
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every route registered, as registered; read once the server is ready. */
    routeTable: readonly RouteOptions[];
  }
}

/**
 * Refuses to start a server that has a route without a declared permission, the class of bug
 * behind Portainer's CVE-2026-44848 (a path registered without its check).
 */
export default fp(
  function routePermissions(app: FastifyInstance) {
    const routes: RouteOptions[] = [];
    app.decorate('routeTable', routes);
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    // Checked when ready rather than on registration: scopes such as markRoutesPublic fill the
    // permission in with their own onRoute hooks, which run after this root one.
    app.addHook('onReady', async () => {
      const undeclared = routes.filter((route) => !declaredPermission(route));
      if (undeclared.length > 0) {
        const list = undeclared.map((route) => `${String(route.method)} ${route.url}`).join(', ');
        throw new Error(`Routes without a declared permission (config.permission): ${list}`);
      }
    });
  },
  { name: 'route-permissions' },
);

export function declaredPermission(route: Pick<RouteOptions, 'config'>): Permission | undefined {
  const permission = (route.config as { permission?: unknown } | undefined)?.permission;
  return Object.values(Permission).find((known) => known === permission);
}

/**
 * For plugins that register their own routes (static files, API docs) and cannot pass a route
 * config: everything they register in this scope is public.
 */
export function markRoutesPublic(scope: FastifyInstance) {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, permission: Permission.public };
  });
}
