import { describe, expect, it } from 'vitest';
import { fakeServer } from '@/testing/fake-server';
import { apiFetch, ApiError } from './api-client';

describe('apiFetch', () => {
  it('echoes the CSRF cookie on every state-changing request, and only there', async () => {
    const server = fakeServer({
      'GET /api/v1/clusters': { body: { items: [] } },
      'POST /api/v1/clusters/import': { status: 201, body: {} },
      'PUT /api/v1/me/password': { status: 204 },
      'PATCH /api/v1/clusters/c-1': { body: {} },
      'DELETE /api/v1/clusters/c-1': { body: { removedFromCluster: true, reason: null } },
    });
    document.cookie = 'theme=dark';
    document.cookie = 'bokujo_csrf=Zm9vYmFy%2Bx';

    await apiFetch('/api/v1/clusters');
    await apiFetch('/api/v1/clusters/import', { method: 'POST', json: { name: 'dev' } });
    await apiFetch('/api/v1/me/password', { method: 'PUT', json: {} });
    await apiFetch('/api/v1/clusters/c-1', { method: 'PATCH', json: { description: 'x' } });
    await apiFetch('/api/v1/clusters/c-1', { method: 'DELETE' });

    const [get, ...changes] = server.requests;
    expect(get?.headers.get('X-CSRF-Token')).toBeNull();
    expect(changes.map((request) => [request.method, request.headers.get('X-CSRF-Token')])).toEqual([
      ['POST', 'Zm9vYmFy+x'],
      ['PUT', 'Zm9vYmFy+x'],
      ['PATCH', 'Zm9vYmFy+x'],
      ['DELETE', 'Zm9vYmFy+x'],
    ]);
    expect(changes[0]?.headers.get('content-type')).toBe('application/json');
    expect(changes[3]?.headers.get('content-type')).toBeNull();
  });

  it('keeps a JSON media type the caller names, such as a Kubernetes merge patch', async () => {
    const server = fakeServer({ 'PATCH /k8s/clusters/c-1/api/v1/namespaces/shop/persistentvolumeclaims/data': {} });
    await apiFetch('/k8s/clusters/c-1/api/v1/namespaces/shop/persistentvolumeclaims/data', {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      json: { spec: { resources: { requests: { storage: '20Gi' } } } },
    });
    const [patch] = server.requests;
    expect(patch?.headers.get('content-type')).toBe('application/merge-patch+json');
    expect(patch?.body).toEqual({ spec: { resources: { requests: { storage: '20Gi' } } } });
  });

  it('turns the shared error body into an ApiError with its fields and the wait', async () => {
    fakeServer({
      'POST /api/v1/clusters/import': {
        status: 400,
        body: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'The request is invalid',
          details: [{ field: '/body/name', reason: 'must match pattern' }],
        },
      },
      'POST /api/v1/auth/login': {
        status: 429,
        headers: { 'retry-after': '42' },
        body: { statusCode: 429, code: 'RATE_LIMITED', message: 'Rate limit exceeded' },
      },
    });
    const invalid = await apiFetch('/api/v1/clusters/import', { method: 'POST', json: {} }).catch(
      (error: unknown) => error,
    );
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).fieldErrors).toEqual([{ field: '/body/name', reason: 'must match pattern' }]);
    const limited = await apiFetch('/api/v1/auth/login', { method: 'POST', json: {} }).catch((error: unknown) => error);
    expect((limited as ApiError).status).toBe(429);
    expect((limited as ApiError).retryAfterSeconds).toBe(42);
  });
});
