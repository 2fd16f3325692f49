import { type DefaultStorageClassResult, defaultStorageClassAnnotations } from '@bokujo/shared';
import { ConflictError, NotFoundError } from '../../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { KubeRequest, KubeResponse } from '../kube-proxy/impersonated-client.ts';
import { kubeStatusError } from '../kube-proxy/kube-status-error.ts';

interface StorageClass {
  metadata: { name: string; resourceVersion?: string; annotations?: Record<string, string> };
}

type AsPerson = <T>(request: KubeRequest) => Promise<KubeResponse<T>>;

const storageClasses = '/apis/storage.k8s.io/v1/storageclasses';

export function isDefaultClass(storageClass: StorageClass) {
  return defaultStorageClassAnnotations.some((key) => storageClass.metadata.annotations?.[key] === 'true');
}

/**
 * Makes `name` the cluster's only default StorageClass (or unsets it), as the person, in one
 * step for them: the other defaults are cleared first, and if marking the new one then fails they
 * get their marks back. Each write is conditional on the resourceVersion read, so an edit made
 * meanwhile by someone else is reported as a conflict instead of being overwritten.
 */
export async function setDefaultStorageClass(
  asPerson: AsPerson,
  principal: Principal,
  name: string,
  makeDefault: boolean,
): Promise<DefaultStorageClassResult> {
  const listed = await asPerson<{ items: StorageClass[] }>({ method: 'GET', path: storageClasses });
  assertOk(listed, principal, 'list StorageClasses');
  const target = listed.body.items.find((item) => item.metadata.name === name);
  if (!target) throw new NotFoundError(`No StorageClass ${name}`);

  const toClear = makeDefault
    ? listed.body.items.filter((item) => item.metadata.name !== name && isDefaultClass(item))
    : isDefaultClass(target)
      ? [target]
      : [];
  const cleared: StorageClass[] = [];
  try {
    for (const item of toClear) {
      await patchMarks(asPerson, principal, item, null);
      cleared.push(item);
    }
    if (makeDefault && !hasBothMarks(target)) await patchMarks(asPerson, principal, target, 'true');
  } catch (error) {
    for (const item of cleared) {
      await patchMarks(asPerson, principal, { metadata: { name: item.metadata.name } }, 'true').catch(() => undefined);
    }
    throw error;
  }
  const after = await asPerson<{ items: StorageClass[] }>({ method: 'GET', path: storageClasses });
  assertOk(after, principal, 'list StorageClasses');
  return {
    defaultClasses: after.body.items.filter(isDefaultClass).map((item) => item.metadata.name),
    changed: [...cleared.map((item) => item.metadata.name), ...(makeDefault && !hasBothMarks(target) ? [name] : [])],
  };
}

function hasBothMarks(storageClass: StorageClass) {
  return defaultStorageClassAnnotations.every((key) => storageClass.metadata.annotations?.[key] === 'true');
}

async function patchMarks(asPerson: AsPerson, principal: Principal, storageClass: StorageClass, value: 'true' | null) {
  const annotations = Object.fromEntries(defaultStorageClassAnnotations.map((key) => [key, value]));
  const response = await asPerson({
    method: 'PATCH',
    path: `${storageClasses}/${encodeURIComponent(storageClass.metadata.name)}`,
    contentType: 'application/merge-patch+json',
    body: {
      metadata: {
        annotations,
        ...(storageClass.metadata.resourceVersion ? { resourceVersion: storageClass.metadata.resourceVersion } : {}),
      },
    },
  });
  assertOk(response, principal, `change StorageClass ${storageClass.metadata.name}`);
}

function assertOk(response: KubeResponse<unknown>, principal: Principal, action: string) {
  if (response.status < 300) return;
  if (response.status === 409) {
    const message = (response.body as { message?: string } | undefined)?.message ?? 'conflict';
    throw new ConflictError(`Someone changed the StorageClasses meanwhile; reload and try again (${message})`);
  }
  throw kubeStatusError(response, { action, username: principal.username });
}
