/** Every page's address in one place, so links and routes cannot drift apart. */
const withNext = (path: string, next?: string) => (next ? `${path}?${new URLSearchParams({ next })}` : path);

export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: { path: '/login', getHref: (next?: string) => withNext('/login', next) },
  setup: { path: '/setup', getHref: (next?: string) => withNext('/setup', next) },
  password: { path: '/account/password', getHref: (next?: string) => withNext('/account/password', next) },
  clusters: { path: '/clusters', getHref: () => '/clusters' },
  clusterImport: { path: '/clusters/import', getHref: () => '/clusters/import' },
  users: { path: '/users', getHref: () => '/users' },
  roles: { path: '/roles', getHref: () => '/roles' },
  audit: { path: '/audit', getHref: () => '/audit' },
  cluster: {
    path: '/c/:clusterId',
    getHref: (clusterId: string) => clusterHref(clusterId),
  },
  clusterMembers: {
    path: '/c/:clusterId/members',
    getHref: (clusterId: string) => `${clusterHref(clusterId)}/members`,
  },
  projects: {
    path: '/c/:clusterId/projects',
    getHref: (clusterId: string) => `${clusterHref(clusterId)}/projects`,
  },
  storageClasses: {
    path: '/c/:clusterId/storage/classes',
    getHref: (clusterId: string) => `${clusterHref(clusterId)}/storage/classes`,
  },
  storageClassCreate: {
    path: '/c/:clusterId/storage/classes/new',
    getHref: (clusterId: string) => `${clusterHref(clusterId)}/storage/classes/new`,
  },
  persistentVolumes: {
    path: '/c/:clusterId/storage/volumes',
    getHref: (clusterId: string) => `${clusterHref(clusterId)}/storage/volumes`,
  },
  project: {
    path: '/c/:clusterId/p/:projectId',
    getHref: (clusterId: string, projectId: string) => projectHref(clusterId, projectId),
  },
  projectMembers: {
    path: '/c/:clusterId/p/:projectId/members',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/members`,
  },
  volumeClaims: {
    path: '/c/:clusterId/p/:projectId/volume-claims',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/volume-claims`,
  },
  volumeClaimCreate: {
    path: '/c/:clusterId/p/:projectId/volume-claims/new',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/volume-claims/new`,
  },
} as const;

function clusterHref(clusterId: string) {
  return `/c/${encodeURIComponent(clusterId)}`;
}

function projectHref(clusterId: string, projectId: string) {
  return `${clusterHref(clusterId)}/p/${encodeURIComponent(projectId)}`;
}

/** Where a signed-in person lands when nothing else was asked for. */
export const landingPath = paths.clusters.getHref();
