import type { FieldError } from '@bokujo/shared';
import { ConflictError, ForbiddenError, HttpError, InputError, NotFoundError, UpstreamError } from '../../../errors.ts';
import type { KubeResponse } from './impersonated-client.ts';

/** The parts of a Kubernetes `Status` that explain a refusal. */
interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

export interface RefusalContext {
  /** What the person tried, for the message: "create Deployment web in shop". */
  action: string;
  username: string;
  /** Where the object sits in Bokujo's request (`/body/workload`), so Kubernetes' field errors point into it. */
  pointer?: string;
}

/**
 * Kubernetes' answer to a call made as a person, as Bokujo's one error contract: field errors of an
 * invalid object become per-field details, a refusal names who was refused what, and the cluster's
 * own words are kept.
 */
export function kubeStatusError(response: KubeResponse<unknown>, context: RefusalContext): HttpError {
  const status = (typeof response.body === 'object' && response.body ? response.body : {}) as KubeStatus;
  const message = status.message ?? `Kubernetes answered ${response.status}`;
  const pointer = context.pointer ?? '';
  switch (response.status) {
    case 400:
    case 422:
      return new InputError(`Could not ${context.action}: ${message}`, fieldErrors(status, pointer));
    case 403:
      return new ForbiddenError(`${context.username} may not ${context.action}: ${message}`);
    case 404:
      return new NotFoundError(`Could not ${context.action}: ${message}`);
    case 409:
      return new ConflictError(
        `Could not ${context.action}: ${message}`,
        status.reason === 'AlreadyExists'
          ? [{ field: `${pointer}/metadata/name`, reason: 'already exists' }]
          : undefined,
      );
    default:
      return response.status >= 500
        ? new UpstreamError(`Could not ${context.action}: ${message}`)
        : new HttpError(response.status, 'BAD_REQUEST', `Could not ${context.action}: ${message}`);
  }
}

function fieldErrors(status: KubeStatus, pointer: string): FieldError[] | undefined {
  const causes = status.details?.causes?.filter((cause) => cause.field && cause.message) ?? [];
  if (causes.length === 0) return undefined;
  return causes.map((cause) => ({ field: `${pointer}${kubeFieldToPointer(cause.field!)}`, reason: cause.message! }));
}

/** `spec.containers[0].name` → `/spec/containers/0/name` (RFC 6901 escaping for keys with `/`). */
export function kubeFieldToPointer(field: string) {
  const tokens = [...field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((match) => match[1] ?? match[2] ?? '');
  return tokens.map((token) => `/${token.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
