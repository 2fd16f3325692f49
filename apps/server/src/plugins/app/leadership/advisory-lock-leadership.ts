import pg from 'pg';
import {
  type LeaderMessageHandler,
  type Leadership,
  LeadershipEvents,
  type LeadershipListener,
  type LeadershipLog,
} from './leadership.ts';

/** "Bokujo" in ASCII: one key for every Bokujo sharing a database, unlikely to meet another application's. */
export const leaderLockKey = '72906505636463';
/** Where replicas reach the leader (LISTEN/NOTIFY on the database they share). */
export const leaderChannel = 'bokujo_leader';

export interface AdvisoryLockLeadershipOptions {
  databaseUrl: string;
  log: LeadershipLog;
  /** A replica that does not lead tries to take the lock this often; 3 s by default. */
  retryMs?: number;
  /** The leader checks its lock connection this often; 2 s by default. */
  heartbeatMs?: number;
  /** A heartbeat or a connect slower than this counts as a dead connection; 5 s by default. */
  timeoutMs?: number;
}

/**
 * Leadership on PostgreSQL: the leader holds a session-level advisory lock on one connection of
 * its own, outside the store's pool, for as long as it leads. The lock goes with the connection:
 * when the leader's process dies, its socket closes and PostgreSQL releases the lock, and the next
 * replica to try (every few seconds) takes it. The leader checks its connection with a heartbeat;
 * when the connection fails it stops its background work at once, since PostgreSQL may already
 * have handed the lock to someone else.
 */
export class AdvisoryLockLeadership implements Leadership {
  readonly mode = 'advisory-lock';
  readonly #url: string;
  readonly #log: LeadershipLog;
  readonly #retryMs: number;
  readonly #heartbeatMs: number;
  readonly #timeoutMs: number;
  readonly #events: LeadershipEvents;

  #client: pg.Client | undefined;
  #leading = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #attempting: Promise<void> | undefined;
  /** The last failure to reach the database, for readiness; logged once per streak. */
  #problem: string | undefined;
  /** Leadership changes run one after the other, so that a loss cannot overtake a start. */
  #transition: Promise<void> = Promise.resolve();

  constructor(options: AdvisoryLockLeadershipOptions) {
    this.#url = options.databaseUrl;
    this.#log = options.log;
    this.#retryMs = options.retryMs ?? 3_000;
    this.#heartbeatMs = options.heartbeatMs ?? 2_000;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#events = new LeadershipEvents(options.log);
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
    if (this.#leading) {
      this.#events.deliver(topic, message);
      return;
    }
    const client = this.#client;
    if (!client) {
      this.#log.warn({ topic }, 'leadership: no database connection; the leader will catch up at its next resync');
      return;
    }
    client
      .query('select pg_notify($1, $2)', [leaderChannel, JSON.stringify({ topic, message })])
      .catch((error: unknown) => {
        this.#log.warn({ err: error, topic }, 'leadership: could not notify the leader');
      });
  }

  status() {
    if (this.#stopped) return { ok: false, message: 'stopped' };
    if (this.#problem && !this.#client) return { ok: false, message: this.#problem };
    return { ok: true, message: this.#leading ? 'leader' : 'standby (another replica leads)' };
  }

  async start(): Promise<void> {
    if (this.#stopped || this.#attempting || this.#client) return;
    // The first attempt is awaited so that a single replica leads as soon as it is ready.
    await this.#attempt();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#attempting;
    const client = this.#client;
    await this.#change(false, 'this replica is shutting down');
    this.#client = undefined;
    if (!client) return;
    try {
      // Ending the session releases the lock too; unlocking first makes the hand-over explicit.
      await client.query('select pg_advisory_unlock($1::bigint)', [leaderLockKey]);
    } catch {
      // The connection is gone, and the lock with it.
    }
    await client.end().catch(() => undefined);
  }

  #attempt(): Promise<void> {
    this.#timer = undefined;
    const attempt = (async () => {
      try {
        const client = this.#client ?? (await this.#connect());
        if (this.#stopped) return;
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
          leaderLockKey,
        ]);
        if (this.#problem) this.#log.info({}, 'leadership: the database answers again');
        this.#problem = undefined;
        if (!rows[0]?.locked || this.#stopped) return;
        await client.query(`listen ${leaderChannel}`);
        if (client !== this.#client) return;
        await this.#change(true, 'this replica holds the leader lock');
      } catch (error) {
        const message = `the leader lock cannot be taken: ${error instanceof Error ? error.message : String(error)}`;
        if (this.#problem !== message) this.#log.warn({ err: error }, `leadership: ${message}`);
        this.#problem = message;
        this.#drop(this.#client);
      }
    })().finally(() => {
      this.#attempting = undefined;
      this.#schedule();
    });
    this.#attempting = attempt;
    return attempt;
  }

  /** Next lock attempt while standing by, next heartbeat while leading. */
  #schedule(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = this.#leading
      ? setTimeout(() => this.#heartbeat(), this.#heartbeatMs)
      : setTimeout(() => void this.#attempt(), this.#retryMs);
    // The server's listeners keep the process alive, not this timer.
    this.#timer.unref();
  }

  #heartbeat(): void {
    const client = this.#client;
    if (!client || !this.#leading) return this.#schedule();
    client.query('select 1').then(
      () => this.#schedule(),
      (error: unknown) => this.#lost(client, error),
    );
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: 'bokujo-leadership',
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: this.#timeoutMs,
      query_timeout: this.#timeoutMs,
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the connection ended')));
    client.on('notification', (notification) => this.#notified(notification));
    this.#client = client;
    try {
      await client.connect();
    } catch (error) {
      this.#drop(client);
      throw error;
    }
    return client;
  }

  #notified(notification: pg.Notification): void {
    if (!this.#leading || notification.channel !== leaderChannel || !notification.payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(notification.payload);
    } catch {
      parsed = undefined;
    }
    const { topic, message } = (parsed ?? {}) as { topic?: unknown; message?: unknown };
    if (typeof topic !== 'string' || typeof message !== 'string') {
      this.#log.warn({ payload: notification.payload.slice(0, 200) }, 'leadership: ignored a malformed message');
      return;
    }
    this.#events.deliver(topic, message);
  }

  /** The lock connection failed: whatever this replica led, someone else may lead now. */
  #lost(client: pg.Client, error: unknown): void {
    if (client !== this.#client) return;
    this.#drop(client);
    if (this.#stopped) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.#problem = `the leader lock connection failed: ${reason}`;
    if (this.#leading) {
      this.#log.error({ reason }, 'leadership lost: the leader lock connection failed; background work stops');
      void this.#change(false, reason);
    }
    this.#schedule();
  }

  #drop(client: pg.Client | undefined): void {
    if (!client) return;
    if (client === this.#client) this.#client = undefined;
    client.removeAllListeners('notification');
    // A late 'error' from a dropped client must not crash the process.
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
  }

  #change(leading: boolean, reason: string): Promise<void> {
    this.#transition = this.#transition.then(async () => {
      if (this.#leading === leading) return;
      this.#leading = leading;
      this.#log.info(
        { leading, reason },
        leading ? 'this replica leads the background work' : 'this replica no longer leads the background work',
      );
      await this.#events.changed(leading);
    });
    return this.#transition;
  }
}
