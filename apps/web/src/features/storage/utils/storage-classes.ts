import { defaultStorageClassAnnotations } from '@bokujo/shared';
import type { KubeStorageClass } from '@/lib/k8s/types';

/** Marked default by either annotation: Kubernetes still honours the beta one older tools set. */
export function isDefaultClass(storageClass: Pick<KubeStorageClass, 'metadata'>) {
  return defaultStorageClassAnnotations.some((key) => storageClass.metadata.annotations?.[key] === 'true');
}

export function defaultClassNames(storageClasses: KubeStorageClass[]) {
  return storageClasses.filter(isDefaultClass).map((storageClass) => storageClass.metadata.name ?? '');
}

/**
 * The class a claim without one gets. With several defaults the DefaultStorageClass admission
 * plugin picks the newest, so the form shows the same one the cluster would.
 */
export function effectiveDefaultClass(storageClasses: KubeStorageClass[]) {
  return storageClasses
    .filter(isDefaultClass)
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))[0];
}
