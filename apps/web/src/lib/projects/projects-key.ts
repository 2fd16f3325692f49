/**
 * Projects, their namespaces and the cluster's unassigned namespaces all sit under these keys, so
 * one change (a move, a deletion) refreshes every view of them.
 */
export const projectsKey = ['projects'] as const;
