import type { ClientRequest, IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CachedResource,
  cachedResourcePath,
  type ResourceRow,
  toResourceRow,
  type KubeObjectJson,
} from '@bokujo/shared';
import type { FastifyBaseLogger } from 'fastify';
import { HttpError, UpstreamError } from '../../../errors.ts';
import type { ClusterConnection } from '../clusters/connection.ts';
import { headerValue } from '../kube-proxy/forwarded-headers.ts';
import { upstreamPath } from '../kube-proxy/proxy-target.ts';
import type { UpstreamAgents } from '../kube-proxy/upstream-agents.ts';
import { startUpstreamRequest, upstreamFailure } from '../kube-proxy/upstream-request.ts';
import type { KindCache } from './kind-cache.ts';

export interface ListWatchOptions {
  clusterId: string;
  resource: CachedResource;
  /** Bokujo's own connection to the cluster, asked again before every (re)connect (rotated credentials). */
  connection: () => Promise<ClusterConnection>;
  agents: UpstreamAgents;
  cache: KindCache;
  log: FastifyBaseLogger;
  pageSize?: number;
  retryMs?: number;
  maxRetryMs?: number;
  connectTimeoutMs?: number;
}

export type ListWatchState = 'listing' | 'synced' | 'retrying';

/** The apiserver no longer serves the history since our version (410 Gone): list again. */
class GoneError extends Error {}

interface WatchEvent {
  type?: string;
  object?: KubeObjectJson & { code?: number; message?: string };
}

/**
 * Keeps one kind of one cluster in a KindCache: lists it in pages, then watches from the list's
 * resourceVersion with bookmarks. A watch that ends (the server's timeout, a dropped connection)
 * is resumed from the last version seen, so nothing is missed; 410 Gone or an in-band error means
 * listing again, after which listeners get `resync`. Failures back off up to `maxRetryMs`.
 * Uses Bokujo's own credential, cluster-wide, never impersonated: who may read what is decided
 * when rows are served, not here.
 */
export class ListWatch {
  state: ListWatchState = 'listing';
  relists = 0;
  resumes = 0;
  watchesOpen = 0;
  lastError: string | null = null;
  readonly #options: ListWatchOptions;
  readonly #abort = new AbortController();
  #request: ClientRequest | undefined;
  #synced = false;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #resumeFrom: string | undefined;

  constructor(options: ListWatchOptions) {
    this.#options = options;
  }

  start() {
    void this.#run();
  }

  stop() {
    this.#abort.abort();
    this.#request?.destroy();
    this.#settle(new UpstreamError(`The cache of ${this.#options.resource} was stopped`));
  }

  get stopped() {
    return this.#abort.signal.aborted;
  }

  /** Resolves once the first list is in the cache; rejects when that list fails (the loop retries). */
  whenSynced(): Promise<void> {
    if (this.#synced) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Cuts the open watch connection as a network failure would; the loop resumes from the last
   * version, or from `resumeFrom` when given (an old version provokes 410 Gone). For tests and
   * for operators who suspect a stuck connection.
   */
  dropConnection(resumeFrom?: string) {
    this.#resumeFrom = resumeFrom;
    this.#request?.destroy(new Error('connection dropped on purpose'));
  }

  #settle(error?: Error) {
    const waiters = this.#waiters.splice(0);
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  async #run() {
    const { cache, log, clusterId, resource } = this.#options;
    const retryMs = this.#options.retryMs ?? 500;
    const maxRetryMs = this.#options.maxRetryMs ?? 30_000;
    let relist = true;
    let failures = 0;
    while (!this.stopped) {
      try {
        const connection = await this.#options.connection();
        if (relist) {
          this.state = 'listing';
          await this.#list(connection);
          relist = false;
        } else {
          this.resumes += 1;
        }
        if (this.#resumeFrom !== undefined) {
          cache.resourceVersion = this.#resumeFrom;
          this.#resumeFrom = undefined;
        }
        const startedAt = Date.now();
        const events = await this.#watch(connection);
        // A watch that ends at once without news must not become a busy loop.
        failures = events > 0 || Date.now() - startedAt > 1_000 ? 0 : failures + 1;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof GoneError) {
          log.debug({ clusterId, resource }, 'resource cache: watch version gone; listing again');
          relist = true;
          failures = 0;
          continue;
        }
        failures += 1;
        this.state = 'retrying';
        const failure = error instanceof HttpError ? error : upstreamFailure(error, clusterId);
        this.lastError = failure.message;
        log.warn({ err: error, clusterId, resource, failures }, 'resource cache: list or watch failed; retrying');
        if (!this.#synced) this.#settle(failure);
        // After a failed list nothing is known to be current any more than after a 410.
        if (!cache.resourceVersion) relist = true;
      }
      if (failures > 0) {
        const wait = Math.min(retryMs * 2 ** (failures - 1), maxRetryMs) * (0.8 + Math.random() * 0.4);
        await sleep(wait, undefined, { signal: this.#abort.signal }).catch(() => undefined);
      }
    }
  }

  async #list(connection: ClusterConnection) {
    const { cache, resource } = this.#options;
    const pageSize = this.#options.pageSize ?? 500;
    const rows = new Map<string, ResourceRow>();
    let resourceVersion = '';
    let token = '';
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (token) query.set('continue', token);
      const page = await this.#getJson<{
        items?: KubeObjectJson[];
        metadata?: { resourceVersion?: string; continue?: string };
      }>(connection, `${cachedResourcePath(resource)}?${query.toString()}`);
      for (const item of page.items ?? []) {
        const row = toResourceRow(resource, item);
        if (row.uid) rows.set(row.uid, row);
      }
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      token = page.metadata?.continue ?? '';
    } while (token && !this.stopped);
    if (this.stopped) return;
    const again = this.#synced;
    if (again) this.relists += 1;
    cache.replace(rows, resourceVersion, again);
    this.lastError = null;
    this.state = 'synced';
    this.#synced = true;
    this.#settle();
  }

  #getJson<T>(connection: ClusterConnection, path: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const upstream = this.#start(connection, path);
      upstream.on('error', reject);
      upstream.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (response.statusCode === 410) {
            // An expired `continue` token: the list has to start over.
            reject(new GoneError());
            return;
          }
          if (response.statusCode !== 200) {
            reject(statusError(response, text, this.#options.clusterId));
            return;
          }
          try {
            resolve(JSON.parse(text) as T);
          } catch {
            reject(new UpstreamError(`Cluster "${this.#options.clusterId}" sent a list that is not JSON`));
          }
        });
      });
      upstream.end();
    });
  }

  /** One watch connection; resolves with the number of events when it ends, throws GoneError on 410. */
  #watch(connection: ClusterConnection): Promise<number> {
    const { cache, resource } = this.#options;
    const query = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion: cache.resourceVersion,
      // Ended by the server now and then (spread so that many caches do not reconnect at once);
      // a resumed watch costs one request and misses nothing.
      timeoutSeconds: String(240 + Math.floor(Math.random() * 120)),
    });
    return new Promise((resolve, reject) => {
      let events = 0;
      let gone = false;
      let open = false;
      let finished = false;
      const upstream = this.#start(connection, `${cachedResourcePath(resource)}?${query.toString()}`);
      this.#request = upstream;
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        if (open) {
          open = false;
          this.watchesOpen -= 1;
        }
        if (this.#request === upstream) this.#request = undefined;
        if (gone) reject(new GoneError());
        else if (error) reject(error);
        else resolve(events);
      };
      upstream.on('error', (error) => finish(error));
      upstream.on('response', (response) => {
        if (response.statusCode !== 200) {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode === 410) gone = true;
            finish(statusError(response, Buffer.concat(chunks).toString(), this.#options.clusterId));
          });
          return;
        }
        open = true;
        this.watchesOpen += 1;
        this.state = 'synced';
        let buffered = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffered += chunk;
          let newline = buffered.indexOf('\n');
          while (newline !== -1) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            newline = buffered.indexOf('\n');
            if (!line.trim()) continue;
            let event: WatchEvent;
            try {
              event = JSON.parse(line) as WatchEvent;
            } catch {
              upstream.destroy(new Error('the apiserver sent a watch event that is not JSON'));
              return;
            }
            if (this.#apply(event)) events += 1;
            else if (event.type === 'ERROR') {
              // In-band errors end the stream; 410 is the usual one. Listing again recovers from any.
              gone = true;
              upstream.destroy();
              return;
            }
          }
        });
        response.on('error', (error) => finish(error));
        response.on('close', () => finish());
      });
      upstream.end();
    });
  }

  /** Applies an event to the cache; false for bookmarks and errors. */
  #apply(event: WatchEvent): boolean {
    const { cache, resource } = this.#options;
    const object = event.object ?? {};
    const version = object.metadata?.resourceVersion ?? cache.resourceVersion;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const row = toResourceRow(resource, object);
        if (!row.uid) return false;
        cache.upsert(row, version);
        return true;
      }
      case 'DELETED': {
        const uid = object.metadata?.uid;
        if (!uid) return false;
        cache.remove(uid, version);
        return true;
      }
      case 'BOOKMARK':
        cache.resourceVersion = version;
        return false;
      default:
        return false;
    }
  }

  #start(connection: ClusterConnection, path: string) {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'bokujo-resource-cache' };
    if (connection.credential.kind === 'token')
      headers['authorization'] = `Bearer ${headerValue(connection.credential.token)}`;
    return startUpstreamRequest({
      connection,
      agent: this.#options.agents.agentFor(connection),
      method: 'GET',
      path: upstreamPath(new URL(connection.server), path),
      headers,
      connectTimeoutMs: this.#options.connectTimeoutMs ?? 10_000,
    });
  }
}

function statusError(response: IncomingMessage, text: string, clusterId: string): UpstreamError {
  let message = '';
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? '';
  } catch {
    // Not a Kubernetes Status (a proxy's HTML page); the code says enough.
  }
  return new UpstreamError(
    `The Kubernetes API of cluster "${clusterId}" answered ${response.statusCode ?? 0}${message ? `: ${message}` : ''}`,
  );
}
