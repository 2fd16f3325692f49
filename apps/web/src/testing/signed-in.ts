import type { Cluster, Me } from '@bokujo/shared';
import { admin } from './fixtures';
import type { Route } from './fake-server';

/** The routes every signed-in page asks for, to spread into a test's fake server. */
export function signedInRoutes({
  me = admin,
  clusters = [] as Cluster[],
}: { me?: Me; clusters?: Cluster[] } = {}): Record<string, Route> {
  return {
    'GET /api/v1/me': { body: me },
    'GET /api/v1/setup': { body: { setupRequired: false, serverUrl: 'https://bokujo.example.com' } },
    'GET /api/v1/readyz': { body: { status: 'ok' } },
    'GET /api/v1/clusters': { body: { items: clusters } },
  };
}
