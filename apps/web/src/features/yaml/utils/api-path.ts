/** An object named by its Kubernetes API path, split into what the API calls its parts. */
export interface ObjectRef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** The plural resource name, e.g. `deployments`. */
  resource: string;
  namespace: string | undefined;
  name: string;
}

const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Reads `/api/v1/namespaces/shop/pods/web` or `/apis/apps/v1/deployments/…`-style paths of one
 * object. Anything else (collections, subresources, `..`, other URLs) is undefined, so the page
 * never sends an arbitrary path to the cluster.
 */
export function parseObjectPath(path: string): ObjectRef | undefined {
  if (!path.startsWith('/') || path.includes('?') || path.includes('#')) return undefined;
  let segments: string[];
  try {
    segments = path.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (segments.some((segment) => !segmentPattern.test(segment))) return undefined;
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    [group, version, rest] = ['', segments[1] ?? '', segments.slice(2)];
  } else if (segments[0] === 'apis') {
    [group, version, rest] = [segments[1] ?? '', segments[2] ?? '', segments.slice(3)];
  } else {
    return undefined;
  }
  if (!version) return undefined;
  if (rest.length === 2) return { group, version, resource: rest[0] ?? '', namespace: undefined, name: rest[1] ?? '' };
  if (rest.length === 4 && rest[0] === 'namespaces') {
    return { group, version, namespace: rest[1], resource: rest[2] ?? '', name: rest[3] ?? '' };
  }
  return undefined;
}

/** `v1` → `/api/v1`, `apps/v1` → `/apis/apps/v1`. */
export function groupVersionPath(apiVersion: string) {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The path of a resource's collection, where new objects are created. */
export function collectionPath(apiVersion: string, resource: string, namespace: string | undefined) {
  const scope = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(apiVersion)}${scope}/${resource}`;
}

export const objectPath = (apiVersion: string, resource: string, namespace: string | undefined, name: string) =>
  `${collectionPath(apiVersion, resource, namespace)}/${encodeURIComponent(name)}`;
