import {
  ApiException,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  StorageV1Api,
  type V1ClusterRoleBinding,
} from '@kubernetes/client-node';
import { kwokNodes } from './kwok-config.ts';
import { waitUntil } from './processes.ts';
import { seedStorageClasses } from './storage-backends.ts';

/** The group bound to the built-in `view` ClusterRole at start; bob is in it. */
export const viewersGroup = 'bokujo:viewers';

/** Creates the simulated nodes, the seed StorageClasses and the viewers binding. Idempotent. */
export async function seedCluster(kubeConfig: KubeConfig, nodes: number): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const storage = kubeConfig.makeApiClient(StorageV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  for (const node of kwokNodes(nodes)) await ignoreExisting(core.createNode({ body: node }));
  for (const storageClass of seedStorageClasses)
    await ignoreExisting(storage.createStorageClass({ body: storageClass }));
  const viewers: V1ClusterRoleBinding = {
    metadata: { name: 'bokujo-testenv-viewers', labels: { 'app.kubernetes.io/managed-by': 'bokujo-testenv' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: viewersGroup }],
  };
  await ignoreExisting(rbac.createClusterRoleBinding({ body: viewers }));
}

/**
 * Ready means a pod created now would run: every simulated node reports Ready (kwok is managing
 * them) and the controller-manager has created the `default` ServiceAccount, without which the
 * ServiceAccount admission plugin rejects pods in `default`.
 */
export async function waitForClusterReady(kubeConfig: KubeConfig, nodes: number, timeoutMs: number): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  await waitUntil(
    `${nodes} Ready node(s)`,
    async () => {
      const list = await core.listNode();
      const ready = list.items.filter((node) =>
        node.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True'),
      );
      return ready.length >= nodes;
    },
    { timeoutMs, intervalMs: 250 },
  );
  await waitUntil(
    'the default ServiceAccount in namespace default',
    async () => {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
      return true;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

async function ignoreExisting(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 409)) throw error;
  }
}
