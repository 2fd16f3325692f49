import { builtInRoleTemplates } from '@bokujo/shared';
import { type Cluster } from '@bokujo/testenv';
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  type V1ResourceAttributes,
  type V1RoleBinding,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../../test/testenv-clusters.ts';
import { kubernetesIdentity } from '../auth/principal.ts';
import { createBokujoIdentity } from '../clusters/bokujo-identity.ts';
import { kubeStatusCode } from '../clusters/kube-errors.ts';
import { kubeConfigFor } from '../clusters/kube-config.ts';
import { type ClusterAccessModel, rbacSelector } from './desired-rbac.ts';
import { RbacReconciler, type RbacReconcilerLog } from './rbac-reconciler.ts';

const clusterId = 'c-rbac';
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Polls until `probe` holds; returns how long that took, so tests can say "within seconds". */
async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const startedAt = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return Date.now() - startedAt;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - startedAt > timeoutMs) {
      throw new Error(`timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
    }
    await sleep(100);
  }
}

async function statusOf(request: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await request;
    return 'ok';
  } catch (error) {
    const status = kubeStatusCode(error);
    if (status === undefined) throw error;
    return status;
  }
}

describe('RbacReconciler against a real cluster', () => {
  let cluster: Cluster;
  let admin: KubeConfig;
  let core: CoreV1Api;
  let rbac: RbacAuthorizationV1Api;
  let authz: AuthorizationV1Api;
  let reconciler: RbacReconciler;
  const logs: { level: string; message: string; details: object }[] = [];
  let loads = 0;

  // The store as the reconciler sees it; tests change it and call trigger(), as the member
  // routes will.
  const model: ClusterAccessModel = {
    templates: [...builtInRoleTemplates],
    clusterMembers: [
      { subject: { kind: 'user', name: 'erin' }, templateId: 'cluster-owner' },
      { subject: { kind: 'group', name: 'auditors' }, templateId: 'view-all-projects' },
    ],
    projectMembers: [
      { projectId: 'p-shop', subject: { kind: 'user', name: 'alice' }, templateId: 'project-member' },
      { projectId: 'p-shop', subject: { kind: 'user', name: 'dave' }, templateId: 'read-only' },
      { projectId: 'p-billing', subject: { kind: 'user', name: 'carol' }, templateId: 'project-member' },
    ],
  };

  /** What Bokujo made at import and a person made by hand: never to be changed by the reconciler. */
  const untouchable: { kind: 'ClusterRole' | 'ClusterRoleBinding' | 'RoleBinding'; name: string; version?: string }[] =
    [
      { kind: 'ClusterRole', name: 'bokujo' },
      { kind: 'ClusterRoleBinding', name: 'bokujo' },
      { kind: 'ClusterRoleBinding', name: 'bokujo-administrators' },
      // Named like the reconciler's own role for the Manage Volumes template, but not labelled.
      { kind: 'ClusterRole', name: 'bokujo:manage-volumes' },
      // Labelled as Bokujo's, but without the reconciler's own label.
      { kind: 'RoleBinding', name: 'hand-made' },
    ];
  const versionOf = async (object: (typeof untouchable)[number]) => {
    const read =
      object.kind === 'ClusterRole'
        ? rbac.readClusterRole({ name: object.name })
        : object.kind === 'ClusterRoleBinding'
          ? rbac.readClusterRoleBinding({ name: object.name })
          : rbac.readNamespacedRoleBinding({ name: object.name, namespace: 'shop' });
    return (await read).metadata?.resourceVersion;
  };

  /** A SubjectAccessReview for the Kubernetes identity Bokujo impersonates for this person. */
  async function can(username: string, attributes: V1ResourceAttributes, groups: string[] = []) {
    const identity = kubernetesIdentity({ username, groups });
    const review = await authz.createSubjectAccessReview({
      body: { spec: { user: identity.user, groups: identity.groups, resourceAttributes: attributes } },
    });
    return review.status?.allowed === true;
  }

  /** The admin credential impersonating `bokujo:<username>`, as Bokujo's proxy calls the cluster. */
  function actingAs(username: string): KubeConfig {
    const config = new KubeConfig();
    const user = admin.getCurrentUser()!;
    const target = admin.getCurrentCluster()!;
    config.loadFromOptions({
      clusters: [target],
      users: [{ ...user, impersonateUser: kubernetesIdentity({ username, groups: [] }).user }],
      contexts: [{ name: 'as', cluster: target.name, user: user.name }],
      currentContext: 'as',
    });
    return config;
  }

  /** Watches open on the apiserver for the kinds the reconciler watches, whoever holds them. */
  let baselineWatches = 0;
  const watchCount = async () => {
    const { stdout } = await cluster.kubectl(['get', '--raw', '/metrics']);
    let total = 0;
    for (const line of stdout.split('\n')) {
      if (
        line.startsWith('apiserver_longrunning_requests{') &&
        line.includes('verb="WATCH"') &&
        /resource="(namespaces|clusterroles|clusterrolebindings|rolebindings)"/.test(line)
      ) {
        total += Number(line.slice(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  };

  const bindingsIn = async (namespace: string) =>
    (await rbac.listNamespacedRoleBinding({ namespace, labelSelector: rbacSelector })).items;
  const subjectsOf = (bindings: V1RoleBinding[]) =>
    bindings.flatMap((binding) => (binding.subjects ?? []).map((subject) => subject.name)).sort();

  const createNamespace = (name: string, project?: string) =>
    core.createNamespace({
      body: { metadata: { name, ...(project ? { labels: { 'bokujo.io/project': project } } : {}) } },
    });

  const relabel = (name: string, project: string | null) =>
    core.patchNamespace(
      { name, body: { metadata: { labels: { 'bokujo.io/project': project } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

  const deployment = (name: string) => ({
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });

  beforeAll(async () => {
    cluster = await startTestCluster('rbac-reconciler');
    admin = cluster.kubeConfig;
    core = admin.makeApiClient(CoreV1Api);
    rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    authz = admin.makeApiClient(AuthorizationV1Api);

    // The cluster as an import leaves it: Bokujo's ServiceAccount, ClusterRole and bindings. The
    // reconciler runs with that ServiceAccount's token, as it will in the server.
    const token = await createBokujoIdentity(admin);
    const pem = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
    const bokujo = kubeConfigFor({
      clusterId,
      server: cluster.server,
      caData: pem(admin.getCurrentCluster()?.caData),
      insecureSkipTlsVerify: false,
      credential: { kind: 'token', token },
    });

    await Promise.all([
      createNamespace('shop', 'p-shop'),
      createNamespace('billing', 'p-billing'),
      createNamespace('loose'),
    ]);
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'bokujo:manage-volumes' },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'shop',
      body: {
        metadata: { name: 'hand-made', labels: { 'app.kubernetes.io/managed-by': 'bokujo' } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bokujo:henry' }],
      },
    });
    for (const object of untouchable) object.version = await versionOf(object);

    const log = (level: string) => (details: object, message: string) => logs.push({ level, message, details });
    const reconcilerLog: RbacReconcilerLog = {
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
    };
    reconciler = new RbacReconciler({
      loadModel: async (id) => {
        expect(id).toBe(clusterId);
        loads += 1;
        return structuredClone(model);
      },
      kubeConfig: async () => bokujo,
      log: reconcilerLog,
      // Long enough that every repair below must come from the watches, not from a resync.
      resyncMs: 600_000,
      debounceMs: 50,
      // The server ends every watch after 2 s, so that all but the first checks below run on
      // watches the reconciler has opened again.
      watchTimeoutSeconds: 2,
    });
    baselineWatches = await watchCount();
    reconciler.watch(clusterId);
  });

  afterAll(async () => {
    await reconciler?.stop();
    await cluster?.stop();
  });

  it('lets a project member create a Deployment in the project and refuses it in another project', async () => {
    await eventually('alice may create Deployments in shop', () =>
      can('alice', { namespace: 'shop', verb: 'create', group: 'apps', resource: 'deployments' }),
    );
    const apps = actingAs('alice').makeApiClient(AppsV1Api);
    expect(await statusOf(apps.createNamespacedDeployment({ namespace: 'shop', body: deployment('web') }))).toBe('ok');
    expect(await statusOf(apps.createNamespacedDeployment({ namespace: 'billing', body: deployment('web') }))).toBe(
      403,
    );
    expect(await statusOf(apps.createNamespacedDeployment({ namespace: 'loose', body: deployment('web') }))).toBe(403);
    // Cluster-wide she has the project basics (StorageClasses) and nothing more.
    const asAlice = actingAs('alice').makeApiClient(CoreV1Api);
    expect(await statusOf(actingAs('alice').makeApiClient(RbacAuthorizationV1Api).listClusterRole())).toBe(403);
    expect(await statusOf(asAlice.listNamespace())).toBe(403);
    expect(await can('alice', { verb: 'list', group: 'storage.k8s.io', resource: 'storageclasses' })).toBe(true);
  });

  it('lets Read-only list but not create', async () => {
    await eventually('dave may list pods in shop', () =>
      can('dave', { namespace: 'shop', verb: 'list', resource: 'pods' }),
    );
    const asDave = actingAs('dave').makeApiClient(CoreV1Api);
    expect(await statusOf(asDave.listNamespacedPod({ namespace: 'shop' }))).toBe('ok');
    expect(await statusOf(asDave.listNamespacedPod({ namespace: 'billing' }))).toBe(403);
    expect(
      await statusOf(asDave.createNamespacedConfigMap({ namespace: 'shop', body: { metadata: { name: 'nope' } } })),
    ).toBe(403);
    expect(
      await statusOf(
        actingAs('dave')
          .makeApiClient(AppsV1Api)
          .createNamespacedDeployment({ namespace: 'shop', body: deployment('nope') }),
      ),
    ).toBe(403);
  });

  it('makes a Cluster Owner able to do anything, and binds groups', async () => {
    await eventually('erin may do anything', () => can('erin', { verb: '*', group: '*', resource: '*' }));
    const asErin = actingAs('erin').makeApiClient(CoreV1Api);
    expect(await statusOf(asErin.createNamespace({ body: { metadata: { name: 'erins' } } }))).toBe('ok');
    expect(await statusOf(asErin.deleteNamespace({ name: 'erins' }))).toBe('ok');
    expect(await statusOf(asErin.listNode())).toBe('ok');

    // View All Projects, through group `bokujo:auditors`: reads every namespace, writes none.
    await eventually('auditors may list pods everywhere', () =>
      can('frank', { namespace: 'billing', verb: 'list', resource: 'pods' }, ['auditors']),
    );
    expect(await can('frank', { namespace: 'loose', verb: 'list', resource: 'pods' }, ['auditors'])).toBe(true);
    expect(await can('frank', { namespace: 'loose', verb: 'create', resource: 'pods' }, ['auditors'])).toBe(false);
    expect(await can('frank', { namespace: 'loose', verb: 'list', resource: 'pods' })).toBe(false);
  });

  it('labels and names what it makes, owned by the bokujo ClusterRole', async () => {
    const owner = await rbac.readClusterRole({ name: 'bokujo' });
    const [binding] = (await bindingsIn('billing')).filter((b) => b.subjects?.[0]?.name === 'bokujo:carol');
    expect(binding).toBeDefined();
    expect(binding!.metadata!.name).toMatch(/^bokujo-rb-[0-9a-f]{32}$/);
    expect(binding!.metadata!.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'bokujo',
      'bokujo.io/rbac': 'true',
      'bokujo.io/subject-kind': 'user',
      'bokujo.io/role-template': 'project-member',
      'bokujo.io/project': 'p-billing',
    });
    expect(binding!.metadata!.annotations).toMatchObject({ 'bokujo.io/subject': 'carol' });
    expect(binding!.metadata!.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'ClusterRole', name: 'bokujo', uid: owner.metadata!.uid }),
    ]);
    const role = await rbac.readClusterRole({ name: 'bokujo:project-member' });
    expect(role.aggregationRule).toBeDefined();
    // The aggregation controller filled it from `edit`.
    expect(role.rules?.length ?? 0).toBeGreaterThan(0);
  });

  it('binds a namespace created later with the project label within seconds (watch-driven)', async () => {
    await createNamespace('shop-2', 'p-shop');
    const took = await eventually('alice may create Deployments in shop-2', () =>
      can('alice', { namespace: 'shop-2', verb: 'create', group: 'apps', resource: 'deployments' }),
    );
    expect(took).toBeLessThan(5_000);
    expect(subjectsOf(await bindingsIn('shop-2'))).toEqual(['bokujo:alice', 'bokujo:dave']);
  });

  it('moves the bindings when a namespace is relabelled into another project', async () => {
    await relabel('shop-2', 'p-billing');
    await eventually('shop-2 bound for billing members only', async () => {
      const subjects = subjectsOf(await bindingsIn('shop-2'));
      return subjects.length === 1 && subjects[0] === 'bokujo:carol';
    });
    expect(await can('alice', { namespace: 'shop-2', verb: 'create', group: 'apps', resource: 'deployments' })).toBe(
      false,
    );
    expect(await can('carol', { namespace: 'shop-2', verb: 'create', group: 'apps', resource: 'deployments' })).toBe(
      true,
    );

    // Out of every project: no bindings at all.
    await relabel('shop-2', null);
    await eventually('shop-2 without bindings', async () => (await bindingsIn('shop-2')).length === 0);
  });

  it('repairs a binding deleted by hand, and a deleted ClusterRole, within seconds', async () => {
    const [binding] = (await bindingsIn('shop')).filter((b) => b.subjects?.[0]?.name === 'bokujo:alice');
    const { name, uid } = binding!.metadata!;
    await rbac.deleteNamespacedRoleBinding({ name: name!, namespace: 'shop' });
    const took = await eventually('the binding is back', async () => {
      const again = await rbac.readNamespacedRoleBinding({ name: name!, namespace: 'shop' });
      return again.metadata?.uid !== uid;
    });
    expect(took).toBeLessThan(5_000);

    const role = await rbac.readClusterRole({ name: 'bokujo:read-only' });
    await rbac.deleteClusterRole({ name: 'bokujo:read-only' });
    await eventually('the role is back', async () => {
      const again = await rbac.readClusterRole({ name: 'bokujo:read-only' });
      return again.metadata?.uid !== role.metadata?.uid;
    });
    await eventually('dave can read again', () => can('dave', { namespace: 'shop', verb: 'list', resource: 'pods' }));
  });

  it('repairs edited subjects, roleRef and rules', async () => {
    const [binding] = (await bindingsIn('shop')).filter((b) => b.subjects?.[0]?.name === 'bokujo:dave');
    const name = binding!.metadata!.name!;
    await rbac.replaceNamespacedRoleBinding({
      name,
      namespace: 'shop',
      body: { ...binding!, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }] },
    });
    await eventually(
      'the subjects are back',
      async () =>
        subjectsOf([await rbac.readNamespacedRoleBinding({ name, namespace: 'shop' })]).join() === 'bokujo:dave',
    );
    expect(await can('mallory', { namespace: 'shop', verb: 'list', resource: 'pods' })).toBe(false);

    // roleRef cannot change in place: someone recreates the binding pointing at cluster-admin.
    await rbac.deleteNamespacedRoleBinding({ name, namespace: 'shop' });
    await rbac
      .createNamespacedRoleBinding({
        namespace: 'shop',
        body: {
          metadata: { name, labels: binding!.metadata!.labels! },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: binding!.subjects!,
        },
      })
      .catch((error: unknown) => {
        // The reconciler may have recreated it first, after the delete; then replace it.
        if (kubeStatusCode(error) !== 409) throw error;
      });
    await eventually('the roleRef is back', async () => {
      const again = await rbac.readNamespacedRoleBinding({ name, namespace: 'shop' });
      return again.roleRef.name === 'bokujo:read-only';
    });

    const role = await rbac.readClusterRole({ name: 'bokujo:cluster-owner' });
    await rbac.replaceClusterRole({
      name: 'bokujo:cluster-owner',
      body: { ...role, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    });
    await eventually('the rules are back', async () => {
      const again = await rbac.readClusterRole({ name: 'bokujo:cluster-owner' });
      return again.rules?.[0]?.resources?.[0] === '*';
    });
  });

  it('removes the bindings of a removed member within seconds of a trigger', async () => {
    model.projectMembers = model.projectMembers.filter((member) => member.subject.name !== 'alice');
    reconciler.trigger(clusterId);
    const took = await eventually(
      'alice may no longer create in shop',
      async () => !(await can('alice', { namespace: 'shop', verb: 'create', group: 'apps', resource: 'deployments' })),
    );
    expect(took).toBeLessThan(5_000);
    expect(subjectsOf(await bindingsIn('shop'))).toEqual(['bokujo:dave']);
    const crbs = await rbac.listClusterRoleBinding({ labelSelector: rbacSelector });
    expect(crbs.items.flatMap((b) => b.subjects ?? []).map((s) => s.name)).not.toContain('bokujo:alice');
    expect(await can('alice', { verb: 'list', group: 'storage.k8s.io', resource: 'storageclasses' })).toBe(false);
    // carol still holds Project Member in billing: the role stays.
    expect(await statusOf(rbac.readClusterRole({ name: 'bokujo:project-member' }))).toBe('ok');
  });

  it('reports a ClusterRole it does not own, and grants nothing through it', async () => {
    model.projectMembers.push({
      projectId: 'p-shop',
      subject: { kind: 'user', name: 'gina' },
      templateId: 'manage-volumes',
    });
    const report = await reconciler.reconcileNow(clusterId);
    expect(report.errors).toEqual([
      expect.objectContaining({ action: 'create', kind: 'ClusterRole', name: 'bokujo:manage-volumes' }),
    ]);
    expect(report.warnings.join()).toContain('bokujo:manage-volumes');
    expect(subjectsOf(await bindingsIn('shop'))).not.toContain('bokujo:gina');
    expect(await can('gina', { namespace: 'shop', verb: 'get', resource: 'secrets' })).toBe(false);

    model.projectMembers = model.projectMembers.filter((member) => member.subject.name !== 'gina');
    const clean = await reconciler.reconcileNow(clusterId);
    expect(clean.errors).toEqual([]);
  });

  it('settles: once in sync a reconcile changes nothing, and concurrent requests share one run', async () => {
    // A namespace an earlier test deleted may still be terminating; its final removal is a real
    // change that rightly starts a reconcile, so the quiet period is measured after it.
    await eventually('no namespace still terminating', async () =>
      (await core.listNamespace()).items.every((namespace) => !namespace.metadata?.deletionTimestamp),
    );
    await sleep(500);
    const first = reconciler.reconcileNow(clusterId);
    const second = reconciler.reconcileNow(clusterId);
    const third = reconciler.reconcileNow(clusterId);
    expect(third).toBe(second);
    const [a, b] = await Promise.all([first, second]);
    for (const report of [a, b]) {
      expect(report).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: [] });
      expect(report.unchanged).toBeGreaterThan(5);
    }
    // No reconcile chases its own writes or the aggregation controller's.
    const before = loads;
    await sleep(1_500);
    expect(loads).toBe(before);
  });

  it('never touches objects without its label', async () => {
    for (const object of untouchable)
      expect(await versionOf(object), `${object.kind} ${object.name}`).toBe(object.version);
    const handMade = await rbac.readNamespacedRoleBinding({ name: 'hand-made', namespace: 'shop' });
    expect(handMade.subjects?.[0]?.name).toBe('bokujo:henry');
  });

  it('leaves no watch open after stop() and refuses work afterwards', async () => {
    expect(reconciler.watchedClusters).toEqual([clusterId]);
    // Between two watches a loop may be reconnecting for a moment.
    await eventually('four watches open', async () => reconciler.openWatches === 4);
    await eventually('the apiserver sees them', async () => (await watchCount()) === baselineWatches + 4);
    await reconciler.stop();
    expect(reconciler.openWatches).toBe(0);
    expect(reconciler.watchedClusters).toEqual([]);
    await eventually('the apiserver sees only its own watches', async () => (await watchCount()) === baselineWatches);
    await expect(reconciler.reconcileNow(clusterId)).rejects.toThrow(/stopped/);
    const loadsAfterStop = loads;
    reconciler.trigger(clusterId);
    await core.createNamespace({
      body: { metadata: { name: 'after-stop', labels: { 'bokujo.io/project': 'p-shop' } } },
    });
    await sleep(500);
    expect(loads).toBe(loadsAfterStop);
    expect(await bindingsIn('after-stop')).toEqual([]);
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
