import { type IncomingMessage, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ErrorCode, type ErrorResponse } from '@bokujo/shared';
import type { FastifyBaseLogger } from 'fastify';
import { ForbiddenError, HttpError, NotFoundError, UnauthenticatedError, UpstreamError } from '../../../errors.ts';
import { kubernetesIdentity, type Principal } from '../auth/principal.ts';
import type { ConnectionResolver } from '../clusters/connection.ts';
import { forwardableResponseHeaders, upstreamRequestHeaders } from './forwarded-headers.ts';
import { parseProxyTarget, upstreamPath } from './proxy-target.ts';
import type { UpstreamAgents } from './upstream-agents.ts';
import { startUpstreamRequest, upstreamFailure } from './upstream-request.ts';

export type UpgradeAuthenticator = (request: IncomingMessage) => Promise<Principal | undefined>;

export interface UpgradeProxyOptions {
  resolveConnection: ConnectionResolver;
  authenticateUpgrade: UpgradeAuthenticator;
  /** Normalised origins (`https://host:port`) accepted besides the request's own `Host`. */
  allowedOrigins: readonly string[];
  agents: UpstreamAgents;
  connectTimeoutMs: number;
  /** How long the apiserver may take to accept or refuse the upgrade once connected. */
  handshakeTimeoutMs: number;
  log: FastifyBaseLogger;
}

/**
 * Whether a browser page may open this websocket with the person's session cookie. Browsers
 * cannot add the CSRF header to a websocket handshake, and a cookie rides along with handshakes
 * from any page of the same site, so the page's origin has to be Bokujo's own (cross-site
 * websocket hijacking). A missing or opaque (`null`) origin is refused for the same reason.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!origin || origin === 'null') return false;
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false;
  }
  if (allowedOrigins.includes(page.origin)) return true;
  if (!host) return false;
  try {
    // Parsed with the page's scheme so `host:443` and `host` compare equal for https.
    return new URL(`${page.protocol}//${host}`).host === page.host;
  } catch {
    return false;
  }
}

/** `https://Bokujo.example:443/` → `https://bokujo.example`; throws on anything that is no origin. */
export function normaliseOrigin(origin: string): string {
  const parsed = new URL(origin);
  if (parsed.origin === 'null') throw new Error(`"${origin}" is not an http(s) origin`);
  return parsed.origin;
}

/**
 * Carries exec, attach and port-forward upgrades (websocket and SPDY/3.1) to the apiserver as
 * the person: the handshake is forwarded with Bokujo's credential and impersonation headers,
 * and after the apiserver's `101` both sockets are joined byte for byte, so every subprotocol
 * (`v5.channel.k8s.io`, `portforward.k8s.io`, SPDY streams) works without Bokujo parsing it.
 */
export function createUpgradeProxy(options: UpgradeProxyOptions) {
  // Upgraded sockets still count as the server's connections, so an open shell would keep the
  // server from closing; they are tracked to be ended on shutdown, from the moment Node hands
  // them over (the handshake with the apiserver included: ending the socket abandons it).
  const open = new Set<Duplex>();
  let closed = false;
  function proxyUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closed) {
      // Nothing may start once the streams have been ended for shutdown.
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', (error) => options.log.debug({ err: error }, 'kube proxy: client socket error'));
    upgrade(options, request, socket, head).catch((error: unknown) => {
      if (error instanceof HttpError && error.statusCode < 500) {
        options.log.info({ code: error.code, statusCode: error.statusCode, url: request.url }, error.message);
      } else {
        options.log.error({ err: error, url: request.url }, 'kube proxy: upgrade failed');
      }
      respondWithError(socket, error);
    });
  }
  function closeAll(): void {
    closed = true;
    for (const socket of open) socket.destroy();
    open.clear();
  }
  return { proxyUpgrade, closeAll };
}

async function upgrade(options: UpgradeProxyOptions, request: IncomingMessage, socket: Duplex, head: Buffer) {
  const target = parseProxyTarget(request.url);
  if (!target) throw new NotFoundError(`No route ${request.method ?? 'GET'} ${request.url?.split('?')[0] ?? ''}`);
  const principal = await options.authenticateUpgrade(request);
  if (!principal) throw new UnauthenticatedError();
  if (
    principal.via === 'session' &&
    !isAllowedOrigin(request.headers.origin, request.headers.host, options.allowedOrigins)
  ) {
    throw new ForbiddenError('This page may not open a Kubernetes stream: its origin is not Bokujo');
  }
  const connection = await options.resolveConnection(target.clusterId, principal);
  if (socket.destroyed) return;

  const upstream = startUpstreamRequest({
    connection,
    agent: options.agents.agentFor(connection),
    method: request.method ?? 'GET',
    path: upstreamPath(new URL(connection.server), target.pathAndQuery),
    headers: upstreamRequestHeaders(request.headersDistinct, {
      identity: kubernetesIdentity(principal),
      bearerToken: connection.credential.kind === 'token' ? connection.credential.token : undefined,
      upgrade: request.headers.upgrade ?? 'websocket',
    }),
    connectTimeoutMs: options.connectTimeoutMs,
  });

  let answered = false;
  const handshakeTimer = setTimeout(() => {
    upstream.destroy(
      new UpstreamError(
        `The Kubernetes API of cluster "${target.clusterId}" did not answer the stream request in time`,
      ),
    );
  }, options.connectTimeoutMs + options.handshakeTimeoutMs);
  const settle = () => {
    answered = true;
    clearTimeout(handshakeTimer);
  };
  // The person went away while the apiserver was still deciding.
  const abandon = () => {
    if (!answered) upstream.destroy();
  };
  socket.once('close', abandon);

  upstream.on('upgrade', (response: IncomingMessage, upstreamSocket: Duplex, upstreamHead: Buffer) => {
    settle();
    socket.off('close', abandon);
    if (socket.destroyed) {
      upstreamSocket.destroy();
      return;
    }
    socket.write(switchingProtocolsHead(response));
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    joinSockets(socket, upstreamSocket, options.log);
  });

  upstream.on('response', (response: IncomingMessage) => {
    settle();
    socket.off('close', abandon);
    // A refusal (403 from RBAC, 400 for a wrong container...) is the apiserver's to explain.
    const headers = { ...forwardableResponseHeaders(response.headersDistinct), connection: 'close' };
    socket.write(responseHead(response.statusCode ?? 502, response.statusMessage, headers));
    response.pipe(socket);
    response.on('error', () => socket.destroy());
  });

  upstream.on('error', (error) => {
    const wasAnswered = answered;
    settle();
    socket.off('close', abandon);
    if (wasAnswered || socket.destroyed) {
      socket.destroy();
      return;
    }
    const failure = error instanceof HttpError ? error : upstreamFailure(error, target.clusterId);
    options.log.warn({ err: error, clusterId: target.clusterId }, failure.message);
    respondWithError(socket, failure);
  });

  upstream.end();
}

/** Joins the two halves of an upgraded connection; either side closing ends both. */
function joinSockets(client: Duplex, upstream: Duplex, log: FastifyBaseLogger) {
  for (const side of [client, upstream]) {
    // Interactive shells send single keystrokes; idle sessions are the person's business.
    if (side instanceof Socket) {
      side.setNoDelay(true);
      side.setTimeout(0);
    }
  }
  upstream.on('error', (error) => log.debug({ err: error }, 'kube proxy: upstream socket error'));
  const closeBoth = () => {
    client.destroy();
    upstream.destroy();
  };
  client.once('close', closeBoth);
  upstream.once('close', closeBoth);
  client.pipe(upstream);
  upstream.pipe(client);
}

function switchingProtocolsHead(response: IncomingMessage): string {
  const headers: Record<string, string | string[]> = {
    ...forwardableResponseHeaders(response.headersDistinct),
    connection: 'Upgrade',
  };
  if (response.headers.upgrade) headers['upgrade'] = response.headers.upgrade;
  return responseHead(101, response.statusMessage, headers);
}

function responseHead(
  statusCode: number,
  statusMessage: string | undefined,
  headers: Record<string, string | string[] | number>,
): string {
  const reason = statusMessage || STATUS_CODES[statusCode] || '';
  const lines = [`HTTP/1.1 ${statusCode} ${reason}`];
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Answers a refused upgrade with the shared error body, as any other Bokujo error. */
export function respondWithError(socket: Duplex, error: unknown) {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body: ErrorResponse =
    error instanceof HttpError
      ? {
          statusCode: error.statusCode,
          code: error.code,
          message: error.message,
          ...(error.details?.length ? { details: error.details } : {}),
        }
      : { statusCode: 500, code: ErrorCode.internal, message: 'Something went wrong inside Bokujo; see its log' };
  const text = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  };
  socket.end(`${responseHead(body.statusCode, undefined, headers)}${text}`);
}
