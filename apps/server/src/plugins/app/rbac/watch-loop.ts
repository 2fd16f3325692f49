import { setTimeout as sleep } from 'node:timers/promises';
import { type KubeConfig, Watch } from '@kubernetes/client-node';

/** One kind of object a cluster is watched for, e.g. all namespaces or Bokujo's RoleBindings. */
export interface WatchedResource {
  /** For logs: `namespaces`, `rolebindings`, … */
  name: string;
  /** The list path, as kube-apiserver serves it (`/api/v1/namespaces`). */
  path: string;
  labelSelector?: string;
}

export interface WatchLoopOptions {
  resource: WatchedResource;
  /** Asked again before every (re)connect, so that a rotated credential is picked up. */
  kubeConfig: () => Promise<KubeConfig>;
  /**
   * Returns the current resourceVersion of the collection; called before the first watch and
   * whenever the watch's version is no longer served (410 Gone).
   */
  listVersion: (kubeConfig: KubeConfig) => Promise<string>;
  /** Something may have changed: an event arrived, or events may have been missed (after a relist). */
  onChange: (reason: string) => void;
  signal: AbortSignal;
  log: { debug(details: object, message: string): void; warn(details: object, message: string): void };
  /** Called with +1 when a watch connection is established and -1 when it is closed. */
  onConnection?: (delta: 1 | -1) => void;
  /** Wait after the first failure in a row; doubles with each further one. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * How long the server keeps each watch open. 20–28 s (at random, so that the watches of many
   * clusters do not all reconnect at once) unless set; must stay below client-node's 30 s.
   */
  timeoutSeconds?: number;
}

interface WatchOutcome {
  error: unknown;
  /** The server no longer has the history since our version; list again. */
  gone: boolean;
  resourceVersion: string;
  events: number;
}

/**
 * Keeps a watch on one resource open until `signal` aborts: re-watches from the last version seen
 * when a watch ends, lists again on 410 Gone, and backs off while the cluster keeps failing.
 *
 * The server is asked to end each watch after 20–28 s: client-node's Watch aborts a connection
 * after 30 s without data, and a quiet resource (no namespace changes for minutes) sends none.
 * Letting the server end it cleanly avoids an error every half minute, and bookmarks keep the
 * version we resume from recent enough to be served from the watch cache.
 */
export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { resource, signal, log } = options;
  const retryMs = options.retryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let resourceVersion = '';
  let failures = 0;
  let quickEnds = 0;
  while (!signal.aborted) {
    const startedAt = Date.now();
    let outcome: WatchOutcome;
    try {
      const kubeConfig = await options.kubeConfig();
      if (!resourceVersion) {
        resourceVersion = await options.listVersion(kubeConfig);
        options.onChange(`${resource.name} listed`);
      }
      outcome = await watchOnce(kubeConfig, resourceVersion, options);
    } catch (error) {
      outcome = { error, gone: isGone(error), resourceVersion, events: 0 };
    }
    if (signal.aborted) return;
    resourceVersion = outcome.gone ? '' : outcome.resourceVersion;
    // A watch that delivered events or stayed open a while did its job; one that ends at once,
    // with an error or without one, must not turn into a busy loop.
    const productive = outcome.events > 0 || Date.now() - startedAt >= 1_000;
    const failed = outcome.error !== null && !outcome.gone && !isClientTimeout(outcome.error);
    failures = failed ? (productive ? 1 : failures + 1) : 0;
    // One quick end is normal (410 Gone right after connecting: list again at once); several in a
    // row are not.
    quickEnds = productive ? 0 : quickEnds + 1;
    if (failed) {
      log.warn({ err: outcome.error, resource: resource.name, failures }, 'rbac reconciler: watch failed; retrying');
    } else if (outcome.gone) {
      log.debug({ resource: resource.name }, 'rbac reconciler: watch version gone; listing again');
    }
    const attempt = Math.max(failures, quickEnds - 1);
    if (attempt > 0) {
      const wait = Math.min(retryMs * 2 ** (attempt - 1), maxRetryMs);
      await sleep(jitter(wait), undefined, { signal }).catch(() => undefined);
    }
  }
}

function watchOnce(kubeConfig: KubeConfig, resourceVersion: string, options: WatchLoopOptions) {
  const { resource, signal } = options;
  return new Promise<WatchOutcome>((resolve) => {
    let latest = resourceVersion;
    let gone = false;
    let events = 0;
    let connection: AbortController | undefined;
    let finished = false;
    const finish = (error: unknown) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      if (connection) options.onConnection?.(-1);
      resolve({ error: error ?? null, gone, resourceVersion: latest, events });
    };
    // Before the connection is up there is nothing to close yet; the loop may go at once, and the
    // connection is closed the moment it arrives (below). After that, wait for it to close.
    const onAbort = () => {
      if (connection) connection.abort();
      else finish(null);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    const onEvent = (type: string, object: { code?: number; metadata?: { resourceVersion?: string } }) => {
      if (type === 'ERROR') {
        // In-band errors end the stream; the usual one is 410 (our version is too old). Listing
        // again is cheap and recovers from any of them, where resuming might repeat the error.
        gone = true;
        if (object.code !== 410)
          options.log.debug({ resource: resource.name, object }, 'rbac reconciler: watch error event');
        return;
      }
      const version = object.metadata?.resourceVersion;
      if (version) latest = version;
      if (type === 'BOOKMARK') return;
      events += 1;
      options.onChange(`${resource.name} ${type.toLowerCase()}`);
    };

    new Watch(kubeConfig)
      .watch(
        resource.path,
        {
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: options.timeoutSeconds ?? 20 + Math.floor(Math.random() * 9),
          ...(resource.labelSelector ? { labelSelector: resource.labelSelector } : {}),
        },
        onEvent,
        (error: unknown) => {
          if (isGone(error)) gone = true;
          finish(error);
        },
      )
      .then(
        (controller) => {
          if (finished) {
            // Ended before the call returned (failed, or stop() did not wait for it): make sure
            // nothing stays open.
            controller.abort();
            return;
          }
          connection = controller;
          options.onConnection?.(1);
          if (signal.aborted) controller.abort();
        },
        (error: unknown) => finish(error),
      );
  });
}

function isGone(error: unknown) {
  const status = (error as { statusCode?: unknown; code?: unknown } | null)?.statusCode;
  return status === 410 || (error as { code?: unknown } | null)?.code === 410;
}

/** client-node's own inactivity timeout: harmless, the next watch resumes where this one ended. */
function isClientTimeout(error: unknown) {
  return error instanceof Error && error.name === 'TimeoutError';
}

function jitter(milliseconds: number) {
  return Math.round(milliseconds * (0.8 + Math.random() * 0.4));
}
