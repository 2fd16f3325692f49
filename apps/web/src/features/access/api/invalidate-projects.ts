import type { QueryClient } from '@tanstack/react-query';
import { projectsKey } from '@/lib/projects/projects-key';
import { unassignedNamespacesKey } from './projects-key';

/** After any change to projects or namespaces: every list of them may now differ. */
export const invalidateProjects = (queryClient: QueryClient, clusterId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: projectsKey }),
    queryClient.invalidateQueries({ queryKey: unassignedNamespacesKey(clusterId) }),
  ]);
