/** The part of a pino logger leadership uses; Fastify's `app.log` fits. */
export interface LeadershipLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** May return a promise: stopping leads waits for it before letting another replica take over. */
export type LeadershipListener = (leading: boolean) => void | Promise<void>;
export type LeaderMessageHandler = (message: string) => void;

/**
 * Which replica runs the background work (cluster health checks, RBAC reconcile). Every replica
 * serves requests; only the leader watches and writes on its own initiative, so that two replicas
 * never fight over the same objects. Work that any replica is asked for (a member added through
 * it) is handed to the leader with `tellLeader`.
 */
export interface Leadership {
  /** `single-process` on SQLite (the process always leads); `advisory-lock` on PostgreSQL. */
  readonly mode: 'single-process' | 'advisory-lock';
  readonly isLeader: boolean;
  /** Called on every change, with the new state; returns the function that unsubscribes. */
  onChange(listener: LeadershipListener): () => void;
  /**
   * Hands a short message to whichever replica leads (this one included). Best effort: a message
   * sent while nobody leads is lost, so a new leader must redo all its work when it takes over.
   */
  tellLeader(topic: string, message: string): void;
  /** Receives the messages of a topic while this replica leads. */
  onMessage(topic: string, handler: LeaderMessageHandler): void;
  /** For readiness and logs: whether leadership works here, and what this replica is. */
  status(): { ok: boolean; message: string };
  start(): Promise<void>;
  /** Stops leading (background work stops first) and lets another replica take over. Final. */
  stop(): Promise<void>;
}

/** Subscribers and topic handlers, shared by both kinds of leadership. */
export class LeadershipEvents {
  readonly #listeners = new Set<LeadershipListener>();
  readonly #handlers = new Map<string, LeaderMessageHandler[]>();
  readonly #log: LeadershipLog;

  constructor(log: LeadershipLog) {
    this.#log = log;
  }

  onChange(listener: LeadershipListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onMessage(topic: string, handler: LeaderMessageHandler): void {
    this.#handlers.set(topic, [...(this.#handlers.get(topic) ?? []), handler]);
  }

  /** Tells every listener; resolves when the work they started or stopped has settled. */
  async changed(leading: boolean): Promise<void> {
    await Promise.all(
      [...this.#listeners].map(async (listener) => {
        try {
          await listener(leading);
        } catch (error) {
          this.#log.error({ err: error, leading }, 'leadership: a listener failed');
        }
      }),
    );
  }

  deliver(topic: string, message: string): void {
    for (const handler of this.#handlers.get(topic) ?? []) {
      try {
        handler(message);
      } catch (error) {
        this.#log.warn({ err: error, topic }, 'leadership: a message handler failed');
      }
    }
  }
}

/** SQLite allows one process, and that process leads. */
export class SingleProcessLeadership implements Leadership {
  readonly mode = 'single-process';
  readonly #events: LeadershipEvents;
  #leading = false;
  #stopped = false;

  constructor(log: LeadershipLog) {
    this.#events = new LeadershipEvents(log);
  }

  get isLeader(): boolean {
    return this.#leading;
  }

  onChange(listener: LeadershipListener): () => void {
    return this.#events.onChange(listener);
  }

  onMessage(topic: string, handler: LeaderMessageHandler): void {
    this.#events.onMessage(topic, handler);
  }

  tellLeader(topic: string, message: string): void {
    if (this.#leading) this.#events.deliver(topic, message);
  }

  status() {
    return { ok: true, message: this.#leading ? 'leader (single process)' : 'not started' };
  }

  async start(): Promise<void> {
    if (this.#leading || this.#stopped) return;
    this.#leading = true;
    await this.#events.changed(true);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (!this.#leading) return;
    this.#leading = false;
    await this.#events.changed(false);
  }
}
