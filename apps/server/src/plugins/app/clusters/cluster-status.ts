import { STATUS_CODES } from 'node:http';
import {
  ApiException,
  type ConfigurationOptions,
  CoreV1Api,
  type KubeConfig,
  Observable,
  type V1Node,
  type V1Pod,
  type V1PodSpec,
  VersionApi,
} from '@kubernetes/client-node';
import type { ClusterProvider, ClusterSummary } from '@bokujo/shared';
import { guessProvider } from './provider.ts';
import { quantityMilliValue, quantityValue } from '@bokujo/shared';

export interface ClusterStatus {
  /** The apiserver's gitVersion, e.g. v1.31.2 or v1.30.4+k3s1. */
  version: string;
  provider: ClusterProvider;
  summary: ClusterSummary;
}

export interface ReadClusterStatusOptions {
  /** Deadline for the whole read; every request still open then is aborted. */
  timeoutMs: number;
  /** Aborts the read early (e.g. the server is shutting down); rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Why a cluster could not be read, in words meant for the person looking at the cluster list. */
export class ClusterStatusError extends Error {
  override name = 'ClusterStatusError';
  /** HTTP status when the apiserver answered, otherwise undefined. */
  readonly statusCode: number | undefined;
  constructor(message: string, options: { cause?: unknown; statusCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.statusCode = options.statusCode;
  }
}

// Small pages keep one huge cluster from making a single multi-megabyte response (and a single
// huge JSON.parse) that would stall the event loop for everyone else.
const pageSize = 500;

/** Pods that still hold their requests: finished ones (Succeeded, Failed) give them back. */
const unfinishedPods = 'status.phase!=Succeeded,status.phase!=Failed';

/**
 * Reads the version, the nodes and the unfinished pods of a cluster and sums them up for the
 * cluster list. The three reads run in parallel under one deadline; failures become a
 * ClusterStatusError whose message says what went wrong (refused, TLS, timeout, 401 …).
 */
export async function readClusterStatus(
  kubeConfig: KubeConfig,
  options: ReadClusterStatusOptions,
): Promise<ClusterStatus> {
  const server = kubeConfig.getCurrentCluster()?.server ?? 'the cluster';
  options.signal?.throwIfAborted();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new ClusterStatusError(`timed out after ${formatSeconds(options.timeoutMs)} at ${server}`));
  }, options.timeoutMs);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  // client-node has no per-call timeout; a middleware hands the fetch our signal.
  const requestOptions: ConfigurationOptions = {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(controller.signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };

  const call = async <T>(action: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      if (controller.signal.aborted) {
        if (timedOut) throw controller.signal.reason;
        if (options.signal?.aborted) throw options.signal.reason;
      }
      throw new ClusterStatusError(describeClusterError(error, { server, action }), {
        cause: error,
        ...(error instanceof ApiException ? { statusCode: error.code } : {}),
      });
    }
  };

  const versionApi = kubeConfig.makeApiClient(VersionApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  try {
    const [versionInfo, nodes, pods] = await Promise.all([
      call('read the version', () => versionApi.getCode({}, requestOptions)),
      call('list nodes', () =>
        listAll<V1Node>(async (continueToken) =>
          core.listNode({ limit: pageSize, _continue: continueToken }, requestOptions),
        ),
      ),
      call('list pods', () =>
        listAll<V1Pod>(async (continueToken) =>
          core.listPodForAllNamespaces(
            { fieldSelector: unfinishedPods, limit: pageSize, _continue: continueToken },
            requestOptions,
          ),
        ),
      ),
    ]);
    const version: unknown = versionInfo?.gitVersion;
    if (typeof version !== 'string' || version === '') {
      throw new ClusterStatusError(`${server} answered /version without a gitVersion: is it a Kubernetes API server?`);
    }
    let summary: ClusterSummary;
    try {
      summary = summarizeCluster(nodes, pods);
    } catch (error) {
      // The apiserver validates quantities, so this means a grammar Bokujo does not know yet.
      const message = error instanceof Error ? error.message : String(error);
      throw new ClusterStatusError(`${server} reported a resource quantity Bokujo cannot read: ${message}`, {
        cause: error,
      });
    }
    return { version, provider: guessProvider(version, nodes), summary };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    // One failed read makes the others pointless; abort whatever is still open.
    if (!controller.signal.aborted) controller.abort(new ClusterStatusError('cancelled'));
  }
}

async function listAll<T>(
  fetchPage: (continueToken: string | undefined) => Promise<{ items?: T[]; metadata?: { _continue?: string } }>,
): Promise<T[]> {
  const items: T[] = [];
  let continueToken: string | undefined;
  do {
    const page = await fetchPage(continueToken);
    if (!Array.isArray(page?.items))
      throw new Error('the answer is not a Kubernetes list: is this a Kubernetes API server?');
    items.push(...page.items);
    continueToken = page.metadata?._continue || undefined;
  } while (continueToken);
  return items;
}

/**
 * Capacity, allocatable and requested figures of the whole cluster. Requested counts only pods
 * bound to a node: a pod the scheduler could not place holds nothing, and counting it would show
 * a full cluster as more than full (kubectl describe node counts the same way).
 */
export function summarizeCluster(nodes: readonly V1Node[], pods: readonly V1Pod[]): ClusterSummary {
  const summary: ClusterSummary = {
    nodeCount: nodes.length,
    readyNodeCount: 0,
    cpuMillicores: { capacity: 0, allocatable: 0, requested: 0 },
    memoryBytes: { capacity: 0, allocatable: 0, requested: 0 },
    pods: { running: 0, allocatable: 0 },
  };
  for (const node of nodes) {
    const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
    if (ready?.status === 'True') summary.readyNodeCount += 1;
    const capacity = node.status?.capacity ?? {};
    const allocatable = node.status?.allocatable ?? {};
    summary.cpuMillicores.capacity += milli(capacity['cpu']);
    summary.cpuMillicores.allocatable += milli(allocatable['cpu']);
    summary.memoryBytes.capacity += whole(capacity['memory']);
    summary.memoryBytes.allocatable += whole(allocatable['memory']);
    summary.pods.allocatable += whole(allocatable['pods']);
  }
  for (const pod of pods) {
    if (pod.status?.phase === 'Running') summary.pods.running += 1;
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const requests = podRequests(pod.spec);
    summary.cpuMillicores.requested += requests.cpuMillicores;
    summary.memoryBytes.requested += requests.memoryBytes;
  }
  return summary;
}

/**
 * What the scheduler reserves for a pod: the larger of its containers' sum and its init phase
 * (init containers run one at a time, next to the sidecars started before them; sidecars then
 * keep running with the containers), replaced by pod-level requests where those are set, plus
 * the runtime class overhead.
 */
export function podRequests(spec: V1PodSpec): { cpuMillicores: number; memoryBytes: number } {
  return {
    cpuMillicores: podRequest(spec, 'cpu', quantityMilliValue),
    memoryBytes: podRequest(spec, 'memory', quantityValue),
  };
}

function podRequest(spec: V1PodSpec, resource: 'cpu' | 'memory', parse: (quantity: string) => number): number {
  const overheadQuantity = spec.overhead?.[resource];
  const overhead = overheadQuantity ? parse(overheadQuantity) : 0;
  const podLevel = spec.resources?.requests?.[resource];
  if (podLevel !== undefined) return parse(podLevel) + overhead;

  const request = (container: { resources?: { requests?: Record<string, string> } }) => {
    const quantity = container.resources?.requests?.[resource];
    return quantity ? parse(quantity) : 0;
  };
  let running = spec.containers.reduce((sum, container) => sum + request(container), 0);
  let sidecars = 0;
  let initPeak = 0;
  for (const init of spec.initContainers ?? []) {
    if (init.restartPolicy === 'Always') {
      running += request(init);
      sidecars += request(init);
      initPeak = Math.max(initPeak, sidecars);
    } else {
      initPeak = Math.max(initPeak, sidecars + request(init));
    }
  }
  return Math.max(running, initPeak) + overhead;
}

function milli(quantity: string | undefined): number {
  return quantity ? quantityMilliValue(quantity) : 0;
}

function whole(quantity: string | undefined): number {
  return quantity ? quantityValue(quantity) : 0;
}

const tlsUnknownAuthority = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * A sentence for the cluster list out of whatever a request to a cluster threw: undici wraps
 * socket and TLS failures in "fetch failed" with the real error as its cause, client-node throws
 * ApiException for HTTP errors. Never includes credentials: only codes, hosts and the
 * apiserver's own Status message.
 */
export function describeClusterError(error: unknown, context: { server: string; action?: string }): string {
  if (error instanceof ClusterStatusError) return error.message;
  const { server } = context;
  const host = hostnameOf(server);

  if (error instanceof ApiException) return describeHttpError(error, context);

  const cause = innermostCode(error);
  const code = cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused at ${server}`;
    case 'ENOTFOUND':
      return `host ${host} not found (DNS)`;
    case 'EAI_AGAIN':
      return `DNS lookup of ${host} failed for now`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connecting to ${server} timed out`;
    case 'EHOSTUNREACH':
      return `host unreachable: ${server}`;
    case 'ENETUNREACH':
      return `network unreachable: ${server}`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return `connection to ${server} was closed unexpectedly`;
    case 'CERT_HAS_EXPIRED':
      return `TLS: the certificate of ${server} has expired`;
    case 'CERT_NOT_YET_VALID':
      return `TLS: the certificate of ${server} is not valid yet`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      // The name checked is the TLS server name when one is set, which the error carries as host.
      return `TLS: the certificate of ${server} is not valid for ${cause?.host ?? host}`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `TLS handshake with ${server} failed: is it an https endpoint?`;
  }
  if (code && tlsUnknownAuthority.has(code)) return `TLS: certificate signed by unknown authority (${server})`;
  if (code && (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT'))) {
    return `TLS: ${cause?.message ?? code} (${server})`;
  }
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return context.action ? `could not ${context.action} at ${server}: ${message}` : `${server}: ${message}`;
}

function describeHttpError(error: ApiException<unknown>, context: { server: string; action?: string }): string {
  const status = `${error.code} ${STATUS_CODES[error.code] ?? 'HTTP error'}`;
  if (error.code === 401) return `${status}: Bokujo's credential was rejected`;
  const statusMessage = kubernetesStatusMessage(error.body);
  if (error.code === 403) {
    return `${status}: Bokujo's credential may not ${context.action ?? 'do this'}${statusMessage ? ` (${statusMessage})` : ''}`;
  }
  if (statusMessage) return `${status}: ${statusMessage}`;
  return `${status} from ${context.server}${context.action ? ` trying to ${context.action}` : ''}: is it a Kubernetes API server?`;
}

/** The message of a Kubernetes Status body, which client-node hands over as text. */
function kubernetesStatusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null && (parsed as { kind?: unknown }).kind === 'Status') {
    const message = (parsed as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message.slice(0, 500);
  }
  return undefined;
}

/** Follows `cause` links to the error that carries a system or TLS code. */
interface CodedError {
  code: string;
  message: string;
  host?: string;
}

function innermostCode(error: unknown): CodedError | undefined {
  const coded = (value: unknown): CodedError | undefined => {
    if (!(value instanceof Error)) return undefined;
    const { code, host } = value as { code?: unknown; host?: unknown };
    if (typeof code !== 'string') return undefined;
    return { code, message: value.message, ...(typeof host === 'string' ? { host } : {}) };
  };
  let found: CodedError | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    // An AggregateError (several addresses tried, e.g. ::1 and 127.0.0.1) carries the codes inside.
    found =
      coded(current) ??
      (current instanceof AggregateError ? current.errors.map(coded).find(Boolean) : undefined) ??
      found;
    current = current.cause;
  }
  return found;
}

function hostnameOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

/** "10 s", "2.5 s", "0.2 s": reasons are read by people, not parsed. */
export function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}
