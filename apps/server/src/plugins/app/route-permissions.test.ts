import { Permission } from '@bokujo/shared';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import routePermissions, { markRoutesPublic } from './route-permissions.ts';

describe('route permissions', () => {
  it('refuses to start with a route that declares no permission', async () => {
    const app = Fastify();
    await app.register(routePermissions);
    app.get('/api/v1/secret', async () => ({ secret: true }));
    app.get('/api/v1/open', { config: { permission: Permission.public } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(
      'Routes without a declared permission (config.permission): GET /api/v1/secret',
    );
  });

  it('refuses a permission name it does not know', async () => {
    const app = Fastify();
    await app.register(routePermissions);
    app.get('/api/v1/typo', { config: { permission: 'publik' as Permission } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow('GET /api/v1/typo');
  });

  it('lets a scope mark the routes of a third-party plugin public', async () => {
    const app = Fastify();
    await app.register(routePermissions);
    await app.register(async (scope) => {
      markRoutesPublic(scope);
      scope.get('/assets/app.js', async () => '');
    });
    await app.ready();
    const routes = app.routeTable.map((route) => [route.method, route.url, route.config?.permission]);
    expect(routes).toEqual([
      ['GET', '/assets/app.js', Permission.public],
      ['HEAD', '/assets/app.js', Permission.public],
    ]);
    await app.close();
  });
});
