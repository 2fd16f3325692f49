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
  authProviders: { path: '/auth-providers', getHref: () => '/auth-providers' },
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
  /** Every pod of the cluster; `project` narrows it to one project's namespaces. */
  pods: {
    path: '/c/:clusterId/pods',
    getHref: (clusterId: string, filter: { project?: string } = {}) =>
      `${clusterHref(clusterId)}/pods${filter.project ? `?${new URLSearchParams({ project: filter.project })}` : ''}`,
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
  workloads: {
    path: '/c/:clusterId/p/:projectId/workloads',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/workloads`,
  },
  workloadDeploy: {
    path: '/c/:clusterId/p/:projectId/workloads/new',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/workloads/new`,
  },
  workload: {
    path: '/c/:clusterId/p/:projectId/workloads/:namespace/:kind/:name',
    getHref: (clusterId: string, projectId: string, object: NamespacedObject & { kind: string }) =>
      `${projectHref(clusterId, projectId)}/workloads/${objectSegments(object.namespace, object.kind, object.name)}`,
  },
  workloadEdit: {
    path: '/c/:clusterId/p/:projectId/workloads/:namespace/:kind/:name/edit',
    getHref: (clusterId: string, projectId: string, object: NamespacedObject & { kind: string }) =>
      `${projectHref(clusterId, projectId)}/workloads/${objectSegments(object.namespace, object.kind, object.name)}/edit`,
  },
  pod: {
    path: '/c/:clusterId/p/:projectId/pods/:namespace/:name',
    getHref: (clusterId: string, projectId: string, pod: NamespacedObject) =>
      `${projectHref(clusterId, projectId)}/pods/${objectSegments(pod.namespace, pod.name)}`,
  },
  importYaml: {
    path: '/c/:clusterId/p/:projectId/import-yaml',
    getHref: (clusterId: string, projectId: string) => `${projectHref(clusterId, projectId)}/import-yaml`,
  },
  /** Any object of a cluster as YAML, named by its API path (`/apis/apps/v1/namespaces/shop/deployments/web`). */
  objectYaml: {
    path: '/c/:clusterId/yaml',
    getHref: (clusterId: string, apiPath: string) =>
      `${clusterHref(clusterId)}/yaml?${new URLSearchParams({ object: apiPath })}`,
  },
} as const;

interface NamespacedObject {
  namespace: string;
  name: string;
}

const objectSegments = (...segments: string[]) => segments.map(encodeURIComponent).join('/');

function clusterHref(clusterId: string) {
  return `/c/${encodeURIComponent(clusterId)}`;
}

function projectHref(clusterId: string, projectId: string) {
  return `${clusterHref(clusterId)}/p/${encodeURIComponent(projectId)}`;
}

/** Where a signed-in person lands when nothing else was asked for. */
export const landingPath = paths.clusters.getHref();
