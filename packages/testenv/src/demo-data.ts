import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  type V1Deployment,
  type V1Job,
  type V1PersistentVolumeClaim,
  type V1Service,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { waitUntil } from './processes.ts';
import { annotations } from './storage-backends.ts';

/** Label on every demo object, so tests and the UI can tell seeded data from their own. */
export const demoLabel = 'bokujo.test/demo';

const labels = (app: string): Record<string, string> => ({ app, [demoLabel]: 'true' });

function namespace(name: string, team: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [demoLabel]: 'true', team } } };
}

function claim(
  ns: string,
  name: string,
  storageClassName: string,
  size: string,
  accessModes: string[],
  extra: Record<string, string> = {},
): V1PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, labels: { [demoLabel]: 'true' }, annotations: extra },
    spec: { storageClassName, accessModes, resources: { requests: { storage: size } } },
  };
}

function deployment(
  ns: string,
  name: string,
  image: string,
  replicas: number,
  options: { port: number; claim?: string; mountPath?: string },
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: labels(name) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: labels(name) },
        spec: {
          containers: [
            {
              name,
              image,
              ports: [{ containerPort: options.port }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
              ...(options.claim ? { volumeMounts: [{ name: 'data', mountPath: options.mountPath ?? '/data' }] } : {}),
            },
          ],
          ...(options.claim
            ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: options.claim } }] }
            : {}),
        },
      },
    },
  };
}

function service(
  ns: string,
  name: string,
  port: number,
  type: 'ClusterIP' | 'NodePort' | 'Headless' = 'ClusterIP',
): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels: labels(name) },
    spec: {
      selector: { app: name },
      ports: [{ name: 'main', port, targetPort: port }],
      ...(type === 'Headless' ? { clusterIP: 'None' } : { type }),
    },
  };
}

/**
 * The seed whitepaper's walkthrough as running workloads: WordPress and MySQL on ONTAP NAS volumes
 * (with a Trident-style clone of the database volume), a MongoDB replica set whose claim
 * templates land on SolidFire, and a small shop in a third namespace.
 */
export function demoObjects(): KubernetesObject[] {
  const mongo: V1StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'mongodb-replicaset', namespace: 'mongodb', labels: labels('mongodb-replicaset') },
    spec: {
      serviceName: 'mongodb-replicaset',
      replicas: 3,
      selector: { matchLabels: { app: 'mongodb-replicaset' } },
      template: {
        metadata: { labels: labels('mongodb-replicaset') },
        spec: {
          containers: [
            {
              name: 'mongodb',
              image: 'mongo:7.0',
              ports: [{ containerPort: 27017 }],
              volumeMounts: [{ name: 'datadir', mountPath: '/data/db' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'datadir' },
          spec: {
            storageClassName: 'solidfire-gold',
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '10Gi' } },
          },
        },
      ],
    },
  };
  const migration: V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'db-migrate', namespace: 'shop', labels: labels('db-migrate') },
    spec: {
      template: {
        metadata: { labels: labels('db-migrate') },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'migrate', image: 'flyway/flyway:10', args: ['migrate'] }],
        },
      },
    },
  };
  return [
    namespace('wordpress', 'web'),
    namespace('mongodb', 'data'),
    namespace('shop', 'commerce'),
    claim('wordpress', 'mysql-pv-claim', 'ontap-gold', '20Gi', ['ReadWriteOnce'], {
      [annotations.reclaimPolicy]: 'Retain',
    }),
    claim('wordpress', 'wp-pv-claim', 'ontap-gold', '20Gi', ['ReadWriteMany']),
    claim('wordpress', 'mysql-pv-claim-clone', 'ontap-gold', '20Gi', ['ReadWriteOnce'], {
      [annotations.cloneFromPvc]: 'mysql-pv-claim',
    }),
    deployment('wordpress', 'mysql', 'mysql:8.4', 1, {
      port: 3306,
      claim: 'mysql-pv-claim',
      mountPath: '/var/lib/mysql',
    }),
    deployment('wordpress', 'wordpress', 'wordpress:6.6-apache', 2, {
      port: 80,
      claim: 'wp-pv-claim',
      mountPath: '/var/www/html',
    }),
    service('wordpress', 'mysql', 3306),
    service('wordpress', 'wordpress', 80, 'NodePort'),
    mongo,
    service('mongodb', 'mongodb-replicaset', 27017, 'Headless'),
    deployment('shop', 'frontend', 'nginx:1.27', 3, { port: 80 }),
    deployment('shop', 'cart', 'redis:7.4', 2, { port: 6379 }),
    deployment('shop', 'checkout', 'ghcr.io/bokujo/checkout:1.4.2', 1, { port: 8080 }),
    service('shop', 'frontend', 80),
    service('shop', 'cart', 6379),
    service('shop', 'checkout', 8080),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shop-settings', namespace: 'shop', labels: { [demoLabel]: 'true' } },
      data: { currency: 'JPY', locale: 'ja-JP' },
    } as KubernetesObject,
    migration,
  ];
}

/** Events an operator would see besides the ones the controllers record on their own. */
function demoEvents(): CoreV1Event[] {
  const now = new Date();
  const event = (
    ns: string,
    kind: string,
    name: string,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
  ): CoreV1Event => ({
    metadata: { generateName: `${name}.`, namespace: ns },
    involvedObject: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name, namespace: ns },
    type,
    reason,
    message,
    source: { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  });
  return [
    event(
      'wordpress',
      'PersistentVolumeClaim',
      'mysql-pv-claim',
      'Warning',
      'BackupOverdue',
      'last snapshot of mysql-pv-claim is older than 24h',
      'snapshot-scheduler',
    ),
    event(
      'wordpress',
      'Deployment',
      'wordpress',
      'Normal',
      'ConfigReloaded',
      'wp-config.php reloaded from Secret wordpress-keys',
      'config-reloader',
    ),
    event(
      'shop',
      'Deployment',
      'checkout',
      'Warning',
      'HighErrorRate',
      '5xx ratio 3.2% over the last 5m exceeds 1%',
      'slo-monitor',
    ),
  ];
}

/** Creates the demo objects (skipping ones that exist) and waits until they are bound and running. */
export async function seedDemoData(kubeConfig: KubeConfig, options: { timeoutMs: number }): Promise<void> {
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  await waitForServiceAccounts(core, ['wordpress', 'mongodb', 'shop'], objects, options.timeoutMs);
  for (const object of demoObjects().filter((item) => item.kind !== 'Namespace'))
    await ignoreExisting(objects.create(object));
  for (const event of demoEvents())
    await core.createNamespacedEvent({ namespace: event.metadata.namespace ?? 'default', body: event });

  await waitUntil(
    'demo claims Bound and workloads ready',
    async () => {
      const claims = await core.listPersistentVolumeClaimForAllNamespaces({ labelSelector: `${demoLabel}=true` });
      const deployments = await apps.listDeploymentForAllNamespaces({ labelSelector: `${demoLabel}=true` });
      const statefulSets = await apps.listStatefulSetForAllNamespaces({ labelSelector: `${demoLabel}=true` });
      return (
        claims.items.every((item) => item.status?.phase === 'Bound') &&
        deployments.items.every((item) => (item.status?.readyReplicas ?? 0) === item.spec?.replicas) &&
        statefulSets.items.every((item) => (item.status?.readyReplicas ?? 0) === item.spec?.replicas)
      );
    },
    { timeoutMs: options.timeoutMs, intervalMs: 500 },
  );
}

/** Namespaces first, then wait for their `default` ServiceAccount so pod creation is not rejected. */
async function waitForServiceAccounts(
  core: CoreV1Api,
  names: string[],
  objects: KubernetesObjectApi,
  timeoutMs: number,
): Promise<void> {
  for (const object of demoObjects().filter((item) => item.kind === 'Namespace'))
    await ignoreExisting(objects.create(object));
  await waitUntil(
    'default ServiceAccounts in the demo namespaces',
    async () => {
      await Promise.all(names.map((ns) => core.readNamespacedServiceAccount({ name: 'default', namespace: ns })));
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
