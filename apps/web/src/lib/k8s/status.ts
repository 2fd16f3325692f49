import { ApiError } from '@/lib/api-client';

/** One field Kubernetes refused, from a 422's `details.causes`. */
export interface KubeStatusCause {
  /** e.g. `FieldValueInvalid`, `FieldValueRequired`. */
  reason?: string;
  message?: string;
  /** e.g. `spec.template.spec.containers[0].image`. */
  field?: string;
}

/**
 * meta/v1 Status: how the apiserver explains a refusal (and what the passthrough relays unchanged).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 */
export interface KubeStatus {
  kind: 'Status';
  status?: 'Success' | 'Failure';
  message?: string;
  /** e.g. `Conflict`, `Invalid`, `AlreadyExists`, `Forbidden`, `NotFound`. */
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: KubeStatusCause[] };
}

export function isKubeStatus(value: unknown): value is KubeStatus {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

/** The apiserver's `Status` behind a failed passthrough call, if that is what answered. */
export function kubeStatusOf(error: unknown): KubeStatus | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const body: unknown = error.body;
  return isKubeStatus(body) ? body : undefined;
}
