import type { FieldError } from '@bokujo/shared';
import type { DeployWorkloadBody } from '@bokujo/shared';

/**
 * Where a server-side field error belongs in the form: the server points into the manifests it
 * received (`/body/workload/metadata/name`, `/body/volumeClaims/0`), the form shows fields of the
 * draft. Errors without a matching field stay in the summary.
 */
export function formFieldOf(
  error: FieldError,
  body: DeployWorkloadBody,
  claimVolumeIndex: (claimName: string) => number,
) {
  const pointer = error.field;
  if (pointer === '/body/workload/metadata/name') return 'name';
  if (
    /^\/body\/workload\/spec\/(template\/spec\/|jobTemplate\/spec\/template\/spec\/)containers\/0\/image$/.test(pointer)
  ) {
    return 'image';
  }
  const claim = /^\/body\/volumeClaims\/(\d+)/.exec(pointer);
  if (claim) {
    const name = body.volumeClaims?.[Number(claim[1])]?.metadata.name;
    const index = name === undefined ? -1 : claimVolumeIndex(name);
    return index >= 0 ? `volumes.${index}.name` : undefined;
  }
  return undefined;
}
