import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/build-test-app.ts';
import { declaredPermission } from './plugins/app/route-permissions.ts';

describe('server skeleton', () => {
  it('answers liveness', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when its store answers', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: {
        store: { ok: true },
        leadership: { ok: true, message: 'leader (single process)' },
        shutdown: { ok: true },
      },
    });
  });

  it('is not ready once shutdown begins, so that load balancers stop sending requests', async () => {
    const { app } = await buildTestApp();
    app.draining = true;
    const response = await app.inject({ method: 'GET', url: '/api/v1/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', checks: { shutdown: { ok: false } } });
  });

  it('is not ready when its store is unusable, and says why', async () => {
    const { app } = await buildTestApp();
    await app.store.destroy();
    const response = await app.inject({ method: 'GET', url: '/api/v1/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { store: { ok: false, message: expect.stringContaining('the store does not answer') as unknown } },
    });
  });

  it('answers unknown API paths with the shared error body, never the SPA', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'No route GET /api/v1/nothing-here',
    });
  });

  it('keeps a well-formed request id from the caller and replaces a hostile one', async () => {
    const { app } = await buildTestApp();
    const kept = await app.inject({ method: 'GET', url: '/api/v1/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/api/v1/healthz',
      headers: { 'x-request-id': 'evil\r\nset-cookie: x' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a Content-Security-Policy that forbids inline scripts and framing', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/healthz' });
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('documents the API from the route schemas', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/healthz', '/api/v1/readyz']));
  });

  it('has a declared permission on every route it serves', async () => {
    const { app } = await buildTestApp();
    expect(app.routeTable.length).toBeGreaterThan(3);
    const undeclared = app.routeTable.filter((route) => !declaredPermission(route)).map((route) => route.url);
    expect(undeclared).toEqual([]);
  });
});
