/**
 * The kinds the console lists, described as data: where Kubernetes serves each one. The server keeps
 * a cache of these per cluster and answers paged, filtered lists from it; the SPA asks by the key.
 */
export const cachedResources = {
  pods: { group: '', version: 'v1', kind: 'Pod', namespaced: true },
  deployments: { group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true },
  statefulsets: { group: 'apps', version: 'v1', kind: 'StatefulSet', namespaced: true },
  daemonsets: { group: 'apps', version: 'v1', kind: 'DaemonSet', namespaced: true },
  jobs: { group: 'batch', version: 'v1', kind: 'Job', namespaced: true },
  cronjobs: { group: 'batch', version: 'v1', kind: 'CronJob', namespaced: true },
  services: { group: '', version: 'v1', kind: 'Service', namespaced: true },
  persistentvolumeclaims: { group: '', version: 'v1', kind: 'PersistentVolumeClaim', namespaced: true },
  persistentvolumes: { group: '', version: 'v1', kind: 'PersistentVolume', namespaced: false },
  namespaces: { group: '', version: 'v1', kind: 'Namespace', namespaced: false },
  nodes: { group: '', version: 'v1', kind: 'Node', namespaced: false },
  events: { group: '', version: 'v1', kind: 'Event', namespaced: true },
  storageclasses: { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', namespaced: false },
} as const;
export type CachedResource = keyof typeof cachedResources;

export const cachedResourceNames = Object.keys(cachedResources) as CachedResource[];

export function isCachedResource(value: string): value is CachedResource {
  return Object.hasOwn(cachedResources, value);
}

/** `/api/v1/pods` or `/apis/apps/v1/namespaces/demo/deployments`: the collection on the apiserver. */
export function cachedResourcePath(resource: CachedResource, namespace?: string) {
  const { group, version } = cachedResources[resource];
  const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace === undefined
    ? `${prefix}/${resource}`
    : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}
