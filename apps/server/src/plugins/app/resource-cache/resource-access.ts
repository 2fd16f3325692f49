import {
  type CachedResource,
  cachedResources,
  compileLabelSelector,
  LabelSelectorError,
  projectLabel,
  type ResourceFilter,
  type ResourceRow,
} from '@bokujo/shared';
import { ForbiddenError, InputError, UpstreamError } from '../../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { KubeRequest, KubeResponse } from '../kube-proxy/impersonated-client.ts';
import type { KindCache } from './kind-cache.ts';
import type { ResourceCaches } from './resource-caches.ts';

export type CallAsPerson = (clusterId: string, principal: Principal, request: KubeRequest) => Promise<KubeResponse>;

interface CachedAnswer {
  expiresAt: number;
  allowed: Promise<boolean>;
}

/** Answers kept at most; expired ones are swept when the map grows past this. */
const maxAnswers = 50_000;

/**
 * "May this person list this kind here?", asked of the cluster itself with a
 * SelfSubjectAccessReview sent as the person (same impersonation as the kube proxy, external
 * groups included), and remembered for `ttlMs` so a scrolling list does not ask on every page.
 */
export class ListAccess {
  /** How long an answer is reused; settable (tests shorten it). */
  ttlMs: number;
  readonly #call: CallAsPerson;
  readonly #answers = new Map<string, CachedAnswer>();

  constructor(call: CallAsPerson, ttlMs = 15_000) {
    this.#call = call;
    this.ttlMs = ttlMs;
  }

  canList(principal: Principal, clusterId: string, resource: CachedResource, namespace?: string): Promise<boolean> {
    const id = [principal.userId, principal.groups.join('\u0001'), clusterId, resource, namespace ?? ''].join('\u0000');
    const now = Date.now();
    const known = this.#answers.get(id);
    if (known && known.expiresAt > now) return known.allowed;
    if (this.#answers.size >= maxAnswers) this.#sweep(now);
    const allowed = this.#review(principal, clusterId, resource, namespace);
    this.#answers.set(id, { expiresAt: now + this.ttlMs, allowed });
    // A failed review is not an answer; the next request asks again.
    allowed.catch(() => this.#answers.delete(id));
    return allowed;
  }

  async #review(principal: Principal, clusterId: string, resource: CachedResource, namespace?: string) {
    const { group } = cachedResources[resource];
    const response = await this.#call(clusterId, principal, {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'list', group, resource, ...(namespace ? { namespace } : {}) } },
      },
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new UpstreamError(`Cluster "${clusterId}" did not answer an access review (${response.status})`);
    }
    return (response.body as { status?: { allowed?: boolean } }).status?.allowed === true;
  }

  #sweep(now: number) {
    for (const [id, answer] of this.#answers) if (answer.expiresAt <= now) this.#answers.delete(id);
    // Still full of live answers: forget the oldest half rather than grow without bound.
    if (this.#answers.size >= maxAnswers) {
      let drop = Math.floor(this.#answers.size / 2);
      for (const id of this.#answers.keys()) {
        if (drop-- <= 0) break;
        this.#answers.delete(id);
      }
    }
  }
}

/** What one list request or subscription may see and asks to see, ready to test rows with. */
export interface ResourceView {
  cache: KindCache;
  /** Undefined: every row. */
  predicate: ((row: ResourceRow) => boolean) | undefined;
  /** The namespaces the predicate keeps at most, for the cache's namespace index (namespaced kinds). */
  namespaces: ReadonlySet<string> | undefined;
  /** Identifies the predicate, so that the cache can reuse the matches of an identical view. */
  key: string;
  /** When the permissions behind the view have to be asked again. */
  expiresAt: number;
}

export interface ViewRequest {
  principal: Principal;
  clusterId: string;
  resource: CachedResource;
  filter: ResourceFilter;
  /** Where a bad filter value is reported: `/querystring` for a list, '' for a websocket message. */
  fieldPrefix: string;
}

/**
 * Checks the caller's right to list, narrows to what they may and asked to see, and returns the
 * ready cache with a row predicate. Cluster-wide `list` allows every row; otherwise a namespace or
 * project must be named, and only its namespaces the person may list are served (403 if none).
 * The cluster must be one the caller may see (404 otherwise, before anything else).
 */
export async function resolveView(
  caches: ResourceCaches,
  access: ListAccess,
  assertClusterVisible: (clusterId: string, principal: Principal) => Promise<unknown>,
  request: ViewRequest,
): Promise<ResourceView> {
  const { principal, clusterId, resource, filter } = request;
  const matchLabels = labelMatcherFor(filter.label, `${request.fieldPrefix}/label`);
  await assertClusterVisible(clusterId, principal);
  const expiresAt = Date.now() + access.ttlMs;
  const namespaced = cachedResources[resource].namespaced;
  const clusterWide = await access.canList(principal, clusterId, resource);

  let namespaces: Set<string> | undefined;
  if (filter.project !== undefined) {
    const inProject = projectNamespaces(await caches.ready(clusterId, 'namespaces'), filter.project);
    namespaces =
      filter.namespace === undefined ? inProject : new Set(inProject.has(filter.namespace) ? [filter.namespace] : []);
  } else if (filter.namespace !== undefined) {
    namespaces = new Set([filter.namespace]);
  }
  if (!clusterWide) {
    if (!namespaced || namespaces === undefined) {
      throw new ForbiddenError(
        namespaced
          ? `You may not list ${resource} in the whole cluster; choose a namespace or a project`
          : `You may not list ${resource} in this cluster`,
      );
    }
    const checked = await Promise.all(
      [...namespaces].map(async (namespace) =>
        (await access.canList(principal, clusterId, resource, namespace)) ? namespace : undefined,
      ),
    );
    const allowed = new Set(checked.filter((namespace): namespace is string => namespace !== undefined));
    if (allowed.size === 0) {
      throw new ForbiddenError(
        filter.namespace !== undefined
          ? `You may not list ${resource} in namespace "${filter.namespace}"`
          : `You may not list ${resource} in any namespace of project "${filter.project ?? ''}"`,
      );
    }
    namespaces = allowed;
  }

  const cache = await caches.ready(clusterId, resource);
  return {
    cache,
    predicate: rowPredicate(resource, filter, namespaces, matchLabels),
    namespaces: namespaced ? namespaces : undefined,
    key: JSON.stringify([filter.name, filter.state, filter.label, namespaces ? [...namespaces].sort() : null]),
    expiresAt,
  };
}

function labelMatcherFor(label: string | undefined, field: string) {
  if (label === undefined) return undefined;
  try {
    return compileLabelSelector(label);
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw new InputError(`The label selector is invalid: ${error.message}`, [{ field, reason: error.message }]);
    }
    throw error;
  }
}

function projectNamespaces(namespaces: KindCache, project: string): Set<string> {
  const names = new Set<string>();
  for (const row of namespaces.rows()) if (row.labels[projectLabel] === project) names.add(row.name);
  return names;
}

/**
 * The filter as one function. A namespace row's own name counts as its namespace, so the
 * namespaces list narrows by project like every namespaced kind.
 */
export function rowPredicate(
  resource: CachedResource,
  filter: ResourceFilter,
  namespaces: ReadonlySet<string> | undefined,
  matchLabels: ((labels: Record<string, string>) => boolean) | undefined,
): ((row: ResourceRow) => boolean) | undefined {
  const tests: ((row: ResourceRow) => boolean)[] = [];
  if (namespaces) {
    tests.push(
      resource === 'namespaces'
        ? (row) => namespaces.has(row.name)
        : (row) => row.namespace !== undefined && namespaces.has(row.namespace),
    );
  }
  if (filter.name !== undefined) {
    // Kubernetes names of every cached kind are lower-case DNS names, so lowering the search
    // alone is case-insensitive, without 50k lowered copies per request.
    const part = filter.name.toLowerCase();
    tests.push((row) => row.name.includes(part));
  }
  if (filter.state !== undefined) {
    const state = filter.state;
    tests.push((row) => row.state === state);
  }
  if (matchLabels) tests.push((row) => matchLabels(row.labels));
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (row) => tests.every((test) => test(row));
}
