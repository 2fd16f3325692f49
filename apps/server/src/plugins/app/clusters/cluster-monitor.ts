import type { ClusterProvider, ClusterState, ClusterSummary } from '@bokujo/shared';
import { NotFoundError } from '../../../errors.ts';
import { now, type Store } from '../store/store.ts';
import { ClusterStatusError, type ClusterStatus, readClusterStatus } from './cluster-status.ts';
import type { ConnectionResolver } from './connection.ts';
import { kubeConfigFor } from './kube-config.ts';

export interface ClusterMonitorIntervals {
  /** Between two checks of a cluster that answered. */
  healthyMs: number;
  /** Wait after the first failure; it doubles with every further failure in a row. */
  retryMs: number;
  /** The longest wait between retries of a cluster that keeps failing. */
  maxRetryMs: number;
  /** Deadline of one check, from the first request to the last answer. */
  checkTimeoutMs: number;
  /** How often the cluster list is re-read to pick up clusters added or removed meanwhile. */
  listRefreshMs: number;
}

export const defaultMonitorIntervals: ClusterMonitorIntervals = {
  healthyMs: 30_000,
  retryMs: 5_000,
  maxRetryMs: 300_000,
  checkTimeoutMs: 10_000,
  listRefreshMs: 5_000,
};

/** The part of a pino logger the monitor uses; Fastify's `app.log` fits. */
export interface MonitorLog {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A cluster's health as the last check left it in the store. */
export interface ClusterHealth {
  clusterId: string;
  state: ClusterState;
  /** Why the cluster is Unavailable, in plain English; null when Active. */
  stateReason: string | null;
  /** Kept from the last successful check while the cluster is Unavailable. */
  version: string | null;
  provider: ClusterProvider | null;
  summary: ClusterSummary | null;
  lastCheckedAt: string;
}

/** What happened in one check; for listeners that push changes to browsers, and for tests. */
export interface ClusterCheckEvent {
  health: ClusterHealth;
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
  /** False for checkNow() calls. */
  background: boolean;
}

export interface ClusterMonitorOptions {
  store: Store;
  resolveConnection: ConnectionResolver;
  log: MonitorLog;
  intervals?: Partial<ClusterMonitorIntervals>;
  /** Background checks running at once; 4 by default. */
  concurrency?: number;
  onCheck?: (event: ClusterCheckEvent) => void;
}

interface Tracked {
  /** Failed checks in a row; 0 after a success. */
  failures: number;
  nextDueAt: number;
  /** State as last seen, so that a cluster stored Unavailable counts as failing before its first check here. */
  state: string;
}

interface InFlight {
  promise: Promise<ClusterHealth>;
  background: boolean;
  failing: boolean;
}

/**
 * Checks every cluster in the store in the background and writes state, version, provider and
 * summary back to it, so that the cluster list answers from the store at once.
 *
 * One bad cluster must not hold up the others: each check has its own deadline, only a few run
 * at once, and clusters already known to be failing may use all but one of those slots, so a
 * healthy cluster always finds one free even when several clusters hang until their deadline.
 * Failing clusters are retried with exponential backoff.
 */
export class ClusterMonitor {
  readonly #store: Store;
  readonly #resolveConnection: ConnectionResolver;
  readonly #log: MonitorLog;
  readonly #intervals: ClusterMonitorIntervals;
  readonly #concurrency: number;
  readonly #onCheck: ((event: ClusterCheckEvent) => void) | undefined;

  readonly #tracked = new Map<string, Tracked>();
  readonly #inFlight = new Map<string, InFlight>();
  #running = false;
  #stopping: AbortController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;

  constructor(options: ClusterMonitorOptions) {
    this.#store = options.store;
    this.#resolveConnection = options.resolveConnection;
    this.#log = options.log;
    this.#intervals = { ...defaultMonitorIntervals, ...options.intervals };
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    this.#onCheck = options.onCheck;
  }

  /** Starts the background checks; every cluster is checked right away, then on its schedule. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stopping = new AbortController();
    this.#tick();
  }

  /**
   * Stops the background checks: aborts the ones in flight (they write nothing), waits for them
   * and for any checkNow() still running, and leaves no timer behind.
   */
  async stop(): Promise<void> {
    if (!this.#running) {
      await this.#settleInFlight();
      return;
    }
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#stopping?.abort(new Error('the cluster monitor is stopping'));
    await this.#ticking;
    await this.#settleInFlight();
    this.#tracked.clear();
  }

  /**
   * Checks one cluster now and returns its fresh state (joining a check already in flight).
   * Runs outside the background concurrency limit: someone is waiting for the answer.
   * Throws NotFoundError when the store has no such cluster.
   */
  async checkNow(clusterId: string): Promise<ClusterHealth> {
    const current = this.#inFlight.get(clusterId);
    if (current) return current.promise;
    return this.#start(clusterId, false, false);
  }

  async #settleInFlight(): Promise<void> {
    while (this.#inFlight.size > 0)
      await Promise.allSettled([...this.#inFlight.values()].map((entry) => entry.promise));
  }

  /** Re-reads the cluster list, starts what is due and sets the timer for the next due check. */
  #tick(): void {
    this.#timer = undefined;
    if (!this.#running || this.#ticking) return;
    this.#ticking = (async () => {
      try {
        await this.#refreshClusterList();
      } catch (error) {
        this.#log.warn({ err: error }, 'cluster monitor: could not read the cluster list');
      }
      this.#ticking = undefined;
      this.#dispatch();
    })();
  }

  async #refreshClusterList(): Promise<void> {
    const rows = await this.#store.selectFrom('clusters').select(['id', 'state']).execute();
    const seen = new Set<string>();
    const listedAt = Date.now();
    for (const row of rows) {
      seen.add(row.id);
      if (!this.#tracked.has(row.id)) this.#tracked.set(row.id, { failures: 0, nextDueAt: listedAt, state: row.state });
    }
    for (const id of this.#tracked.keys()) if (!seen.has(id)) this.#tracked.delete(id);
  }

  /** Starts due checks while slots are free, then arms the timer. */
  #dispatch(): void {
    if (!this.#running) return;
    const time = Date.now();
    const due = [...this.#tracked]
      .filter(([id, tracked]) => tracked.nextDueAt <= time && !this.#inFlight.has(id))
      .sort(([, a], [, b]) => a.nextDueAt - b.nextDueAt);
    const failingSlots = this.#concurrency > 1 ? this.#concurrency - 1 : 1;
    for (const [id, tracked] of due) {
      const background = [...this.#inFlight.values()].filter((entry) => entry.background);
      if (background.length >= this.#concurrency) break;
      const failing = tracked.failures > 0 || tracked.state === 'Unavailable';
      if (failing && background.filter((entry) => entry.failing).length >= failingSlots) continue;
      this.#start(id, true, failing).catch((error: unknown) => {
        // Aborted by stop(), or the cluster was deleted during its check: nothing to report.
        if (!this.#running || error instanceof NotFoundError) return;
        this.#log.warn({ err: error, clusterId: id }, 'cluster monitor: check failed');
      });
    }
    this.#arm();
  }

  /**
   * Sleeps until the next check falls due or the list is to be re-read. Due checks waiting for a
   * slot need no timer: the end of a running check dispatches again.
   */
  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running || this.#ticking) return;
    const time = Date.now();
    let wakeAt = time + this.#intervals.listRefreshMs;
    for (const [id, tracked] of this.#tracked) {
      if (tracked.nextDueAt > time && !this.#inFlight.has(id)) wakeAt = Math.min(wakeAt, tracked.nextDueAt);
    }
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, wakeAt - time));
    // The server's listeners keep the process alive; a monitor left running must not.
    this.#timer.unref();
  }

  #start(clusterId: string, background: boolean, failing: boolean): Promise<ClusterHealth> {
    const signal = background ? this.#stopping?.signal : undefined;
    const promise = this.#check(clusterId, background, signal).finally(() => {
      this.#inFlight.delete(clusterId);
      this.#dispatch();
    });
    this.#inFlight.set(clusterId, { promise, background, failing });
    return promise;
  }

  async #check(clusterId: string, background: boolean, signal: AbortSignal | undefined): Promise<ClusterHealth> {
    const startedAt = Date.now();
    const row = await this.#store
      .selectFrom('clusters')
      .select(['id', 'server', 'state', 'state_reason', 'version', 'provider', 'summary'])
      .where('id', '=', clusterId)
      .executeTakeFirst();
    if (!row) {
      // Deleted since the list was read. Forget it now: left tracked and due, it would be
      // dispatched again at once, forever, in a loop of promises that starves the event loop.
      this.#tracked.delete(clusterId);
      throw new NotFoundError(`No cluster ${clusterId}`);
    }

    let status: ClusterStatus | undefined;
    let reason: string | undefined;
    try {
      const connection = await this.#resolveConnection(clusterId);
      status = await readClusterStatus(kubeConfigFor(connection), {
        timeoutMs: this.#intervals.checkTimeoutMs,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // Stopping is not the cluster's fault: leave its state as it was.
      if (signal?.aborted) throw signal.reason;
      reason =
        error instanceof ClusterStatusError
          ? error.message
          : `Bokujo could not prepare the connection to ${row.server}: ${error instanceof Error ? error.message : String(error)}`;
    }

    const checkedAt = now();
    const state: ClusterState = status ? 'Active' : 'Unavailable';
    const stateReason = reason ?? null;
    const changed = row.state !== state || row.state_reason !== stateReason;
    const updated = await this.#store
      .updateTable('clusters')
      .set({
        state,
        state_reason: stateReason,
        last_checked_at: checkedAt,
        ...(status
          ? { version: status.version, provider: status.provider, summary: JSON.stringify(status.summary) }
          : {}),
        // updated_at tracks changes a person would notice, not every heartbeat.
        ...(changed ? { updated_at: checkedAt } : {}),
      })
      .where('id', '=', clusterId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError(`No cluster ${clusterId}`);

    const health: ClusterHealth = {
      clusterId,
      state,
      stateReason,
      version: status?.version ?? row.version,
      provider: status?.provider ?? (row.provider as ClusterProvider | null),
      summary: status?.summary ?? parseSummary(row.summary),
      lastCheckedAt: checkedAt,
    };
    this.#schedule(clusterId, health, background);
    if (changed) {
      if (status) this.#log.info({ clusterId, version: status.version }, 'cluster is Active');
      else this.#log.warn({ clusterId, reason }, 'cluster is Unavailable');
    } else {
      this.#log.debug({ clusterId, state, reason }, 'cluster checked');
    }
    this.#notify({ health, startedAt, finishedAt: Date.now(), background });
    return health;
  }

  #schedule(clusterId: string, health: ClusterHealth, background: boolean): void {
    const previous = this.#tracked.get(clusterId);
    // A checkNow() for a cluster imported since the last list read starts its schedule here; a
    // background check of a cluster dropped from the list meanwhile does not bring it back.
    if (!previous && (background || !this.#running)) return;
    const failures = health.state === 'Active' ? 0 : (previous?.failures ?? 0) + 1;
    const delay =
      failures === 0
        ? this.#intervals.healthyMs
        : Math.min(this.#intervals.retryMs * 2 ** (failures - 1), this.#intervals.maxRetryMs);
    this.#tracked.set(clusterId, { failures, nextDueAt: Date.now() + delay, state: health.state });
  }

  #notify(event: ClusterCheckEvent): void {
    try {
      this.#onCheck?.(event);
    } catch (error) {
      this.#log.warn({ err: error, clusterId: event.health.clusterId }, 'cluster monitor: a check listener failed');
    }
  }
}

function parseSummary(text: string | null): ClusterSummary | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as ClusterSummary;
  } catch {
    return null;
  }
}
