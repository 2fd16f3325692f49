import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/query-client';
import { fakeServer, type RecordedRequest } from '@/testing/fake-server';
import type { SelfSubjectAccessReview } from './types';
import { useCan, useCanEach } from './use-access-review';

const reviewRoute = 'POST /k8s/clusters/c-1/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/** Answers like kube-apiserver: RBAC gives a reason when it allows, none when it denies. */
function answer(allowedNamespaces: string[]) {
  return (request: RecordedRequest) => {
    const review = request.body as SelfSubjectAccessReview;
    const allowed = allowedNamespaces.includes(review.spec.resourceAttributes.namespace ?? '');
    return {
      status: 201,
      body: {
        ...review,
        status: allowed
          ? { allowed, reason: 'RBAC: allowed by RoleBinding "project-member" of ClusterRole "edit"' }
          : { allowed },
      },
    };
  };
}

function wrapper() {
  const client = createQueryClient();
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
}

describe('useCan', () => {
  it('asks Kubernetes about the exact attributes and holds the action back until it answers', async () => {
    const server = fakeServer({ [reviewRoute]: answer(['shop']) });
    document.cookie = 'bokujo_csrf=tok';
    const { result } = renderHook(
      () => useCan('c-1', { verb: 'delete', group: '', resource: 'persistentvolumeclaims', namespace: 'shop' }),
      { wrapper: wrapper() },
    );
    expect(result.current).toEqual({ allowed: false, reason: undefined, isPending: true });

    await waitFor(() => expect(result.current.isPending).toBe(false));
    expect(result.current.allowed).toBe(true);
    expect(result.current.reason).toMatch(/RoleBinding "project-member"/);
    const [request] = server.to(reviewRoute);
    expect(request?.body).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: { verb: 'delete', group: '', resource: 'persistentvolumeclaims', namespace: 'shop' },
      },
    });
    expect(request?.headers.get('X-CSRF-Token')).toBe('tok');
  });

  it('asks once per question however many rows ask it', async () => {
    const server = fakeServer({ [reviewRoute]: answer([]) });
    const attributes = { verb: 'patch', group: 'storage.k8s.io', resource: 'storageclasses' };
    const { result } = renderHook(() => [useCan('c-1', attributes), useCan('c-1', { ...attributes })], {
      wrapper: wrapper(),
    });
    await waitFor(() => expect(result.current[0]?.isPending).toBe(false));
    expect(result.current.map((access) => access.allowed)).toEqual([false, false]);
    expect(server.to(reviewRoute)).toHaveLength(1);
  });

  it('answers per namespace when asked for several', async () => {
    fakeServer({ [reviewRoute]: answer(['shop-dev']) });
    const { result } = renderHook(
      () =>
        useCanEach(
          'c-1',
          ['shop-prod', 'shop-dev'].map((namespace) => ({
            verb: 'create',
            group: '',
            resource: 'persistentvolumeclaims',
            namespace,
          })),
        ),
      { wrapper: wrapper() },
    );
    await waitFor(() => expect(result.current.every((access) => !access.isPending)).toBe(true));
    expect(result.current.map((access) => access.allowed)).toEqual([false, true]);
  });

  it('leaves the action offered when the review itself fails, since the server still decides', async () => {
    fakeServer({ [reviewRoute]: { status: 503, body: { statusCode: 503, code: 'UNAVAILABLE', message: 'down' } } });
    const { result } = renderHook(
      () => useCan('c-1', { verb: 'create', group: 'storage.k8s.io', resource: 'storageclasses' }),
      { wrapper: wrapper() },
    );
    await waitFor(() => expect(result.current.isPending).toBe(false), { timeout: 10_000 });
    expect(result.current.allowed).toBe(true);
  });
});
