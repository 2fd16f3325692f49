import type { KubeContainerStatus, KubePod } from '@/lib/k8s/types';

/** A container state as the pod detail reads it: more than lists need. */
export interface ContainerStateDetail {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    reason?: string;
    message?: string;
    exitCode?: number;
    signal?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

export interface ContainerStatusDetail extends KubeContainerStatus {
  state?: ContainerStateDetail;
  /** The state before the last restart: why it restarted. */
  lastState?: ContainerStateDetail;
  started?: boolean;
}

export interface ContainerSpecDetail {
  name: string;
  image?: string;
  ports?: { containerPort: number; name?: string; protocol?: string }[];
}

/** core/v1 Pod with the fields its detail page shows. */
export interface PodDetail extends KubePod {
  spec?: KubePod['spec'] & {
    containers?: ContainerSpecDetail[];
    initContainers?: ContainerSpecDetail[];
    restartPolicy?: string;
    serviceAccountName?: string;
  };
  status?: KubePod['status'] & {
    hostIP?: string;
    startTime?: string;
    qosClass?: string;
    message?: string;
    containerStatuses?: ContainerStatusDetail[];
    initContainerStatuses?: ContainerStatusDetail[];
  };
}
