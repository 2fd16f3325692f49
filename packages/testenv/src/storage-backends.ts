import { join } from 'node:path';
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { quantityValue } from '@bokujo/shared';

/**
 * Two simulated storage backends standing in for the NetApp Trident setup in the seed whitepaper:
 * an ONTAP NAS (file: NFS exports, many readers and writers) and a SolidFire SAN (block: iSCSI
 * LUNs, one writer, QoS types). Volumes are folders on this host; nothing mounts them.
 */
export const fileProvisioner = 'bokujo.test/ontap-nas';
export const blockProvisioner = 'bokujo.test/solidfire-san';

export const annotations = {
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  selectedNode: 'volume.kubernetes.io/selected-node',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  defaultClass: 'storageclass.kubernetes.io/is-default-class',
  /** Trident's clone request, as in the seed: the source PVC's name in the same namespace. */
  cloneFromPvc: 'trident.netapp.io/cloneFromPVC',
  /** Trident's per-claim override of the class's reclaim policy. */
  reclaimPolicy: 'trident.netapp.io/reclaimPolicy',
  backend: 'bokujo.test/backend',
  protocol: 'bokujo.test/protocol',
  qosType: 'bokujo.test/qos-type',
  minIops: 'bokujo.test/min-iops',
  maxIops: 'bokujo.test/max-iops',
  burstIops: 'bokujo.test/burst-iops',
  clonedFrom: 'bokujo.test/cloned-from',
} as const;

export interface Backend {
  provisioner: string;
  backendType: 'ontap-nas' | 'solidfire-san';
  protocol: 'file' | 'block';
  /** Backend and pool names as tridentctl would list them. */
  backendName: string;
  pool: string;
  accessModes: readonly string[];
  volumeModes: readonly string[];
}

export const backends: readonly Backend[] = [
  {
    provisioner: fileProvisioner,
    backendType: 'ontap-nas',
    protocol: 'file',
    backendName: 'svm12',
    pool: 'aggr1_01',
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
    // An NFS export is a file system; it cannot be handed out as a raw block device.
    volumeModes: ['Filesystem'],
  },
  {
    provisioner: blockProvisioner,
    backendType: 'solidfire-san',
    protocol: 'block',
    backendName: 'solidfire_10.0.0.240',
    pool: 'default',
    // One iSCSI initiator at a time: a LUN is never shared between nodes.
    accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'],
    volumeModes: ['Filesystem', 'Block'],
  },
];

export function backendFor(provisioner: string | undefined): Backend | undefined {
  return backends.find((backend) => backend.provisioner === provisioner);
}

export interface QosType {
  type: 'Bronze' | 'Silver' | 'Gold';
  minIOPS: number;
  maxIOPS: number;
  burstIOPS: number;
}

/** The SolidFire QoS types registered with the backend in the seed. */
export const qosTypes: readonly QosType[] = [
  { type: 'Bronze', minIOPS: 1000, maxIOPS: 2000, burstIOPS: 4000 },
  { type: 'Silver', minIOPS: 4000, maxIOPS: 6000, burstIOPS: 8000 },
  { type: 'Gold', minIOPS: 6000, maxIOPS: 8000, burstIOPS: 10000 },
];

/** A refusal to provision; `retry` marks conditions that can clear up (a clone source still binding). */
export class ProvisioningError extends Error {
  readonly retry: boolean;

  constructor(message: string, retry = false) {
    super(message);
    this.name = 'ProvisioningError';
    this.retry = retry;
  }
}

/**
 * The QoS type for a block volume: `qosType` names one; otherwise `IOPS` (the seed's parameter)
 * picks the cheapest type whose max IOPS reaches it; Bronze when neither is given.
 */
export function selectQos(parameters: Record<string, string> = {}): QosType {
  const named = parameters.qosType;
  if (named !== undefined) {
    const match = qosTypes.find((qos) => qos.type.toLowerCase() === named.toLowerCase());
    if (!match)
      throw new ProvisioningError(
        `unknown QoS type "${named}"; the backend offers ${qosTypes.map((qos) => qos.type).join(', ')}`,
      );
    return match;
  }
  const iops = parameters.IOPS;
  if (iops === undefined) return qosTypes[0] as QosType;
  const wanted = Number(iops);
  if (!Number.isFinite(wanted) || wanted <= 0) throw new ProvisioningError(`invalid IOPS parameter "${iops}"`);
  const match = qosTypes.find((qos) => qos.maxIOPS >= wanted);
  if (!match) {
    const best = qosTypes.at(-1) as QosType;
    throw new ProvisioningError(
      `no QoS type delivers ${wanted} IOPS; the highest, ${best.type}, has max ${best.maxIOPS}`,
    );
  }
  return match;
}

/** The StorageClasses of the seed, renamed to this environment's provisioners; neither is default. */
export const seedStorageClasses: V1StorageClass[] = [
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'ontap-gold', labels: { 'app.kubernetes.io/managed-by': 'bokujo-testenv' } },
    provisioner: fileProvisioner,
    parameters: { backendType: 'ontap-nas', media: 'ssd', provisioningType: 'thin', snapshots: 'true', clones: 'true' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'solidfire-gold', labels: { 'app.kubernetes.io/managed-by': 'bokujo-testenv' } },
    provisioner: blockProvisioner,
    parameters: { backendType: 'solidfire-san', IOPS: '8000', fsType: 'ext4' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  },
];

/** The claim this one asks to be cloned from: spec.dataSource(Ref) or Trident's annotation. */
export function cloneSourceName(pvc: V1PersistentVolumeClaim): string | undefined {
  for (const source of [pvc.spec?.dataSource, pvc.spec?.dataSourceRef]) {
    if (source && source.kind === 'PersistentVolumeClaim' && !source.apiGroup) return source.name;
  }
  return pvc.metadata?.annotations?.[annotations.cloneFromPvc];
}

export interface CloneSource {
  pvc: V1PersistentVolumeClaim;
  /** Absent while the source is not bound. */
  pv?: V1PersistentVolume;
}

export interface ProvisionRequest {
  pvc: V1PersistentVolumeClaim;
  storageClass: V1StorageClass;
  source?: CloneSource;
  /** Folder holding one folder per volume. */
  volumesDir: string;
}

/** Validates a claim against its class's backend and returns the PV that satisfies it. */
export function buildPersistentVolume(request: ProvisionRequest): V1PersistentVolume {
  const { pvc, storageClass } = request;
  const backend = backendFor(storageClass.provisioner);
  if (!backend) throw new ProvisioningError(`provisioner ${storageClass.provisioner} is not served here`);
  const parameters = storageClass.parameters ?? {};
  if (parameters.backendType && parameters.backendType !== backend.backendType) {
    throw new ProvisioningError(
      `StorageClass ${storageClass.metadata?.name} asks for backendType ${parameters.backendType}, but ${backend.provisioner} serves ${backend.backendType}`,
    );
  }

  const accessModes = pvc.spec?.accessModes ?? [];
  if (accessModes.length === 0) throw new ProvisioningError('the claim lists no access modes');
  const unsupported = accessModes.filter((mode) => !backend.accessModes.includes(mode));
  if (unsupported.length > 0) {
    throw new ProvisioningError(
      `${backend.backendType} backend ${backend.backendName} cannot serve access mode ${unsupported.join(', ')}; it supports ${backend.accessModes.join(', ')}`,
    );
  }
  const volumeMode = pvc.spec?.volumeMode ?? 'Filesystem';
  if (!backend.volumeModes.includes(volumeMode)) {
    throw new ProvisioningError(
      `${backend.backendType} backend ${backend.backendName} cannot serve volumeMode ${volumeMode}`,
    );
  }
  const size = pvc.spec?.resources?.requests?.storage;
  if (!size) throw new ProvisioningError('the claim requests no storage size');
  const bytes = parseQuantityOrFail(size);

  const volumeAnnotations: Record<string, string> = {
    [annotations.provisionedBy]: backend.provisioner,
    [annotations.backend]: backend.backendName,
    [annotations.protocol]: backend.protocol,
  };
  if (backend.protocol === 'block') {
    const qos = selectQos(parameters);
    Object.assign(volumeAnnotations, {
      [annotations.qosType]: qos.type,
      [annotations.minIops]: String(qos.minIOPS),
      [annotations.maxIops]: String(qos.maxIOPS),
      [annotations.burstIops]: String(qos.burstIOPS),
    });
  }

  const namespace = pvc.metadata?.namespace ?? 'default';
  const sourceName = cloneSourceName(pvc);
  if (sourceName !== undefined) {
    checkClone(request, backend, sourceName, bytes, volumeMode);
    volumeAnnotations[annotations.clonedFrom] = `${namespace}/${sourceName}`;
  }

  const reclaimPolicy =
    pvc.metadata?.annotations?.[annotations.reclaimPolicy] ?? storageClass.reclaimPolicy ?? 'Delete';
  if (!['Delete', 'Retain'].includes(reclaimPolicy))
    throw new ProvisioningError(`unsupported reclaim policy ${reclaimPolicy}`);
  const name = persistentVolumeName(pvc);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: volumeAnnotations },
    spec: {
      capacity: { storage: size },
      accessModes,
      volumeMode,
      persistentVolumeReclaimPolicy: reclaimPolicy,
      storageClassName: storageClass.metadata?.name ?? '',
      ...(storageClass.mountOptions ? { mountOptions: storageClass.mountOptions } : {}),
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace,
        name: pvc.metadata?.name ?? '',
        uid: pvc.metadata?.uid ?? '',
      },
      hostPath: { path: join(request.volumesDir, name), type: volumeMode === 'Block' ? '' : 'DirectoryOrCreate' },
    },
  };
}

/** PVs are named after the claim's uid, as the external-provisioner library does. */
export function persistentVolumeName(pvc: V1PersistentVolumeClaim): string {
  const uid = pvc.metadata?.uid;
  if (!uid) throw new ProvisioningError('the claim has no uid');
  return `pvc-${uid}`;
}

function checkClone(
  request: ProvisionRequest,
  backend: Backend,
  sourceName: string,
  bytes: number,
  volumeMode: string,
): void {
  const parameters = request.storageClass.parameters ?? {};
  if (parameters.clones === 'false') {
    throw new ProvisioningError(
      `StorageClass ${request.storageClass.metadata?.name} does not allow clones (clones: "false")`,
    );
  }
  const source = request.source;
  if (!source) throw new ProvisioningError(`clone source PVC ${sourceName} not found`, true);
  if (source.pvc.status?.phase !== 'Bound' || !source.pv) {
    throw new ProvisioningError(`clone source PVC ${sourceName} is not bound yet`, true);
  }
  const sourceProvisioner = source.pv.metadata?.annotations?.[annotations.provisionedBy];
  if (sourceProvisioner !== backend.provisioner) {
    throw new ProvisioningError(
      `clone source PVC ${sourceName} lives on ${sourceProvisioner ?? 'another provisioner'}; ${backend.backendType} clones only its own volumes`,
    );
  }
  const sourceMode = source.pv.spec?.volumeMode ?? 'Filesystem';
  if (sourceMode !== volumeMode) {
    throw new ProvisioningError(
      `clone source PVC ${sourceName} has volumeMode ${sourceMode}, the clone asks for ${volumeMode}`,
    );
  }
  const sourceSize = source.pv.spec?.capacity?.storage;
  if (sourceSize && bytes < parseQuantityOrFail(sourceSize)) {
    throw new ProvisioningError(`a clone must be at least as large as its source PVC ${sourceName} (${sourceSize})`);
  }
}

function parseQuantityOrFail(quantity: string): number {
  try {
    return quantityValue(quantity);
  } catch (error) {
    throw new ProvisioningError(error instanceof Error ? error.message : String(error));
  }
}
