import type { IncomingMessage } from 'node:http';
import {
  type CachedResource,
  ErrorCode,
  type FieldError,
  type ResourceChange,
  type ResourceFilter,
  type ResourceRow,
  type WatchServerMessage,
  type WatchSubscribe,
  WatchSubscribeSchema,
  WatchUnsubscribeSchema,
} from '@bokujo/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import type { WebSocket } from 'ws';
import { HttpError, InputError } from '../../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { RowChange } from './kind-cache.ts';
import type { ResourceView, ViewRequest } from './resource-access.ts';
import type { ResourceCaches } from './resource-caches.ts';

export interface WatchHubOptions {
  caches: ResourceCaches;
  resolveView: (request: ViewRequest) => Promise<ResourceView>;
  /** Who the socket's handshake speaks for now (session still alive, token not revoked). */
  authenticate: (request: IncomingMessage) => Promise<Principal | undefined>;
  log: FastifyBaseLogger;
  /** Changes wait this long for more before they are sent as one message. */
  batchMs?: number;
  /** How often the session and expired permissions are checked again; 10 s by default. */
  recheckMs?: number;
  maxSubscriptionsPerSocket?: number;
  /** A client message larger than this is refused (with an error, the socket stays). */
  maxMessageBytes?: number;
  /** A socket whose unsent data stays above this for `slowConsumerMs` is closed. */
  maxBufferedBytes?: number;
  slowConsumerMs?: number;
}

/** Close codes the SPA can tell apart: signed out (reconnecting is pointless) and too slow. */
export const closeCodes = { signedOut: 4401, slowConsumer: 4408, shuttingDown: 1001 } as const;

const heartbeatMs = 30_000;

interface Subscription {
  id: string;
  clusterId: string;
  resource: CachedResource;
  filter: ResourceFilter;
  view: ResourceView | undefined;
  release: (() => void) | undefined;
  pending: ResourceChange[];
  pendingVersion: string;
  timer: NodeJS.Timeout | undefined;
  ended: boolean;
  rechecking: boolean;
}

/**
 * The `/api/v1/watch` sockets of this process. Each subscription reads its (cluster, kind) cache,
 * whose single upstream watch feeds every subscriber; it receives only changes to rows its view
 * keeps (a row leaving the view arrives as DELETED, one entering as ADDED), batched for a few ms.
 */
export class WatchHub {
  readonly #options: WatchHubOptions;
  readonly #sessions = new Set<WatchSession>();

  constructor(options: WatchHubOptions) {
    this.#options = options;
  }

  /** Live settings: a test may shorten `recheckMs` before opening sockets. */
  get options(): WatchHubOptions {
    return this.#options;
  }

  get sockets() {
    return this.#sessions.size;
  }

  accept(socket: WebSocket, request: IncomingMessage, principal: Principal) {
    const session = new WatchSession(this.#options, socket, request, principal, () => this.#sessions.delete(session));
    this.#sessions.add(session);
  }

  /** Ends every subscription to a cluster (it was removed from Bokujo). */
  clusterRemoved(clusterId: string) {
    for (const session of this.#sessions) session.clusterRemoved(clusterId);
  }

  closeAll() {
    for (const session of [...this.#sessions]) session.close(closeCodes.shuttingDown, 'Bokujo is shutting down');
  }
}

class WatchSession {
  readonly #options: WatchHubOptions;
  readonly #socket: WebSocket;
  readonly #request: IncomingMessage;
  #principal: Principal;
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #recheck: NodeJS.Timeout;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #onClosed: () => void;
  #slowSince: number | undefined;
  #checkingSession = false;
  #closed = false;

  constructor(
    options: WatchHubOptions,
    socket: WebSocket,
    request: IncomingMessage,
    principal: Principal,
    onClosed: () => void,
  ) {
    this.#options = options;
    this.#socket = socket;
    this.#request = request;
    this.#principal = principal;
    this.#onClosed = onClosed;
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('close', () => this.#cleanUp());
    socket.on('error', (error) => options.log.debug({ err: error }, 'watch socket error'));
    this.#recheck = setInterval(() => void this.#recheckAll(), options.recheckMs ?? 10_000);
    this.#recheck.unref();
    // A browser that vanished without closing (sleep, lost network) leaves a half-open socket whose
    // subscriptions would be fed forever; one unanswered ping ends it.
    let answered = true;
    socket.on('pong', () => (answered = true));
    this.#heartbeat = setInterval(() => {
      if (!answered) {
        socket.terminate();
        this.#cleanUp();
        return;
      }
      answered = false;
      socket.ping();
    }, heartbeatMs);
    this.#heartbeat.unref();
  }

  close(code: number, reason: string) {
    if (this.#closed) return;
    this.#socket.close(code, reason);
    this.#cleanUp();
  }

  clusterRemoved(clusterId: string) {
    for (const subscription of [...this.#subscriptions.values()]) {
      if (subscription.clusterId !== clusterId) continue;
      this.#end(subscription, { statusCode: 404, code: ErrorCode.notFound, message: `No cluster ${clusterId}` });
    }
  }

  #cleanUp() {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#recheck);
    clearInterval(this.#heartbeat);
    for (const subscription of this.#subscriptions.values()) this.#stop(subscription);
    this.#subscriptions.clear();
    this.#onClosed();
  }

  #send(message: WatchServerMessage) {
    if (this.#closed) return;
    const maxBuffered = this.#options.maxBufferedBytes ?? 8 * 1024 * 1024;
    if (this.#socket.bufferedAmount > maxBuffered) {
      // The browser does not keep up (or stopped reading); holding ever more for it would let one
      // tab exhaust the server's memory. It reconnects and refetches when it can.
      const now = Date.now();
      this.#slowSince ??= now;
      if (
        now - this.#slowSince >= (this.#options.slowConsumerMs ?? 2_000) ||
        this.#socket.bufferedAmount > maxBuffered * 4
      ) {
        this.#options.log.info({ buffered: this.#socket.bufferedAmount }, 'watch socket: slow consumer closed');
        this.#socket.terminate();
        this.#cleanUp();
        return;
      }
    } else {
      this.#slowSince = undefined;
    }
    this.#socket.send(JSON.stringify(message));
  }

  #error(error: unknown, id?: string) {
    const body = errorBody(error);
    if (body.statusCode >= 500) this.#options.log.warn({ err: error }, 'watch subscription failed');
    this.#send({ type: 'error', ...(id !== undefined ? { id } : {}), ...body });
  }

  #onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const maxBytes = this.#options.maxMessageBytes ?? 16 * 1024;
    if (bytes.length > maxBytes) {
      this.#error(
        new InputError(`The message is too large (${bytes.length} bytes; at most ${maxBytes})`, [
          { field: '/', reason: `is larger than ${maxBytes} bytes` },
        ]),
      );
      return;
    }
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      this.#error(new InputError('The message is not JSON text', [{ field: '/', reason: 'is not JSON text' }]));
      return;
    }
    const type = (message as { type?: unknown } | null)?.type;
    const id = (message as { id?: unknown } | null)?.id;
    const replyId = typeof id === 'string' && id.length <= 64 ? id : undefined;
    if (type === 'subscribe') {
      const problems = schemaProblems(WatchSubscribeSchema, message);
      if (problems.length > 0) {
        this.#error(new InputError('The subscription is invalid', problems), replyId);
        return;
      }
      this.#subscribe(message as WatchSubscribe);
    } else if (type === 'unsubscribe') {
      const problems = schemaProblems(WatchUnsubscribeSchema, message);
      if (problems.length > 0) {
        this.#error(new InputError('The unsubscription is invalid', problems), replyId);
        return;
      }
      const subscription = this.#subscriptions.get(id as string);
      if (subscription) {
        this.#stop(subscription);
        this.#subscriptions.delete(subscription.id);
      }
    } else {
      this.#error(
        new InputError('Unknown message type', [{ field: '/type', reason: 'must be "subscribe" or "unsubscribe"' }]),
        replyId,
      );
    }
  }

  #subscribe(message: WatchSubscribe) {
    const { id, clusterId, resource } = message;
    if (this.#subscriptions.has(id)) {
      this.#error(
        new InputError(`Subscription ${id} exists`, [{ field: '/id', reason: 'is already in use on this socket' }]),
        id,
      );
      return;
    }
    const max = this.#options.maxSubscriptionsPerSocket ?? 32;
    if (this.#subscriptions.size >= max) {
      this.#error(new HttpError(429, ErrorCode.rateLimited, `At most ${max} subscriptions per socket`), id);
      return;
    }
    const filter: ResourceFilter = {
      ...(message.namespace !== undefined ? { namespace: message.namespace } : {}),
      ...(message.project !== undefined ? { project: message.project } : {}),
      ...(message.name !== undefined ? { name: message.name } : {}),
      ...(message.label !== undefined ? { label: message.label } : {}),
      ...(message.state !== undefined ? { state: message.state } : {}),
    };
    const subscription: Subscription = {
      id,
      clusterId,
      resource,
      filter,
      view: undefined,
      release: undefined,
      pending: [],
      pendingVersion: '',
      timer: undefined,
      ended: false,
      rechecking: false,
    };
    this.#subscriptions.set(id, subscription);
    this.#options
      .resolveView({ principal: this.#principal, clusterId, resource, filter, fieldPrefix: '' })
      .then((view) => {
        if (subscription.ended || this.#closed) return;
        subscription.view = view;
        subscription.release = this.#options.caches.subscribe(clusterId, resource, {
          change: (change, resourceVersion) => this.#onChange(subscription, change, resourceVersion),
          resync: () => {
            this.#clearPending(subscription);
            this.#send({ type: 'resync', id });
          },
        });
        this.#send({ type: 'subscribed', id, resourceVersion: view.cache.resourceVersion });
      })
      .catch((error: unknown) => {
        if (subscription.ended || this.#closed) return;
        this.#end(subscription, error);
      });
  }

  #onChange(subscription: Subscription, change: RowChange, resourceVersion: string) {
    const predicate = subscription.view?.predicate;
    const keeps = (row: ResourceRow | undefined) => row !== undefined && (!predicate || predicate(row));
    const before = change.type !== 'ADDED' && keeps(change.previous);
    const after = change.type !== 'DELETED' && keeps(change.row);
    let type: ResourceChange['type'] | undefined;
    if (before && after) type = 'MODIFIED';
    else if (after) type = 'ADDED';
    else if (before) type = 'DELETED';
    if (!type) return;
    subscription.pending.push({ type, row: change.row });
    subscription.pendingVersion = resourceVersion;
    subscription.timer ??= setTimeout(() => this.#flush(subscription), this.#options.batchMs ?? 20);
  }

  #flush(subscription: Subscription) {
    subscription.timer = undefined;
    if (subscription.pending.length === 0 || subscription.ended) return;
    const changes = subscription.pending;
    subscription.pending = [];
    this.#send({ type: 'changes', id: subscription.id, resourceVersion: subscription.pendingVersion, changes });
  }

  #clearPending(subscription: Subscription) {
    clearTimeout(subscription.timer);
    subscription.timer = undefined;
    subscription.pending = [];
  }

  #stop(subscription: Subscription) {
    subscription.ended = true;
    this.#clearPending(subscription);
    subscription.release?.();
    subscription.release = undefined;
  }

  #end(subscription: Subscription, error: unknown) {
    this.#stop(subscription);
    this.#subscriptions.delete(subscription.id);
    this.#error(error, subscription.id);
  }

  /** Signed out or revoked: close. Permissions past their time: ask again, end what is no longer allowed. */
  async #recheckAll() {
    if (this.#closed || this.#checkingSession) return;
    let principal: Principal | undefined;
    this.#checkingSession = true;
    try {
      principal = await this.#options.authenticate(this.#request);
    } catch (error) {
      this.#options.log.warn({ err: error }, 'watch socket: could not check the session');
      return;
    } finally {
      this.#checkingSession = false;
    }
    if (this.#closed) return;
    if (!principal || principal.userId !== this.#principal.userId) {
      this.close(closeCodes.signedOut, 'Signed out');
      return;
    }
    this.#principal = principal;
    const now = Date.now();
    for (const subscription of this.#subscriptions.values()) {
      const view = subscription.view;
      if (!view || view.expiresAt > now || subscription.rechecking || subscription.ended) continue;
      subscription.rechecking = true;
      this.#options
        .resolveView({
          principal,
          clusterId: subscription.clusterId,
          resource: subscription.resource,
          filter: subscription.filter,
          fieldPrefix: '',
        })
        .then((fresh) => {
          subscription.view = fresh;
        })
        .catch((error: unknown) => {
          if (subscription.ended || this.#closed) return;
          // Only a refusal ends the subscription; a cluster briefly unreachable does not.
          if (error instanceof HttpError && error.statusCode < 500) this.#end(subscription, error);
          else this.#options.log.warn({ err: error }, 'watch subscription: permission check failed; kept');
        })
        .finally(() => {
          subscription.rechecking = false;
        });
    }
  }
}

function errorBody(error: unknown): { statusCode: number; code: string; message: string; details?: FieldError[] } {
  if (error instanceof HttpError) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error && typeof error === 'object' && 'statusCode' in error && 'code' in error && 'message' in error) {
    const plain = error as { statusCode: number; code: string; message: string };
    return { statusCode: plain.statusCode, code: plain.code, message: plain.message };
  }
  return { statusCode: 500, code: ErrorCode.internal, message: 'Something went wrong inside Bokujo; see its log' };
}

/** The schema's complaints as field errors (`/resource`: why), first per field. */
function schemaProblems(schema: TSchema, value: unknown): FieldError[] {
  const seen = new Map<string, string>();
  for (const error of Value.Errors(schema, value)) {
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] } | undefined;
    const named = params?.requiredProperties?.[0] ?? params?.additionalProperties?.[0];
    const field = named !== undefined ? `${error.instancePath}/${named}` : error.instancePath || '/';
    if (!seen.has(field)) seen.set(field, error.message);
  }
  return [...seen].map(([field, reason]) => ({ field, reason }));
}
