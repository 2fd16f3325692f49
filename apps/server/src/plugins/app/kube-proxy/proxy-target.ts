/** Where the proxy lives; kubeconfigs Bokujo hands out point at `<origin>/k8s/clusters/<id>`. */
export const proxyPrefix = '/k8s/clusters/';

export interface ProxyTarget {
  clusterId: string;
  /** The apiserver path with its query string exactly as the caller wrote it; always starts with `/`. */
  pathAndQuery: string;
}

export function isProxyPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(proxyPrefix);
}

/**
 * Splits a request target such as `/k8s/clusters/c-1/api/v1/pods?watch=true` into the cluster
 * and the apiserver path. Read from the raw target rather than the router's decoded parameters,
 * so percent-encoding (field selectors, label selectors) reaches the apiserver as it was sent.
 */
export function parseProxyTarget(url: string | undefined): ProxyTarget | undefined {
  if (!isProxyPath(url)) return undefined;
  const rest = (url as string).slice(proxyPrefix.length);
  const end = rest.search(/[/?]/);
  const rawId = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  let clusterId: string;
  try {
    clusterId = decodeURIComponent(rawId);
  } catch {
    return undefined;
  }
  if (!clusterId || clusterId.includes('/')) return undefined;
  const pathAndQuery = tail.startsWith('/') ? tail : `/${tail}`;
  return { clusterId, pathAndQuery };
}

/**
 * The request target on the apiserver: its URL's own path (an apiserver may sit behind a path
 * prefix) followed by the caller's path.
 */
export function upstreamPath(server: URL, pathAndQuery: string): string {
  const base = server.pathname.replace(/\/+$/, '');
  return `${base}${pathAndQuery}`;
}
