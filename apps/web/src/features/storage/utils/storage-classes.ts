import { defaultStorageClassAnnotations } from '@bokujo/shared';
import type { KubeStorageClass, PersistentVolumeAccessMode } from '@/lib/k8s/types';

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

const everyMode: PersistentVolumeAccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const singleNode: PersistentVolumeAccessMode[] = ['ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * What each Trident backend type serves for filesystem volumes: file backends share a volume
 * between nodes, block backends attach a LUN to one node at a time.
 */
const accessModesByBackend: Record<string, PersistentVolumeAccessMode[]> = {
  'ontap-nas': everyMode,
  'ontap-nas-economy': everyMode,
  'ontap-nas-flexgroup': everyMode,
  'azure-netapp-files': everyMode,
  'google-cloud-netapp-volumes': everyMode,
  'solidfire-san': singleNode,
  'ontap-san': singleNode,
  'ontap-san-economy': singleNode,
};

/** The chosen modes the class's backend cannot serve; empty when the backend is unknown. */
export function unservableAccessModes(
  storageClass: Pick<KubeStorageClass, 'parameters'> | undefined,
  modes: PersistentVolumeAccessMode[],
) {
  const served = accessModesByBackend[storageClass?.parameters?.['backendType'] ?? ''];
  return served ? modes.filter((mode) => !served.includes(mode)) : [];
}
