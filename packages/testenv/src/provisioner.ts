import { cp, mkdir, rm } from 'node:fs/promises';
import {
  ApiException,
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  makeInformer,
  StorageV1Api,
  type Informer,
  type KubernetesObject,
  type V1PersistentVolume,
  type V1PersistentVolumeClaim,
} from '@kubernetes/client-node';
import {
  annotations,
  backendFor,
  backends,
  buildPersistentVolume,
  cloneSourceName,
  type CloneSource,
  ProvisioningError,
} from './storage-backends.ts';

export interface ProvisionerOptions {
  kubeConfig: KubeConfig;
  /** Folder under which each volume gets its own folder. */
  volumesDir: string;
  log?: (line: string) => void;
}

export interface Provisioner {
  stop(): Promise<void>;
}

const maxRetryDelayMs = 30_000;

/**
 * A dynamic provisioner for both simulated backends, in the style of the external-provisioner
 * sidecar: it acts on claims the PV controller has handed to one of its provisioner names,
 * creates bound PVs for them, and deletes released PVs whose policy says Delete.
 */
export async function startProvisioner(options: ProvisionerOptions): Promise<Provisioner> {
  const log = options.log ?? (() => {});
  const core = options.kubeConfig.makeApiClient(CoreV1Api);
  const storage = options.kubeConfig.makeApiClient(StorageV1Api);
  const claims = makeInformer<V1PersistentVolumeClaim>(options.kubeConfig, '/api/v1/persistentvolumeclaims', () =>
    core.listPersistentVolumeClaimForAllNamespaces(),
  );
  const volumes = makeInformer<V1PersistentVolume>(options.kubeConfig, '/api/v1/persistentvolumes', () =>
    core.listPersistentVolume(),
  );

  let stopped = false;
  const queue = new Set<string>();
  const retryTimers = new Map<string, NodeJS.Timeout>();
  const attempts = new Map<string, number>();
  /** Last event message per claim uid, so a claim's event list does not fill with repeats. */
  const reported = new Map<string, string>();
  /** Claims whose PV exists, until the PV controller's bind shows up in the informer cache. */
  const provisioned = new Set<string>();
  let wake: (() => void) | undefined;

  const enqueue = (key: string): void => {
    if (stopped) return;
    queue.add(key);
    wake?.();
  };
  const retryLater = (key: string): void => {
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    clearTimeout(retryTimers.get(key));
    const delay = Math.min(500 * 2 ** (attempt - 1), maxRetryDelayMs);
    retryTimers.set(
      key,
      setTimeout(() => {
        retryTimers.delete(key);
        enqueue(key);
      }, delay),
    );
  };

  const recordEvent = async (
    pvc: V1PersistentVolumeClaim,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> => {
    const uid = pvc.metadata?.uid ?? '';
    if (reported.get(uid) === `${reason}:${message}`) return;
    reported.set(uid, `${reason}:${message}`);
    const namespace = pvc.metadata?.namespace ?? 'default';
    const now = new Date();
    const event: CoreV1Event = {
      metadata: { generateName: `${pvc.metadata?.name ?? 'claim'}.`, namespace },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace,
        name: pvc.metadata?.name ?? '',
        uid,
        ...(pvc.metadata?.resourceVersion ? { resourceVersion: pvc.metadata.resourceVersion } : {}),
      },
      type,
      reason,
      message,
      source: {
        component: pvc.metadata?.annotations?.[annotations.storageProvisioner] ?? 'bokujo-testenv-provisioner',
      },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    try {
      await core.createNamespacedEvent({ namespace, body: event });
    } catch (error) {
      log(`provisioner: could not record ${reason} event for ${namespace}/${pvc.metadata?.name}: ${describe(error)}`);
    }
  };

  const provision = async (key: string, pvc: V1PersistentVolumeClaim): Promise<void> => {
    const provisioner = pvc.metadata?.annotations?.[annotations.storageProvisioner];
    if (!backendFor(provisioner) || pvc.metadata?.deletionTimestamp || pvc.spec?.volumeName) return;
    if (provisioned.has(pvc.metadata?.uid ?? '')) return;
    if (pvc.status?.phase && pvc.status.phase !== 'Pending') return;
    const namespace = pvc.metadata?.namespace ?? 'default';
    const className = pvc.spec?.storageClassName;
    try {
      if (!className) throw new ProvisioningError('the claim names no StorageClass', true);
      const storageClass = await storage.readStorageClass({ name: className }).catch((error: unknown) => {
        throw isNotFound(error) ? new ProvisioningError(`StorageClass ${className} not found`, true) : error;
      });
      if (
        storageClass.volumeBindingMode === 'WaitForFirstConsumer' &&
        !pvc.metadata?.annotations?.[annotations.selectedNode]
      )
        return;
      const source = await loadCloneSource(pvc, namespace);
      const pv = buildPersistentVolume({
        pvc,
        storageClass,
        volumesDir: options.volumesDir,
        ...(source ? { source } : {}),
      });
      const name = pv.metadata?.name ?? '';
      await recordEvent(
        pvc,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${namespace}/${pvc.metadata?.name}"`,
      );
      await prepareBackingStore(pv, source);
      try {
        await core.createPersistentVolume({ body: pv });
      } catch (error) {
        // A retry after a lost response finds its own PV already there: that is success.
        if (!(error instanceof ApiException && error.code === 409)) throw error;
      }
      attempts.delete(key);
      provisioned.add(pvc.metadata?.uid ?? '');
      await recordEvent(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
      log(`provisioner: ${namespace}/${pvc.metadata?.name} -> ${name}`);
    } catch (error) {
      if (error instanceof ProvisioningError) {
        await recordEvent(
          pvc,
          'Warning',
          'ProvisioningFailed',
          `failed to provision volume with StorageClass "${className ?? ''}": ${error.message}`,
        );
        if (error.retry) retryLater(key);
        return;
      }
      log(`provisioner: ${namespace}/${pvc.metadata?.name}: ${describe(error)}`);
      retryLater(key);
    }
  };

  const loadCloneSource = async (pvc: V1PersistentVolumeClaim, namespace: string): Promise<CloneSource | undefined> => {
    const name = cloneSourceName(pvc);
    if (name === undefined) return undefined;
    let sourcePvc: V1PersistentVolumeClaim;
    try {
      sourcePvc = await core.readNamespacedPersistentVolumeClaim({ name, namespace });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const volumeName = sourcePvc.spec?.volumeName;
    if (!volumeName) return { pvc: sourcePvc };
    return { pvc: sourcePvc, pv: await core.readPersistentVolume({ name: volumeName }) };
  };

  const prepareBackingStore = async (pv: V1PersistentVolume, source: CloneSource | undefined): Promise<void> => {
    const path = pv.spec?.hostPath?.path;
    if (!path) return;
    const sourcePath = source?.pv?.spec?.hostPath?.path;
    // A clone starts as a copy of its source's data, as an ONTAP FlexClone or SolidFire clone would.
    if (sourcePath) await cp(sourcePath, path, { recursive: true, force: true });
    else await mkdir(path, { recursive: true });
  };

  const reclaim = async (key: string, pv: V1PersistentVolume): Promise<void> => {
    const provisionedBy = pv.metadata?.annotations?.[annotations.provisionedBy];
    if (
      !backendFor(provisionedBy) ||
      pv.status?.phase !== 'Released' ||
      pv.spec?.persistentVolumeReclaimPolicy !== 'Delete'
    )
      return;
    const name = pv.metadata?.name ?? '';
    try {
      const path = pv.spec.hostPath?.path;
      if (path) await rm(path, { recursive: true, force: true });
      await core.deletePersistentVolume({ name });
      attempts.delete(key);
      log(`provisioner: deleted released volume ${name}`);
    } catch (error) {
      if (isNotFound(error)) return;
      log(`provisioner: deleting ${name}: ${describe(error)}`);
      retryLater(key);
    }
  };

  const handle = async (key: string): Promise<void> => {
    const [kind, namespace, name] = key.split('/') as [string, string, string];
    if (kind === 'claim') {
      const pvc = claims.get(name, namespace);
      if (pvc) await provision(key, pvc);
    } else {
      const pv = volumes.get(name);
      if (pv) await reclaim(key, pv);
    }
  };

  const worker = (async () => {
    while (!stopped) {
      const next = queue.values().next();
      if (next.done) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      queue.delete(next.value);
      await handle(next.value);
    }
  })();

  const claimKey = (pvc: V1PersistentVolumeClaim): string => `claim/${pvc.metadata?.namespace}/${pvc.metadata?.name}`;
  const volumeKey = (pv: V1PersistentVolume): string => `volume//${pv.metadata?.name}`;
  claims.on('add', (pvc) => enqueue(claimKey(pvc)));
  claims.on('update', (pvc) => enqueue(claimKey(pvc)));
  claims.on('delete', (pvc) => {
    reported.delete(pvc.metadata?.uid ?? '');
    provisioned.delete(pvc.metadata?.uid ?? '');
  });
  volumes.on('add', (pv) => enqueue(volumeKey(pv)));
  volumes.on('update', (pv) => enqueue(volumeKey(pv)));
  for (const informer of [claims, volumes] as Informer<KubernetesObject>[]) {
    informer.on('error', (error: unknown) => {
      if (stopped) return;
      log(`provisioner: watch failed (${describe(error)}); restarting`);
      setTimeout(() => void informer.start().catch(() => {}), 1_000);
    });
  }
  await Promise.all([claims.start(), volumes.start()]);
  log(`provisioner: serving ${backends.map((backend) => backend.provisioner).join(', ')}`);

  return {
    async stop() {
      stopped = true;
      for (const timer of retryTimers.values()) clearTimeout(timer);
      wake?.();
      await Promise.all([claims.stop(), volumes.stop()]);
      await worker;
    },
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

function describe(error: unknown): string {
  if (error instanceof ApiException) {
    const body = error.body as { message?: string } | string | undefined;
    return `HTTP ${error.code}: ${typeof body === 'string' ? body : (body?.message ?? '')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
