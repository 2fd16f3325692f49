import type { CachedResource, ResourceCacheStats } from '@bokujo/shared';
import type { FastifyBaseLogger } from 'fastify';
import { UpstreamError } from '../../../errors.ts';
import type { ClusterConnection } from '../clusters/connection.ts';
import { UpstreamAgents } from '../kube-proxy/upstream-agents.ts';
import { type CacheListener, KindCache } from './kind-cache.ts';
import { ListWatch } from './list-watch.ts';

export interface ResourceCachesOptions {
  /** Bokujo's own connection to a cluster (no person: the cache reads cluster-wide). */
  connectionFor: (clusterId: string) => Promise<ClusterConnection>;
  log: FastifyBaseLogger;
  /** A cache with no subscriber and no request for this long is stopped; 5 min by default. */
  idleMs?: number;
  /** How long a request waits for the first list before it is answered with 502; 30 s by default. */
  syncTimeoutMs?: number;
}

interface CacheEntry {
  clusterId: string;
  resource: CachedResource;
  cache: KindCache;
  listWatch: ListWatch;
  subscribers: number;
  /** Requests waiting for the first list: the cache is in use although nobody subscribed. */
  waiting: number;
  lastUsed: number;
}

/**
 * Every (cluster, kind) cache of this process: one list+watch each, however many requests and
 * subscriptions read it, started by the first of them and stopped when none has come for
 * `idleMs`. Each server replica keeps its own.
 */
export class ResourceCaches {
  #idleMs: number;
  readonly #options: ResourceCachesOptions;
  readonly #entries = new Map<string, CacheEntry>();
  readonly #agents = new UpstreamAgents();
  #sweeper: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ResourceCachesOptions) {
    this.#options = options;
    this.#idleMs = options.idleMs ?? 5 * 60_000;
  }

  get idleMs() {
    return this.#idleMs;
  }

  /** Takes effect at once (tests shorten it), including for caches already idle. */
  set idleMs(milliseconds: number) {
    this.#idleMs = milliseconds;
    clearTimeout(this.#sweeper);
    this.#sweeper = undefined;
    if (this.#entries.size > 0) this.#scheduleSweep();
  }

  /** The cache, with its first list complete; starts it if needed. */
  async ready(clusterId: string, resource: CachedResource): Promise<KindCache> {
    const entry = this.#entry(clusterId, resource);
    entry.lastUsed = Date.now();
    const timeoutMs = this.#options.syncTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    entry.waiting += 1;
    try {
      await Promise.race([
        entry.listWatch.whenSynced(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new UpstreamError(
                  `The Kubernetes API of cluster "${clusterId}" did not list ${resource} within ${timeoutMs / 1000} s`,
                ),
              ),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      entry.waiting -= 1;
      entry.lastUsed = Date.now();
    }
    return entry.cache;
  }

  /** Feeds a listener from the cache (which must be ready) until the returned function is called. */
  subscribe(clusterId: string, resource: CachedResource, listener: CacheListener): () => void {
    const entry = this.#entry(clusterId, resource);
    entry.subscribers += 1;
    const unlisten = entry.cache.listen(listener);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      unlisten();
      entry.subscribers -= 1;
      entry.lastUsed = Date.now();
    };
  }

  /** Stops every cache of a cluster (it was removed from Bokujo). */
  stopCluster(clusterId: string) {
    for (const [key, entry] of this.#entries) {
      if (entry.clusterId !== clusterId) continue;
      entry.listWatch.stop();
      this.#entries.delete(key);
    }
  }

  /** For tests and operators: cut the watch connection of one cache (see ListWatch.dropConnection). */
  dropConnection(clusterId: string, resource: CachedResource, resumeFrom?: string) {
    this.#entries.get(key(clusterId, resource))?.listWatch.dropConnection(resumeFrom);
  }

  stats(): ResourceCacheStats[] {
    return [...this.#entries.values()]
      .map(({ clusterId, resource, cache, listWatch, subscribers }) => ({
        clusterId,
        resource,
        state: listWatch.state,
        rows: cache.size,
        subscribers,
        upstreamWatches: listWatch.watchesOpen,
        resourceVersion: cache.resourceVersion,
        relists: listWatch.relists,
        resumes: listWatch.resumes,
        lastError: listWatch.lastError,
      }))
      .sort((a, b) => a.clusterId.localeCompare(b.clusterId) || a.resource.localeCompare(b.resource));
  }

  close() {
    this.#closed = true;
    clearTimeout(this.#sweeper);
    for (const entry of this.#entries.values()) entry.listWatch.stop();
    this.#entries.clear();
    this.#agents.destroyAll();
  }

  #entry(clusterId: string, resource: CachedResource): CacheEntry {
    if (this.#closed) throw new UpstreamError('Bokujo is shutting down');
    const id = key(clusterId, resource);
    let entry = this.#entries.get(id);
    if (!entry) {
      const cache = new KindCache();
      const listWatch = new ListWatch({
        clusterId,
        resource,
        cache,
        connection: () => this.#options.connectionFor(clusterId),
        agents: this.#agents,
        log: this.#options.log,
      });
      entry = { clusterId, resource, cache, listWatch, subscribers: 0, waiting: 0, lastUsed: Date.now() };
      this.#entries.set(id, entry);
      listWatch.start();
      this.#scheduleSweep();
    }
    return entry;
  }

  #scheduleSweep() {
    if (this.#sweeper || this.#closed) return;
    const every = Math.max(50, Math.min(this.#idleMs / 2, 30_000));
    this.#sweeper = setTimeout(() => {
      this.#sweeper = undefined;
      this.#sweep();
      if (this.#entries.size > 0) this.#scheduleSweep();
    }, every);
    this.#sweeper.unref();
  }

  #sweep() {
    const now = Date.now();
    for (const [id, entry] of this.#entries) {
      if (entry.subscribers > 0 || entry.waiting > 0 || now - entry.lastUsed < this.#idleMs) continue;
      entry.listWatch.stop();
      this.#entries.delete(id);
      this.#options.log.debug(
        { clusterId: entry.clusterId, resource: entry.resource },
        'resource cache: idle; stopped',
      );
    }
  }
}

function key(clusterId: string, resource: CachedResource) {
  return `${clusterId}/${resource}`;
}
