import type {
  CachedResource,
  ResourceChange,
  ResourceFilter,
  WatchClientMessage,
  WatchServerMessage,
} from '@bokujo/shared';

/** What one view follows: a kind in a cluster, narrowed as its list is. */
export interface WatchTarget extends ResourceFilter {
  clusterId: string;
  resource: CachedResource;
}

export interface WatchListener {
  /** Changes matching the target, in order. */
  onChanges: (changes: ResourceChange[]) => void;
  /** Changes may have been missed (the server relisted, or the socket was reconnected): read the list again. */
  onResync: () => void;
  /** The server refused or ended the subscription; it is not retried until the socket reconnects. */
  onError?: (error: Extract<WatchServerMessage, { type: 'error' }>) => void;
}

/** The part of the browser's WebSocket this client uses, so a test can stand in for it. */
export interface SocketLike {
  readonly readyState: number;
  send: (data: string) => void;
  close: (code?: number, reason?: string) => void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

interface WatchSocketOptions {
  url: () => string;
  createSocket?: (url: string) => SocketLike;
  /** Waits before reconnecting: doubles from the first to the last, then stays there. */
  backoffMs?: { initial: number; max: number };
  /**
   * How long the socket stays open without subscriptions: a view changing its filter ends one
   * subscription just before it starts the next, which must not cost a new connection.
   */
  lingerMs?: number;
}

interface Subscription {
  message: Extract<WatchClientMessage, { type: 'subscribe' }>;
  listener: WatchListener;
  /** Lost with a socket: its view reads the list again once it is subscribed anew. */
  missedChanges: boolean;
}

const open = 1;

/**
 * One websocket for every live view in the tab. It opens with the first subscription and closes
 * when the last one ends; after a drop it reconnects with growing waits, subscribes everything
 * again and tells each view to read its list again, since changes may have been missed meanwhile.
 */
export class WatchSocket {
  readonly #options: Required<WatchSocketOptions>;
  readonly #subscriptions = new Map<string, Subscription>();
  #socket: SocketLike | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #lingerTimer: ReturnType<typeof setTimeout> | undefined;
  #attempts = 0;
  #nextId = 0;

  constructor(options: WatchSocketOptions) {
    this.#options = {
      createSocket: (url) => new WebSocket(url),
      backoffMs: { initial: 500, max: 30_000 },
      lingerMs: 5_000,
      ...options,
    };
  }

  /** Follows `target`; the returned function ends it. */
  subscribe(target: WatchTarget, listener: WatchListener): () => void {
    this.#nextId += 1;
    // Never reused in the tab's life, so a late answer about an ended subscription matches nothing.
    const id = `w${this.#nextId}`;
    const message = { ...definedFields(target), type: 'subscribe', id } as Subscription['message'];
    this.#subscriptions.set(id, { message, listener, missedChanges: false });
    clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
    if (this.#socket?.readyState === open) this.#send(message);
    else this.#connect();
    return () => this.#unsubscribe(id);
  }

  /** How many subscriptions are live; for tests and diagnostics. */
  get size() {
    return this.#subscriptions.size;
  }

  #unsubscribe(id: string) {
    if (!this.#subscriptions.delete(id)) return;
    if (this.#socket?.readyState === open) this.#send({ type: 'unsubscribe', id });
    if (this.#subscriptions.size > 0) return;
    clearTimeout(this.#lingerTimer);
    this.#lingerTimer = setTimeout(() => {
      this.#lingerTimer = undefined;
      if (this.#subscriptions.size === 0) this.#disconnect();
    }, this.#options.lingerMs);
  }

  #connect() {
    if (this.#socket || this.#reconnectTimer !== undefined) return;
    const socket = this.#options.createSocket(this.#options.url());
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempts = 0;
      for (const subscription of this.#subscriptions.values()) this.#send(subscription.message);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      if (this.#subscriptions.size === 0) return;
      for (const subscription of this.#subscriptions.values()) subscription.missedChanges = true;
      const { initial, max } = this.#options.backoffMs;
      const wait = Math.min(max, initial * 2 ** this.#attempts);
      this.#attempts += 1;
      this.#reconnectTimer = setTimeout(() => {
        this.#reconnectTimer = undefined;
        if (this.#subscriptions.size > 0) this.#connect();
      }, wait);
    };
    // A failed socket also closes; the close handler decides about reconnecting.
    socket.onerror = () => undefined;
  }

  #disconnect() {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#attempts = 0;
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.close(1000, 'no subscriptions');
  }

  #send(message: WatchClientMessage) {
    this.#socket?.send(JSON.stringify(message));
  }

  #receive(data: unknown) {
    if (typeof data !== 'string') return;
    let message: WatchServerMessage;
    try {
      message = JSON.parse(data) as WatchServerMessage;
    } catch {
      return;
    }
    const subscription = message.id === undefined ? undefined : this.#subscriptions.get(message.id);
    if (!subscription) return;
    switch (message.type) {
      case 'subscribed':
        // After a reconnect the list may have moved on while no socket listened.
        if (subscription.missedChanges) {
          subscription.missedChanges = false;
          subscription.listener.onResync();
        }
        break;
      case 'changes':
        subscription.listener.onChanges(message.changes);
        break;
      case 'resync':
        subscription.listener.onResync();
        break;
      case 'error':
        subscription.listener.onError?.(message);
        break;
    }
  }
}

function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== '')) as T;
}

const sameOriginUrl = () => {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/v1/watch`;
};

/** The tab's one socket, shared by every hook. */
export const watchSocket = new WatchSocket({ url: sameOriginUrl });
