import type { ClientRequest, OutgoingHttpHeaders } from 'node:http';
import { type Agent, request as httpsRequest } from 'node:https';
import { UpstreamError } from '../../../errors.ts';
import type { ClusterConnection } from '../clusters/connection.ts';

/** Raised when TCP plus the TLS handshake to an apiserver take longer than allowed. */
export class ConnectTimeoutError extends Error {
  readonly code = 'BOKUJO_CONNECT_TIMEOUT';
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`no TLS connection within ${timeoutMs} ms`);
    this.name = 'ConnectTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

export interface UpstreamRequestOptions {
  connection: ClusterConnection;
  agent: Agent;
  method: string;
  /** Request target on the apiserver, already including its query string. */
  path: string;
  headers: OutgoingHttpHeaders;
  connectTimeoutMs: number;
}

/**
 * Starts a request to a cluster's apiserver. Only establishing the connection is time-limited:
 * once it is up, a watch or `logs -f` may legitimately stay silent for as long as it likes.
 */
export function startUpstreamRequest(options: UpstreamRequestOptions): ClientRequest {
  const server = new URL(options.connection.server);
  if (server.protocol !== 'https:') {
    throw new UpstreamError(`Cluster "${options.connection.clusterId}" has no https address for its Kubernetes API`);
  }
  const upstream = httpsRequest({
    // URL keeps IPv6 literals in brackets; the socket layer wants the bare address.
    hostname: server.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: server.port || 443,
    method: options.method,
    path: options.path,
    headers: options.headers,
    agent: options.agent,
  });
  armConnectTimeout(upstream, options.connectTimeoutMs);
  return upstream;
}

function armConnectTimeout(upstream: ClientRequest, timeoutMs: number) {
  upstream.once('socket', (socket) => {
    // A pooled connection finished its handshake long ago.
    if (upstream.reusedSocket) return;
    const timer = setTimeout(() => upstream.destroy(new ConnectTimeoutError(timeoutMs)), timeoutMs);
    const clear = () => clearTimeout(timer);
    socket.once('secureConnect', clear);
    socket.once('close', clear);
    upstream.once('close', clear);
  });
}

const tlsErrorCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What a caller is told when the apiserver cannot be reached. It names the cluster and the kind
 * of failure; addresses and library messages stay in Bokujo's log.
 */
export function upstreamFailure(error: unknown, clusterId: string): UpstreamError {
  const prefix = `Cannot reach the Kubernetes API of cluster "${clusterId}"`;
  const code = errorCode(error);
  if (error instanceof ConnectTimeoutError)
    return new UpstreamError(`${prefix}: no connection within ${timeoutSeconds(error)}`);
  if (code === 'ECONNREFUSED') return new UpstreamError(`${prefix}: the connection was refused`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UpstreamError(`${prefix}: its host name does not resolve`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return new UpstreamError(`${prefix}: the host is unreachable`);
  }
  if (code !== undefined && (tlsErrorCodes.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))) {
    return new UpstreamError(`${prefix}: the TLS handshake failed (${code})`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return new UpstreamError(`${prefix}: it closed the connection`);
  return new UpstreamError(`${prefix}: ${code ?? 'the request failed'}`);
}

function timeoutSeconds({ timeoutMs }: ConnectTimeoutError): string {
  return timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`;
}
