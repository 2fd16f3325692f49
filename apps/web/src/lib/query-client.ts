import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from './api-client';

/**
 * Queries about the signed-in person live under this key. When any other call answers 401 the
 * session has ended, so these are asked again; the route guard then sends the person to login.
 * No redirect happens here: a background refetch must not yank the page away by itself.
 */
export const sessionQueryKey = ['session'] as const;

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** A 401 from this call is an answer (wrong password), not an expired session. */
      unauthenticatedIsExpected?: boolean;
    };
  }
}

/** Client errors (bad input, no permission) will not change by asking again; others may. */
function shouldRetry(failureCount: number, error: unknown) {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthenticated(error) && query.queryKey[0] !== sessionQueryKey[0]) recheckSession();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isUnauthenticated(error) && !mutation.meta?.unauthenticatedIsExpected) recheckSession();
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  function recheckSession() {
    void client.invalidateQueries({ queryKey: sessionQueryKey });
  }
  return client;
}
