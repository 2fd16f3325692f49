import {
  ApiException,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  type V1ClusterRole,
  type V1ClusterRoleBinding,
  type V1Namespace,
  type V1ObjectMeta,
  type V1OwnerReference,
  type V1RoleBinding,
} from '@kubernetes/client-node';
import { kubeStatusCode, withTimeout } from '../clusters/kube-errors.ts';
import { type ClusterAccessModel, desiredRbac, managedByLabel, rbacLabel, rbacSelector } from './desired-rbac.ts';
import {
  bindingDrift,
  bindingUpdate,
  clusterRoleDrift,
  clusterRoleUpdate,
  type Drift,
  withOwner,
} from './rbac-drift.ts';
import { runWatchLoop, type WatchedResource } from './watch-loop.ts';

/** The part of a pino logger the reconciler uses; Fastify's `app.log` fits. */
export interface RbacReconcilerLog {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RbacReconcilerOptions {
  /** Templates and members of one cluster, read fresh for every reconcile. */
  loadModel: (clusterId: string) => Promise<ClusterAccessModel>;
  /** Bokujo's own identity in the cluster (its ServiceAccount: RBAC writes with bind and escalate). */
  kubeConfig: (clusterId: string) => Promise<KubeConfig>;
  log: RbacReconcilerLog;
  /** Full reconcile of every watched cluster this often, whatever the watches saw; 5 min by default. */
  resyncMs?: number;
  /** Triggers within this window become one reconcile; 200 ms by default. */
  debounceMs?: number;
  /** Deadline of each call to a cluster; 30 s by default. */
  requestTimeoutMs?: number;
  /** How long the server keeps each watch open before the reconciler re-watches; 20–28 s by default. */
  watchTimeoutSeconds?: number;
  /**
   * Start on standby: another replica leads the background work (see setStandby). Watches and
   * triggers asked of a reconciler on standby go to `forward` instead.
   */
  standby?: boolean;
  /** Hands a watch, unwatch or trigger asked of a reconciler on standby to the one that leads. */
  forward?: (clusterId: string, request: ForwardedRequest) => void;
}

export type ForwardedRequest = 'watch' | 'unwatch' | 'trigger';

export type RbacKind = 'ClusterRole' | 'ClusterRoleBinding' | 'RoleBinding';

/** One object the reconcile could not bring in line; the others were still handled. */
export interface ReconcileError {
  action: 'create' | 'update' | 'delete';
  kind: RbacKind;
  name: string;
  namespace?: string;
  /** HTTP status from the cluster, when it answered. */
  status?: number;
  message: string;
}

export interface ReconcileReport {
  clusterId: string;
  created: number;
  /** Updated in place, or deleted and created again (a binding whose roleRef changed). */
  updated: number;
  deleted: number;
  unchanged: number;
  errors: ReconcileError[];
  /** Members that got no binding (see desiredRbac). */
  warnings: string[];
  durationMs: number;
}

/**
 * Everything else Bokujo puts in a cluster is owned by its ClusterRole `bokujo` (see
 * bokujo-identity.ts), so that removing that one role removes Bokujo. RBAC objects join in when it
 * exists; when it does not (a cluster reached with a credential of its own), they have no owner.
 */
const identityClusterRole = 'bokujo';

/** Background reconciles that fail are retried after this, doubling up to the resync period. */
const retryBaseMs = 2_000;
/** Writes to one cluster at once: enough to be quick with many namespaces, few enough to be polite. */
const writeConcurrency = 8;
const listPageSize = 500;

interface Watching {
  abort: AbortController;
  loops: Promise<void>[];
  resync: NodeJS.Timeout;
}

interface ClusterEntry {
  running?: Promise<ReconcileReport>;
  /** The one reconcile that runs after `running`, shared by every caller that asked meanwhile. */
  queued?: Promise<ReconcileReport>;
  debounce?: NodeJS.Timeout;
  retry?: NodeJS.Timeout;
  /** Failed background reconciles in a row. */
  failures: number;
  watching?: Watching;
  /** The last warnings logged, so that a steady store problem is logged once, not every minute. */
  lastWarnings?: string;
}

/**
 * Keeps each cluster's RBAC in line with Bokujo's members: a ClusterRole per template in use, a
 * ClusterRoleBinding per cluster membership, a RoleBinding per project membership in every
 * namespace of the project. It only ever changes objects labelled `bokujo.io/rbac=true`.
 *
 * A watched cluster is reconciled when Bokujo says its members changed (trigger), when any
 * namespace changes (a namespace created or relabelled with kubectl joins or leaves a project),
 * when any of Bokujo's RBAC objects changes (drift: someone deleted or edited one), and every
 * resync period. Reconciles of one cluster never overlap; requests that arrive while one runs are
 * served by a single follow-up run, which sees everything that changed meanwhile.
 */
export class RbacReconciler {
  readonly #loadModel: RbacReconcilerOptions['loadModel'];
  readonly #kubeConfig: RbacReconcilerOptions['kubeConfig'];
  readonly #log: RbacReconcilerLog;
  readonly #resyncMs: number;
  readonly #debounceMs: number;
  readonly #requestTimeoutMs: number;
  readonly #watchTimeoutSeconds: number | undefined;
  readonly #forward: RbacReconcilerOptions['forward'];
  readonly #clusters = new Map<string, ClusterEntry>();
  #stopped = false;
  #standby: boolean;
  /** Bumped when this replica stops leading: reconciles begun before stop writing at once. */
  #generation = 0;
  #openWatches = 0;

  constructor(options: RbacReconcilerOptions) {
    this.#loadModel = options.loadModel;
    this.#kubeConfig = options.kubeConfig;
    this.#log = options.log;
    this.#resyncMs = options.resyncMs ?? 5 * 60_000;
    this.#debounceMs = options.debounceMs ?? 200;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#watchTimeoutSeconds = options.watchTimeoutSeconds;
    this.#standby = options.standby ?? false;
    this.#forward = options.forward;
  }

  /** True while another replica leads: nothing is watched or reconciled here on its own. */
  get standby(): boolean {
    return this.#standby;
  }

  /**
   * Leading (false) or standing by (true). Going on standby ends every watch and timer at once and
   * cancels the reconciles in flight before their next write, since another replica may be taking
   * over; it resolves when they have stopped. Taking the lead watches nothing by itself: the caller
   * watches every cluster, which reconciles each right away.
   */
  async setStandby(standby: boolean): Promise<void> {
    if (standby === this.#standby) return;
    this.#standby = standby;
    if (!standby) return;
    this.#generation += 1;
    await Promise.all([...this.#clusters.values()].map((entry) => this.#quiesce(entry)));
    this.#clusters.clear();
  }

  /** Watch connections open right now, over all clusters; for tests and metrics. */
  get openWatches(): number {
    return this.#openWatches;
  }

  /** Clusters being watched. */
  get watchedClusters(): string[] {
    return [...this.#clusters].filter(([, entry]) => entry.watching).map(([id]) => id);
  }

  /** Starts watching a cluster and reconciles it right away; watching it twice is harmless. */
  watch(clusterId: string): void {
    if (this.#stopped) return;
    if (this.#standby) return this.#forward?.(clusterId, 'watch');
    const entry = this.#entry(clusterId);
    if (entry.watching) return;
    const abort = new AbortController();
    const kubeConfig = () => this.#kubeConfig(clusterId);
    const onChange = (reason: string) => {
      this.#log.debug({ clusterId, reason }, 'rbac reconciler: change seen');
      this.trigger(clusterId);
    };
    const loops = watchedResources.map(({ resource, listVersion }) =>
      runWatchLoop({
        resource,
        kubeConfig,
        listVersion: (config) => withTimeout(listVersion(config), this.#requestTimeoutMs, `listing ${resource.name}`),
        onChange,
        signal: abort.signal,
        log: {
          debug: (d, m) => this.#log.debug({ ...d, clusterId }, m),
          warn: (d, m) => this.#log.warn({ ...d, clusterId }, m),
        },
        onConnection: (delta) => (this.#openWatches += delta),
        ...(this.#watchTimeoutSeconds ? { timeoutSeconds: this.#watchTimeoutSeconds } : {}),
      }).catch((error: unknown) => {
        this.#log.error({ err: error, clusterId, resource: resource.name }, 'rbac reconciler: watch loop ended');
      }),
    );
    const resync = setInterval(() => this.#background(clusterId), this.#resyncMs);
    entry.watching = { abort, loops, resync };
    this.trigger(clusterId);
  }

  /** Stops watching a cluster (e.g. it was removed from Bokujo) and waits for its reconcile in flight. */
  async unwatch(clusterId: string): Promise<void> {
    if (this.#standby) this.#forward?.(clusterId, 'unwatch');
    const entry = this.#clusters.get(clusterId);
    if (!entry) return;
    await this.#quiesce(entry);
    if (!entry.watching && !entry.running && !entry.queued) this.#clusters.delete(clusterId);
  }

  /**
   * Asks for a reconcile soon (after the debounce window), e.g. after a member change in Bokujo.
   * Failures are logged, and retried with backoff while the cluster is watched.
   */
  trigger(clusterId: string): void {
    if (this.#stopped) return;
    if (this.#standby) return this.#forward?.(clusterId, 'trigger');
    const entry = this.#entry(clusterId);
    // The window starts at the first request, not the last: a steady stream of changes must not
    // postpone the reconcile forever.
    if (entry.debounce) return;
    entry.debounce = setTimeout(() => {
      entry.debounce = undefined;
      this.#background(clusterId);
    }, this.#debounceMs);
  }

  /**
   * Reconciles a cluster now and reports what it did. An object the cluster refuses is reported in
   * `errors` and the rest are still handled; the promise rejects only when nothing could be done
   * (the model could not be loaded, the cluster could not be listed) or the reconciler is stopped.
   */
  reconcileNow(clusterId: string): Promise<ReconcileReport> {
    if (this.#stopped) return Promise.reject(new Error('the RBAC reconciler is stopped'));
    const entry = this.#entry(clusterId);
    if (entry.queued) return entry.queued;
    if (!entry.running) return this.#run(clusterId, entry);
    const queued = entry.running
      .catch(() => undefined)
      .then(() => {
        entry.queued = undefined;
        if (this.#stopped) throw new Error('the RBAC reconciler is stopped');
        return this.#run(clusterId, entry);
      });
    entry.queued = queued;
    return queued;
  }

  /** Ends every watch and timer and waits for the reconciles in flight. Final. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#clusters.values()].map((entry) => this.#quiesce(entry)));
    this.#clusters.clear();
  }

  async #quiesce(entry: ClusterEntry): Promise<void> {
    clearTimeout(entry.debounce);
    clearTimeout(entry.retry);
    entry.debounce = undefined;
    entry.retry = undefined;
    const watching = entry.watching;
    entry.watching = undefined;
    if (watching) {
      clearInterval(watching.resync);
      watching.abort.abort();
      await Promise.all(watching.loops);
    }
    await Promise.allSettled([entry.running, entry.queued]);
  }

  #entry(clusterId: string): ClusterEntry {
    let entry = this.#clusters.get(clusterId);
    if (!entry) {
      entry = { failures: 0 };
      this.#clusters.set(clusterId, entry);
    }
    return entry;
  }

  #run(clusterId: string, entry: ClusterEntry): Promise<ReconcileReport> {
    const running = this.#reconcile(clusterId, entry).finally(() => {
      if (entry.running === running) entry.running = undefined;
    });
    entry.running = running;
    return running;
  }

  /** A reconcile nobody waits for: log the outcome, retry while watched if it did not fully succeed. */
  #background(clusterId: string): void {
    if (this.#stopped) return;
    const entry = this.#entry(clusterId);
    this.reconcileNow(clusterId).then(
      (report) => {
        if (report.errors.length === 0) entry.failures = 0;
        else this.#retryLater(clusterId, entry);
      },
      (error: unknown) => {
        if (this.#stopped || error instanceof ReconcileCancelled) return;
        this.#log.warn({ err: error, clusterId }, 'rbac reconciler: reconcile failed');
        this.#retryLater(clusterId, entry);
      },
    );
  }

  #retryLater(clusterId: string, entry: ClusterEntry): void {
    if (this.#stopped || !entry.watching || entry.retry) return;
    entry.failures += 1;
    const wait = Math.min(retryBaseMs * 2 ** (entry.failures - 1), this.#resyncMs);
    entry.retry = setTimeout(() => {
      entry.retry = undefined;
      this.#background(clusterId);
    }, wait);
  }

  async #reconcile(clusterId: string, entry: ClusterEntry): Promise<ReconcileReport> {
    const startedAt = performance.now();
    const generation = this.#generation;
    const cancelled = () => this.#stopped || generation !== this.#generation;
    const [model, kubeConfig] = await Promise.all([this.#loadModel(clusterId), this.#kubeConfig(clusterId)]);
    const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const timed = <T>(promise: Promise<T>, what: string) => withTimeout(promise, this.#requestTimeoutMs, what);

    const [namespaces, liveRoles, liveClusterBindings, liveBindings, owner] = await Promise.all([
      listAll((page) => timed(core.listNamespace(page), 'listing namespaces')),
      listAll((page) => timed(rbac.listClusterRole({ ...page, labelSelector: rbacSelector }), 'listing ClusterRoles')),
      listAll((page) =>
        timed(rbac.listClusterRoleBinding({ ...page, labelSelector: rbacSelector }), 'listing ClusterRoleBindings'),
      ),
      listAll((page) =>
        timed(rbac.listRoleBindingForAllNamespaces({ ...page, labelSelector: rbacSelector }), 'listing RoleBindings'),
      ),
      identityOwner(rbac, timed),
    ]);

    // A namespace being deleted refuses new objects, and the namespace controller removes what
    // is in it: leave it out on both sides.
    const terminating = new Set(namespaces.filter(isTerminating).map((namespace) => namespace.metadata?.name));
    const desired = desiredRbac(
      model,
      namespaces
        .filter((namespace) => !isTerminating(namespace))
        .map((namespace) => ({ name: namespace.metadata?.name ?? '', labels: namespace.metadata?.labels ?? {} })),
    );

    const report: ReconcileReport = {
      clusterId,
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      errors: [],
      warnings: desired.warnings,
      durationMs: 0,
    };
    const context = { report, owner, timed, cancelled };

    const clusterRoles: KindClient<V1ClusterRole> = {
      kind: 'ClusterRole',
      read: (name) => rbac.readClusterRole({ name }),
      create: (body) => rbac.createClusterRole({ body }),
      replace: (name, _namespace, body) => rbac.replaceClusterRole({ name, body }),
      remove: (name, _namespace, uid) => rbac.deleteClusterRole({ name, body: { preconditions: { uid } } }),
      drift: clusterRoleDrift,
      update: clusterRoleUpdate,
    };
    const clusterRoleBindings: KindClient<V1ClusterRoleBinding> = {
      kind: 'ClusterRoleBinding',
      read: (name) => rbac.readClusterRoleBinding({ name }),
      create: (body) => rbac.createClusterRoleBinding({ body }),
      replace: (name, _namespace, body) => rbac.replaceClusterRoleBinding({ name, body }),
      remove: (name, _namespace, uid) => rbac.deleteClusterRoleBinding({ name, body: { preconditions: { uid } } }),
      drift: bindingDrift,
      update: bindingUpdate,
    };
    const roleBindings: KindClient<V1RoleBinding> = {
      kind: 'RoleBinding',
      read: (name, namespace) => rbac.readNamespacedRoleBinding({ name, namespace }),
      create: (body) => rbac.createNamespacedRoleBinding({ namespace: body.metadata?.namespace ?? '', body }),
      replace: (name, namespace, body) => rbac.replaceNamespacedRoleBinding({ name, namespace, body }),
      remove: (name, namespace, uid) =>
        rbac.deleteNamespacedRoleBinding({ name, namespace, body: { preconditions: { uid } } }),
      drift: bindingDrift,
      update: bindingUpdate,
    };

    // Roles before the bindings that refer to them, and bindings removed before their roles, so
    // that no binding points at a missing role for longer than it must.
    const roles = await applyKind(context, clusterRoles, desired.clusterRoles, liveRoles);
    // A ClusterRole of ours that someone else made first holds whatever they put in it: granting
    // through it would hand out rights Bokujo never decided on.
    const grantable = (binding: V1ClusterRoleBinding | V1RoleBinding) => !roles.foreign.has(binding.roleRef.name);
    for (const name of roles.foreign) {
      report.warnings.push(`bindings to ClusterRole ${name} withheld: it exists without the label ${rbacSelector}`);
    }
    const clusterBindings = await applyKind(
      context,
      clusterRoleBindings,
      desired.clusterRoleBindings.filter(grantable),
      liveClusterBindings,
    );
    const bindings = await applyKind(
      context,
      roleBindings,
      desired.roleBindings.filter(grantable),
      liveBindings.filter((binding) => !terminating.has(binding.metadata?.namespace)),
    );
    await removeAll(context, roleBindings, bindings.extra);
    await removeAll(context, clusterRoleBindings, clusterBindings.extra);
    await removeAll(context, clusterRoles, roles.extra);

    report.durationMs = Math.round(performance.now() - startedAt);
    this.#logReport(report, entry);
    return report;
  }

  #logReport(report: ReconcileReport, entry: ClusterEntry): void {
    const { clusterId, created, updated, deleted, unchanged, errors, durationMs } = report;
    const counts = { clusterId, created, updated, deleted, unchanged, errors: errors.length, durationMs };
    if (errors.length > 0) this.#log.warn({ ...counts, failures: errors }, 'rbac reconciler: some objects failed');
    else if (created + updated + deleted > 0) this.#log.info(counts, 'rbac reconciler: cluster RBAC updated');
    else this.#log.debug(counts, 'rbac reconciler: cluster RBAC in sync');
    const warnings = JSON.stringify(report.warnings);
    if (warnings !== (entry.lastWarnings ?? '[]')) {
      if (report.warnings.length > 0) {
        this.#log.warn({ clusterId, warnings: report.warnings }, 'rbac reconciler: some members get no bindings');
      }
      entry.lastWarnings = warnings;
    }
  }
}

/** What the watches look at: every namespace (project membership is a label), and Bokujo's RBAC. */
const watchedResources: { resource: WatchedResource; listVersion: (kubeConfig: KubeConfig) => Promise<string> }[] = [
  {
    resource: { name: 'namespaces', path: '/api/v1/namespaces' },
    listVersion: async (config) => versionOf(await config.makeApiClient(CoreV1Api).listNamespace({ limit: 1 })),
  },
  {
    resource: {
      name: 'clusterroles',
      path: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      labelSelector: rbacSelector,
    },
    listVersion: async (config) =>
      versionOf(
        await config.makeApiClient(RbacAuthorizationV1Api).listClusterRole({ limit: 1, labelSelector: rbacSelector }),
      ),
  },
  {
    resource: {
      name: 'clusterrolebindings',
      path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      labelSelector: rbacSelector,
    },
    listVersion: async (config) =>
      versionOf(
        await config
          .makeApiClient(RbacAuthorizationV1Api)
          .listClusterRoleBinding({ limit: 1, labelSelector: rbacSelector }),
      ),
  },
  {
    resource: {
      name: 'rolebindings',
      path: '/apis/rbac.authorization.k8s.io/v1/rolebindings',
      labelSelector: rbacSelector,
    },
    listVersion: async (config) =>
      versionOf(
        await config
          .makeApiClient(RbacAuthorizationV1Api)
          .listRoleBindingForAllNamespaces({ limit: 1, labelSelector: rbacSelector }),
      ),
  },
];

function versionOf(list: { metadata?: { resourceVersion?: string } }): string {
  const version = list.metadata?.resourceVersion;
  if (!version) throw new Error('the list has no resourceVersion to watch from');
  return version;
}

interface Page {
  limit: number;
  _continue?: string;
}

async function listAll<T>(
  fetchPage: (page: Page) => Promise<{ items: T[]; metadata?: { _continue?: string } }>,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const page = await fetchPage({ limit: listPageSize, ...(next ? { _continue: next } : {}) });
    items.push(...page.items);
    next = page.metadata?._continue || undefined;
  } while (next);
  return items;
}

/** An owner reference to ClusterRole `bokujo` when it exists and is Bokujo's. */
async function identityOwner(
  rbac: RbacAuthorizationV1Api,
  timed: <T>(promise: Promise<T>, what: string) => Promise<T>,
): Promise<V1OwnerReference | undefined> {
  try {
    const role = await timed(rbac.readClusterRole({ name: identityClusterRole }), 'reading ClusterRole bokujo');
    if (role.metadata?.labels?.[managedByLabel] !== 'bokujo' || !role.metadata.uid) return undefined;
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      name: identityClusterRole,
      uid: role.metadata.uid,
    };
  } catch (error) {
    if (kubeStatusCode(error) === 404) return undefined;
    throw error;
  }
}

function isTerminating(namespace: V1Namespace) {
  return Boolean(namespace.metadata?.deletionTimestamp) || namespace.status?.phase === 'Terminating';
}

type RbacObject = { metadata?: V1ObjectMeta };

interface KindClient<T extends RbacObject> {
  kind: RbacKind;
  read: (name: string, namespace: string) => Promise<T>;
  create: (body: T) => Promise<T>;
  replace: (name: string, namespace: string, body: T) => Promise<T>;
  remove: (name: string, namespace: string, uid: string | undefined) => Promise<unknown>;
  drift: (desired: T, live: T, owner?: V1OwnerReference) => Drift;
  update: (desired: T, live: T, owner?: V1OwnerReference) => T;
}

interface ApplyContext {
  report: ReconcileReport;
  owner: V1OwnerReference | undefined;
  timed: <T>(promise: Promise<T>, what: string) => Promise<T>;
  /** True once this replica stopped leading: no further write may start. */
  cancelled: () => boolean;
}

/** A reconcile stopped between two writes because this replica no longer leads (or is stopping). */
export class ReconcileCancelled extends Error {
  override name = 'ReconcileCancelled';
}

const keyOf = (object: RbacObject) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

/**
 * Creates what is missing and repairs what drifted. Returns the live objects nobody wants any
 * more, and the names of desired objects that exist without Bokujo's label (left alone).
 */
async function applyKind<T extends RbacObject>(
  context: ApplyContext,
  client: KindClient<T>,
  desired: T[],
  live: T[],
): Promise<{ extra: T[]; foreign: Set<string> }> {
  const liveByKey = new Map(live.map((object) => [keyOf(object), object]));
  const foreign = new Set<string>();
  await forEachLimited(context, desired, async (object) => {
    const current = liveByKey.get(keyOf(object));
    liveByKey.delete(keyOf(object));
    if ((await applyOne(context, client, object, current)) === 'foreign') foreign.add(object.metadata?.name ?? '');
  });
  return { extra: [...liveByKey.values()], foreign };
}

class ForeignObjectError extends Error {
  override name = 'ForeignObjectError';
}

async function applyOne<T extends RbacObject>(
  context: ApplyContext,
  client: KindClient<T>,
  desired: T,
  live: T | undefined,
): Promise<'done' | 'foreign' | 'failed'> {
  const { report, owner, timed } = context;
  const name = desired.metadata?.name ?? '';
  const namespace = desired.metadata?.namespace ?? '';
  const describe = `${client.kind} ${namespace ? `${namespace}/` : ''}${name}`;
  let action: ReconcileError['action'] = 'create';
  try {
    if (!live) {
      try {
        await timed(client.create(withOwner(desired, owner)), `creating ${describe}`);
        report.created += 1;
        return 'done';
      } catch (error) {
        if (kubeStatusCode(error) !== 409) throw error;
      }
      // Exists after all: made since the list (another Bokujo replica), or someone else's object
      // with our name, which is not ours to change.
      live = await timed(client.read(name, namespace), `reading ${describe}`);
      if (live.metadata?.labels?.[rbacLabel] !== 'true') {
        throw new ForeignObjectError(`${describe} exists without the label ${rbacSelector}; Bokujo leaves it alone`);
      }
    }
    const drift = client.drift(desired, live, owner);
    if (drift.kind === 'none') {
      report.unchanged += 1;
      return 'done';
    }
    if (drift.kind === 'recreate') {
      action = 'delete';
      await timed(client.remove(name, namespace, live.metadata?.uid), `deleting ${describe}`);
      action = 'create';
      await timed(client.create(withOwner(desired, owner)), `creating ${describe}`);
    } else {
      action = 'update';
      await timed(client.replace(name, namespace, client.update(desired, live, owner)), `updating ${describe}`);
    }
    report.updated += 1;
    return 'done';
  } catch (error) {
    report.errors.push(failure(action, client.kind, name, namespace, error));
    return error instanceof ForeignObjectError ? 'foreign' : 'failed';
  }
}

async function removeAll<T extends RbacObject>(context: ApplyContext, client: KindClient<T>, extra: T[]) {
  await forEachLimited(context, extra, async (object) => {
    const name = object.metadata?.name ?? '';
    const namespace = object.metadata?.namespace ?? '';
    try {
      await context.timed(client.remove(name, namespace, object.metadata?.uid), `deleting ${client.kind} ${name}`);
      context.report.deleted += 1;
    } catch (error) {
      // Gone already, or replaced by a new object since the list (the uid precondition): either
      // way the next reconcile sees the truth.
      const status = kubeStatusCode(error);
      if (status === 404 || status === 409) return;
      context.report.errors.push(failure('delete', client.kind, name, namespace, error));
    }
  });
}

async function forEachLimited<T>(context: ApplyContext, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (context.cancelled())
        throw new ReconcileCancelled('the reconcile was cancelled: this replica no longer leads');
      await work(items[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(writeConcurrency, items.length) }, worker));
}

function failure(
  action: ReconcileError['action'],
  kind: RbacKind,
  name: string,
  namespace: string,
  error: unknown,
): ReconcileError {
  const status = kubeStatusCode(error);
  return {
    action,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    ...(status !== undefined ? { status } : {}),
    message: messageOf(error),
  };
}

/** The cluster's own explanation (the Status message), not client-node's dump of headers and body. */
function messageOf(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    let parsed: unknown = body;
    if (typeof body === 'string') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
    }
    const message = (parsed as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' ? message : `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}
