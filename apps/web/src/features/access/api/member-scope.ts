/** Where members belong: a whole cluster, or one project. */
export type MemberScope = { kind: 'cluster'; clusterId: string } | { kind: 'project'; projectId: string };

export const membersPath = (scope: MemberScope) =>
  scope.kind === 'cluster'
    ? `/api/v1/clusters/${encodeURIComponent(scope.clusterId)}/members`
    : `/api/v1/projects/${encodeURIComponent(scope.projectId)}/members`;

export const membersKey = (scope: MemberScope) =>
  ['members', scope.kind, scope.kind === 'cluster' ? scope.clusterId : scope.projectId] as const;
