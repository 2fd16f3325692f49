/**
 * The few fields of Kubernetes objects the console reads, as the API serves them. Only what is
 * used is typed; everything is optional because the API omits empty fields.
 */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  creationTimestamp?: string;
  /** Set once deletion was asked for; the object lingers while finalizers run. */
  deletionTimestamp?: string;
}

export interface KubeList<T> {
  kind?: string;
  items: T[];
  metadata?: { continue?: string; resourceVersion?: string };
}

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface KubeNode {
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[];
    nodeInfo?: { kubeletVersion?: string };
  };
}

/** core/v1 Event. */
export interface KubeEvent {
  metadata: ObjectMeta;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string };
}

/** A kube-apiserver path reached through Bokujo's passthrough, as the signed-in person. */
export const k8sPath = (clusterId: string, apiPath: string) =>
  `/k8s/clusters/${encodeURIComponent(clusterId)}${apiPath.startsWith('/') ? apiPath : `/${apiPath}`}`;

/** storage.k8s.io/v1 StorageClass. */
export interface KubeStorageClass {
  apiVersion?: 'storage.k8s.io/v1';
  kind?: 'StorageClass';
  metadata: ObjectMeta;
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: PersistentVolumeReclaimPolicy;
  volumeBindingMode?: VolumeBindingMode;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
}

export type PersistentVolumeReclaimPolicy = 'Delete' | 'Retain' | 'Recycle';
export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';
export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** core/v1 PersistentVolume. */
export interface KubePersistentVolume {
  metadata: ObjectMeta;
  spec?: {
    capacity?: { storage?: string };
    accessModes?: PersistentVolumeAccessMode[];
    persistentVolumeReclaimPolicy?: PersistentVolumeReclaimPolicy;
    storageClassName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    claimRef?: { namespace?: string; name?: string; uid?: string };
  };
  status?: { phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed'; reason?: string; message?: string };
}

/** core/v1 PersistentVolumeClaim. */
export interface KubePersistentVolumeClaim {
  apiVersion?: 'v1';
  kind?: 'PersistentVolumeClaim';
  metadata: ObjectMeta;
  spec?: {
    accessModes?: PersistentVolumeAccessMode[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    dataSource?: { apiGroup?: string; kind: string; name: string };
  };
  status?: {
    phase?: 'Pending' | 'Bound' | 'Lost';
    accessModes?: PersistentVolumeAccessMode[];
    capacity?: { storage?: string };
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

/** authorization.k8s.io/v1 SelfSubjectAccessReview: "may I do this?", answered for the caller. */
export interface SelfSubjectAccessReview {
  apiVersion: 'authorization.k8s.io/v1';
  kind: 'SelfSubjectAccessReview';
  spec: {
    resourceAttributes: {
      verb: string;
      group?: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    };
  };
  status?: { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/** metav1.LabelSelector: every matchLabels pair and every expression must hold. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** A condition as workloads and pods report them. */
export interface KubeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

export interface KubeContainer {
  name: string;
  image?: string;
}

export interface KubeVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

/** core/v1 PodTemplateSpec, as workloads embed it. */
export interface KubePodTemplate {
  metadata?: ObjectMeta;
  spec?: { containers?: KubeContainer[]; initContainers?: KubeContainer[]; volumes?: KubeVolume[] };
}

/**
 * The fields of Deployments, StatefulSets, DaemonSets, Jobs and CronJobs the console reads, as one
 * shape: each kind uses its own subset.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/
 */
export interface KubeWorkload {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta & { generation?: number; ownerReferences?: OwnerReference[] };
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: KubePodTemplate;
    /** Deployment. */
    paused?: boolean;
    /** StatefulSet: a claim per replica, named `<template>-<statefulset>-<ordinal>`. */
    volumeClaimTemplates?: { metadata: ObjectMeta; spec?: KubePersistentVolumeClaim['spec'] }[];
    /** Job and CronJob. */
    suspend?: boolean;
    /** Job. */
    completions?: number;
    /** CronJob. */
    schedule?: string;
    jobTemplate?: { metadata?: ObjectMeta; spec?: { template?: KubePodTemplate } };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    unavailableReplicas?: number;
    /** StatefulSet. */
    currentRevision?: string;
    updateRevision?: string;
    /** DaemonSet. */
    desiredNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberUnavailable?: number;
    /** Job. */
    active?: number | { name: string; namespace?: string }[];
    succeeded?: number;
    failed?: number;
    /** CronJob. */
    lastScheduleTime?: string;
    conditions?: KubeCondition[];
  };
}

export interface KubeContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: {
    waiting?: { reason?: string; message?: string };
    running?: { startedAt?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
}

/** core/v1 Pod. */
export interface KubePod {
  metadata: ObjectMeta & { ownerReferences?: OwnerReference[] };
  spec?: { nodeName?: string; containers?: KubeContainer[]; volumes?: KubeVolume[] };
  status?: {
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    reason?: string;
    podIP?: string;
    conditions?: KubeCondition[];
    containerStatuses?: KubeContainerStatus[];
    initContainerStatuses?: KubeContainerStatus[];
  };
}

/** apps/v1 ReplicaSet: one per Deployment revision. */
export interface KubeReplicaSet {
  metadata: ObjectMeta & { ownerReferences?: OwnerReference[] };
  spec?: { replicas?: number; template?: KubePodTemplate };
  status?: { replicas?: number; readyReplicas?: number };
}

/** apps/v1 ControllerRevision: StatefulSets' and DaemonSets' revision history. */
export interface KubeControllerRevision {
  metadata: ObjectMeta & { ownerReferences?: OwnerReference[] };
  revision: number;
  data?: { spec?: { template?: KubePodTemplate } };
}

/** core/v1 Service, as far as the console reads it. */
export interface KubeService {
  metadata: ObjectMeta;
  spec?: { type?: string; clusterIP?: string; ports?: { port: number; protocol?: string; name?: string }[] };
}
