import { setTimeout as delay } from 'node:timers/promises';
import {
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  type V1ClusterRole,
  type V1ClusterRoleBinding,
} from '@kubernetes/client-node';
import { kubeStatusCode } from './kube-errors.ts';

export const bokujoNamespace = 'bokujo-system';
export const bokujoServiceAccount = 'bokujo';
const tokenSecretName = 'bokujo-token';
const clusterRoleName = 'bokujo';
/** Bokujo's Administrators (group `bokujo:admins` when impersonated) are cluster-admin everywhere. */
const adminBindingName = 'bokujo-administrators';
const managedBy = { 'app.kubernetes.io/managed-by': 'bokujo' };

/**
 * What Bokujo's own identity may do. Impersonation is how every person's call runs as that person;
 * RBAC management with `bind` and `escalate` lets Bokujo grant the roles its projects and members
 * need (Kubernetes refuses to grant rights the granter lacks otherwise); reading lets the health
 * checks and the UI's caches work; namespaces are written for projects.
 */
const bokujoRules: V1ClusterRole['rules'] = [
  { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['userextras/*', 'uids'], verbs: ['impersonate'] },
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'bind', 'escalate'],
  },
  {
    apiGroups: [''],
    resources: ['namespaces'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  // Project quotas: each namespace of a project gets the project's per-namespace default.
  {
    apiGroups: [''],
    resources: ['resourcequotas'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'subjectaccessreviews'],
    verbs: ['create'],
  },
  { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
];

/** Steps that undo what an exchange created, so a failure leaves nothing behind. */
type Undo = () => Promise<unknown>;

/**
 * Creates Bokujo's ServiceAccount with its rights and a long-lived token, using the uploaded
 * credential, and returns the token. Anything it created is removed again if a later step fails.
 */
export async function createBokujoIdentity(kubeConfig: KubeConfig, { tokenWaitMs = 20_000 } = {}) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  const undo: Undo[] = [];
  try {
    // Everything else Bokujo creates is owned by its ClusterRole, so that removing Bokujo is
    // one delete: the garbage collector takes the rest. Removing the pieces one by one cannot
    // work, since the first removal takes away the rights the next one needs.
    const owner = await applyClusterRole(
      rbac,
      { metadata: { name: clusterRoleName, labels: managedBy }, rules: bokujoRules },
      undo,
    );
    const ownedBy = { labels: managedBy, ownerReferences: [owner] };
    await waitUntilNotTerminating(core, bokujoNamespace, tokenWaitMs);
    if (
      await createIfAbsent(() => core.createNamespace({ body: { metadata: { name: bokujoNamespace, ...ownedBy } } }))
    ) {
      undo.push(() => core.deleteNamespace({ name: bokujoNamespace }));
    }
    await createIfAbsent(() =>
      core.createNamespacedServiceAccount({
        namespace: bokujoNamespace,
        body: { metadata: { name: bokujoServiceAccount, labels: managedBy } },
      }),
    );
    await applyClusterRoleBinding(rbac, {
      metadata: { name: clusterRoleName, ...ownedBy },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRoleName },
      subjects: [{ kind: 'ServiceAccount', name: bokujoServiceAccount, namespace: bokujoNamespace }],
    });
    await applyClusterRoleBinding(rbac, {
      metadata: { name: adminBindingName, ...ownedBy },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bokujo:admins' }],
    });
    // A token Secret rather than a TokenRequest: TokenRequest tokens expire (the apiserver caps
    // their lifetime) and Bokujo must keep working without the uploaded credential.
    await core.deleteNamespacedSecret({ name: tokenSecretName, namespace: bokujoNamespace }).catch(ignoreNotFound);
    await core.createNamespacedSecret({
      namespace: bokujoNamespace,
      body: {
        metadata: {
          name: tokenSecretName,
          labels: managedBy,
          annotations: { 'kubernetes.io/service-account.name': bokujoServiceAccount },
        },
        type: 'kubernetes.io/service-account-token',
      },
    });
    return await waitForToken(core, tokenWaitMs);
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/**
 * Removes what createBokujoIdentity made, with Bokujo's own credential: deleting the owning
 * ClusterRole lets the garbage collector remove the bindings and the namespace (with the
 * ServiceAccount and its token) after it.
 */
export async function removeBokujoIdentity(kubeConfig: KubeConfig) {
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await rbac.deleteClusterRole({ name: clusterRoleName, propagationPolicy: 'Background' }).catch(ignoreNotFound);
}

/**
 * A cluster removed from Bokujo and imported again at once still has its old bokujo-system
 * namespace being deleted; nothing can be created in it until it is gone.
 */
async function waitUntilNotTerminating(core: CoreV1Api, name: string, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let phase: string | undefined;
    try {
      phase = (await core.readNamespace({ name })).status?.phase;
    } catch (error) {
      if (kubeStatusCode(error) === 404) return;
      throw error;
    }
    if (phase !== 'Terminating') return;
    if (Date.now() > deadline) {
      throw new Error(`the namespace ${name} left by an earlier import is still being deleted; try again shortly`);
    }
    await delay(500);
  }
}

async function waitForToken(core: CoreV1Api, waitMs: number) {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const secret = await core.readNamespacedSecret({ name: tokenSecretName, namespace: bokujoNamespace });
    const token = secret.data?.['token'];
    if (token) return Buffer.from(token, 'base64').toString();
    await delay(250);
  }
  throw new Error(
    `the cluster did not issue a token for ServiceAccount ${bokujoNamespace}/${bokujoServiceAccount} within ${waitMs / 1000} s (is kube-controller-manager's token controller running?)`,
  );
}

/** True when this call created the object, false when it already existed. */
async function createIfAbsent(create: () => Promise<unknown>) {
  try {
    await create();
    return true;
  } catch (error) {
    if (kubeStatusCode(error) === 409) return false;
    throw error;
  }
}

/** Creates or updates Bokujo's ClusterRole and returns an owner reference to it. */
async function applyClusterRole(rbac: RbacAuthorizationV1Api, body: V1ClusterRole, undo: Undo[]) {
  const name = body.metadata!.name!;
  let role: V1ClusterRole;
  try {
    role = await rbac.createClusterRole({ body });
    undo.push(() => rbac.deleteClusterRole({ name, propagationPolicy: 'Background' }));
  } catch (error) {
    if (kubeStatusCode(error) !== 409) throw error;
    role = await rbac.replaceClusterRole({ name, body });
  }
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name, uid: role.metadata!.uid! };
}

async function applyClusterRoleBinding(rbac: RbacAuthorizationV1Api, body: V1ClusterRoleBinding) {
  const name = body.metadata!.name!;
  if (!(await createIfAbsent(() => rbac.createClusterRoleBinding({ body })))) {
    // roleRef cannot change in place; recreate.
    await rbac.deleteClusterRoleBinding({ name });
    await rbac.createClusterRoleBinding({ body });
  }
}

function ignoreNotFound(error: unknown) {
  if (kubeStatusCode(error) !== 404) throw error;
}
