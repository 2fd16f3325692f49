/** Every page's address in one place, so links and routes cannot drift apart. */
const withNext = (path: string, next?: string) => (next ? `${path}?${new URLSearchParams({ next })}` : path);

export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: { path: '/login', getHref: (next?: string) => withNext('/login', next) },
  setup: { path: '/setup', getHref: (next?: string) => withNext('/setup', next) },
  password: { path: '/account/password', getHref: (next?: string) => withNext('/account/password', next) },
  clusters: { path: '/clusters', getHref: () => '/clusters' },
  clusterImport: { path: '/clusters/import', getHref: () => '/clusters/import' },
  cluster: {
    path: '/c/:clusterId',
    getHref: (clusterId: string) => `/c/${encodeURIComponent(clusterId)}`,
  },
} as const;

/** Where a signed-in person lands when nothing else was asked for. */
export const landingPath = paths.clusters.getHref();
