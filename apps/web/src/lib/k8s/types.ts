/**
 * The few fields of Kubernetes objects the console reads, as the API serves them. Only what is
 * used is typed; everything is optional because the API omits empty fields.
 */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  creationTimestamp?: string;
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
