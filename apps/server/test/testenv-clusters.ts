import { readFileSync } from 'node:fs';
import { CoreV1Api, type KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { type Cluster, startCluster } from '@bokujo/testenv';
import { stringify } from 'yaml';

/** A real cluster for a test file, stopped after it; several files may each have their own. */
export async function startTestCluster(name: string, nodes = 1): Promise<Cluster> {
  return startCluster({ name: `${name}-${process.pid}`, nodes });
}

/** The admin kubeconfig as a person would upload it: the file's text, credentials inline. */
export function adminKubeconfigText(cluster: Cluster) {
  return readFileSync(cluster.kubeconfigPath, 'utf8');
}

/** A kubeconfig text with a bearer token for `cluster`, trusting its CA. */
export function tokenKubeconfigText(cluster: Cluster, token: string, contextName = 'uploaded') {
  const caData = cluster.kubeConfig.getCurrentCluster()?.caData;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: cluster.server, 'certificate-authority-data': caData } }],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: contextName, context: { cluster: 'c', user: 'u' } }],
    'current-context': contextName,
  });
}

/** A ServiceAccount bound to cluster-admin and a token for it, as a platform admin would make. */
export async function clusterAdminToken(kubeConfig: KubeConfig, name: string) {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const rbac = kubeConfig.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name } } });
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
    },
  });
  const request = await core.createNamespacedServiceAccountToken({
    name,
    namespace: 'default',
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error(`no token issued for ServiceAccount default/${name}`);
  return token;
}
