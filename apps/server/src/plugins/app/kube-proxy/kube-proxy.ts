import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, Permission } from '@bokujo/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { HttpError, NotFoundError, UnauthenticatedError } from '../../../errors.ts';
import { kubernetesIdentity } from '../auth/principal.ts';
import type { ClusterConnection, ConnectionResolver } from '../clusters/connection.ts';
import { forwardableResponseHeaders, upstreamRequestHeaders } from './forwarded-headers.ts';
import { parseProxyTarget, upstreamPath } from './proxy-target.ts';
import { UpstreamAgents } from './upstream-agents.ts';
import { startUpstreamRequest, upstreamFailure } from './upstream-request.ts';
import { claimProxyUpgrades } from './upgrade-listener.ts';
import { createUpgradeProxy, normaliseOrigin, type UpgradeAuthenticator } from './upgrade-proxy.ts';

export interface KubeProxyOptions {
  /** The cluster's connection, if the caller may reach it; throws NotFoundError otherwise. */
  resolveConnection: ConnectionResolver;
  /**
   * Who opens an exec/attach/port-forward stream. Upgrades bypass Fastify's hooks (Node hands
   * them to the `upgrade` event), so the auth plugin's session/token check is passed in here.
   */
  authenticateUpgrade: UpgradeAuthenticator;
  /**
   * Origins besides the request's own `Host` whose pages may open streams with a session
   * cookie, e.g. the public server URL when a reverse proxy rewrites `Host`.
   */
  allowedOrigins?: readonly string[];
  /** Limit for TCP plus TLS to an apiserver; 10 s by default. */
  connectTimeoutMs?: number;
  /** Limit for the apiserver to accept or refuse an upgrade once connected; 30 s by default. */
  upgradeHandshakeTimeoutMs?: number;
}

const proxyMethods: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Safe to send twice: used to retry once when a pooled connection turns out to be closed. */
const retryableMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The Kubernetes passthrough at `/k8s/clusters/:clusterId/*`: every apiserver path, as the
 * signed-in person. Bokujo's cluster credential authenticates, `Impersonate-User/Group` say who
 * the request is for, and Kubernetes RBAC decides; the apiserver's answers (including its
 * `Status` refusals) come back unchanged and streamed. Register it without a prefix, after the
 * auth plugin, in its own scope: it replaces the body parsers there so bodies stream through.
 */
export default async function kubeProxy(app: FastifyInstance, options: KubeProxyOptions) {
  const agents = new UpstreamAgents();
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const allowedOrigins = (options.allowedOrigins ?? []).map(normaliseOrigin);

  // Bodies are the apiserver's to read (JSON, YAML, apply and merge patches, protobuf), of any
  // size; parsing or buffering them here would only cost memory and break streaming.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const handler = (request: FastifyRequest, reply: FastifyReply) => proxyRequest(request, reply);
  const config = { permission: Permission.authenticated };
  // The bare cluster URL is the apiserver's root (its list of paths), as kubectl expects.
  app.route({ method: proxyMethods, url: '/k8s/clusters/:clusterId', config, handler });
  app.route({ method: proxyMethods, url: '/k8s/clusters/:clusterId/*', config, handler });

  const upgrades = createUpgradeProxy({
    resolveConnection: options.resolveConnection,
    authenticateUpgrade: options.authenticateUpgrade,
    allowedOrigins,
    agents,
    connectTimeoutMs,
    handshakeTimeoutMs: options.upgradeHandshakeTimeoutMs ?? 30_000,
    log: app.log,
  });
  /**
   * Every proxied request between sending to the apiserver and the end of its reply: the ones
   * that never end by themselves (watches, `logs -f`) are what shutdown has to cut.
   */
  const running = new Set<InFlight>();
  let closing = false;
  let releaseUpgrades: (() => void) | undefined;
  // At ready time every plugin has attached its own upgrade listener, so all can be wrapped.
  app.addHook('onReady', async () => {
    releaseUpgrades = claimProxyUpgrades(app.server, upgrades.proxyUpgrade);
  });
  // Before the server waits for in-flight requests: watches, `logs -f` and shells never finish
  // by themselves, so they are ended here (clients reconnect to whichever server is up). A stream
  // already answering ends as the apiserver ends a watch at its timeout, with the last chunk, so
  // clients re-watch without an error; a caller that stopped reading cannot take that end and is
  // cut shortly after, since the server waits for the caller's connection, not the apiserver's.
  // Watches still resolving their cluster are refused once they get to sending (see exchange).
  app.addHook('preClose', async () => {
    closing = true;
    releaseUpgrades?.();
    upgrades.closeAll();
    for (const inFlight of running) {
      // Ordinary requests finish (the shutdown deadline bounds them); only endless ones end here.
      if (!inFlight.endless) continue;
      running.delete(inFlight);
      endStream(inFlight);
    }
  });
  // Once the server has closed, every request is done and the pooled sockets can go.
  app.addHook('onClose', async () => agents.destroyAll());

  async function proxyRequest(request: FastifyRequest, reply: FastifyReply) {
    const principal = request.principal;
    if (!principal) throw new UnauthenticatedError();
    const target = parseProxyTarget(request.raw.url);
    if (!target) throw new NotFoundError(`No route ${request.method} ${request.url.split('?')[0] ?? ''}`);
    const connection = await options.resolveConnection(target.clusterId, principal);
    const headers = upstreamRequestHeaders(distinctHeaders(request.raw), {
      identity: kubernetesIdentity(principal),
      bearerToken: connection.credential.kind === 'token' ? connection.credential.token : undefined,
    });
    const response = await exchange(request, reply, {
      connection,
      path: upstreamPath(new URL(connection.server), target.pathAndQuery),
      headers,
    });
    if (!response) {
      // The caller left before the apiserver answered; there is nobody to answer.
      reply.hijack();
      return reply;
    }
    const statusCode = response.statusCode ?? 502;
    reply.code(statusCode).headers(forwardableResponseHeaders(response.headersDistinct));
    if (!request.raw.complete) {
      // The apiserver answered before reading the whole body (a 413, a refused large apply) and
      // will read no more of it; the rest of the body still sits in this connection, so it
      // cannot carry another request.
      reply.header('connection', 'close');
    }
    if (request.method === 'HEAD' || statusCode === 204 || statusCode === 304) {
      // No body may follow; drain it so the pooled connection can be reused.
      response.resume();
      return reply.send();
    }
    // Fastify only sets a stream's headers and lets the first chunk carry them, so a quiet watch
    // (nothing changed since its resourceVersion) would leave the caller without even a status.
    // The apiserver has already answered; say so as soon as Fastify starts piping.
    reply.raw.once('pipe', () => {
      if (!reply.raw.headersSent) reply.raw.flushHeaders();
    });
    return reply.send(response);
  }

  /**
   * Sends the request (its body piped, never buffered) and resolves with the apiserver's
   * response as soon as its headers arrive, or undefined when the caller went away first.
   */
  function exchange(
    request: FastifyRequest,
    reply: FastifyReply,
    upstreamTarget: { connection: ClusterConnection; path: string; headers: ReturnType<typeof upstreamRequestHeaders> },
    attempt = 0,
  ): Promise<IncomingMessage | undefined> {
    const { connection } = upstreamTarget;
    const bodyless = !hasBody(request.raw);
    return new Promise((resolve, reject) => {
      if (closing) {
        // Arrived before the close but only now ready to send. An ordinary request is still served
        // (graceful means finishing what was accepted); a watch would only be cut again at once. Either
        // way the connection must not stay open afterwards, or the closing server would wait for it.
        reply.header('connection', 'close');
        if (isEndless(request.raw.url)) {
          reject(new HttpError(503, ErrorCode.unavailable, 'Bokujo is shutting down; try again in a moment'));
          return;
        }
      }
      const upstream = startUpstreamRequest({
        connection,
        agent: agents.agentFor(connection),
        method: request.method,
        path: upstreamTarget.path,
        headers: upstreamTarget.headers,
        connectTimeoutMs,
      });
      const inFlight: InFlight = { upstream, reply: reply.raw, endless: isEndless(request.raw.url) };
      running.add(inFlight);
      let answered = false;
      // A watch or `logs -f` runs until the caller leaves; then the apiserver must stop too.
      const callerGone = () => {
        running.delete(inFlight);
        if (!upstream.destroyed) upstream.destroy();
      };
      reply.raw.once('close', callerGone);
      request.raw.on('error', callerGone);

      upstream.once('response', (response) => {
        answered = true;
        inFlight.response = response;
        resolve(response);
      });
      upstream.on('error', (error) => {
        // After the headers, a failure surfaces on the response stream, which ends the reply.
        if (answered) return;
        answered = true;
        running.delete(inFlight);
        reply.raw.off('close', callerGone);
        if (reply.raw.destroyed) {
          resolve(undefined);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (
          attempt === 0 &&
          bodyless &&
          upstream.reusedSocket &&
          code === 'ECONNRESET' &&
          retryableMethods.has(request.method)
        ) {
          // The apiserver closed an idle pooled connection just as it was picked (Node's documented race).
          resolve(exchange(request, reply, upstreamTarget, attempt + 1));
          return;
        }
        const failure = error instanceof HttpError ? error : upstreamFailure(error, connection.clusterId);
        request.log.warn({ err: error, clusterId: connection.clusterId }, failure.message);
        reject(failure);
      });

      if (bodyless) upstream.end();
      else request.raw.pipe(upstream);
    });
  }
}

interface InFlight {
  upstream: ClientRequest;
  reply: ServerResponse;
  /** A watch or a followed log: it never ends by itself. */
  endless: boolean;
  /** The apiserver's answer once it started; what the reply is piped from. */
  response?: IncomingMessage;
}

/** How long a caller gets to take the end of its stream on shutdown before it is cut. */
const streamEndGraceMs = 1_000;

function isEndless(url: string | undefined): boolean {
  const query = new URLSearchParams(url?.split('?')[1] ?? '');
  const flag = (name: string) => ['true', '1'].includes(query.get(name) ?? '');
  return flag('watch') || flag('follow') || /\/watch\//.test(url?.split('?')[0] ?? '');
}

function endStream({ upstream, reply, response }: InFlight): void {
  if (!response || !reply.headersSent || reply.writableEnded || reply.destroyed) {
    upstream.destroy();
    reply.destroy();
    return;
  }
  response.unpipe(reply);
  const cut = setTimeout(() => reply.destroy(), streamEndGraceMs);
  cut.unref();
  // Fastify then lets go of the apiserver's response (the reply is finished): nothing dangles.
  reply.once('close', () => {
    clearTimeout(cut);
    upstream.destroy();
  });
  reply.end();
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Node's parser gives every header as a list; requests injected in-process (light-my-request,
 * used by route tests and by internal callers) have only the folded form.
 */
function distinctHeaders(raw: IncomingMessage): NodeJS.Dict<string[]> {
  return (
    raw.headersDistinct ??
    Object.fromEntries(
      Object.entries(raw.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value : value === undefined ? [] : [value],
      ]),
    )
  );
}
