import type { Me } from '@bokujo/shared';
import { useQueries } from '@tanstack/react-query';
import { getMembersQueryOptions, useMembers } from '../api/get-members';
import { useRoleTemplates } from '../api/get-role-templates';
import { projectRights, type Rights, rightsFromMembers } from '../utils/scoped-rights';

const none: Rights = new Set();

export interface ScopedRights {
  cluster: Rights;
  project: (projectId: string) => Rights;
}

/**
 * What the person may do in a cluster and in each of the given projects, to offer only the
 * actions the server will allow (it still checks each one). Administrators may do everything;
 * others' rights come from the members lists, which anyone who sees the scope may read. Until
 * those lists arrive, or when one cannot be read, the person holds nothing there.
 */
export function useScopedRights(me: Me, clusterId: string, projectIds: readonly string[]): ScopedRights {
  const isAdmin = me.globalRoles.includes('admin');
  const templates = useRoleTemplates();
  const clusterMembers = useMembers({ kind: 'cluster', clusterId }, { enabled: !isAdmin });
  const projectMembers = useQueries({
    queries: projectIds.map((projectId) => ({
      ...getMembersQueryOptions({ kind: 'project', projectId }),
      enabled: !isAdmin,
    })),
  });
  if (isAdmin) return { cluster: 'all', project: () => 'all' };

  const known = templates.data ?? [];
  const cluster = clusterMembers.data ? rightsFromMembers(clusterMembers.data, me.id, known) : none;
  return {
    cluster,
    project: (projectId) => {
      const members = projectMembers[projectIds.indexOf(projectId)]?.data;
      return projectRights(members ? rightsFromMembers(members, me.id, known) : none, cluster);
    },
  };
}
