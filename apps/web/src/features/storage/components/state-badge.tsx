import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolume, KubePersistentVolumeClaim, ObjectMeta } from '@/lib/k8s/types';

export type ResourceState = 'Active' | 'Terminating' | 'Pending' | 'Available' | 'Released' | 'Failed' | 'Lost';

const colors: Record<ResourceState, string> = {
  Active: 'green',
  Available: 'blue',
  Pending: 'yellow',
  Released: 'gray',
  Terminating: 'orange',
  Failed: 'red',
  Lost: 'red',
};

/** Rancher's State column: whether the object is in use, waiting, or going away. */
export function StateBadge({ state }: { state: ResourceState }) {
  const { t } = useTranslation('storage');
  return (
    // A squeezed table column must not shorten the state to "アク…": the label keeps its width.
    <Badge color={colors[state]} variant="light" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {t(`state.${state}`)}
    </Badge>
  );
}

export const objectState = (metadata: ObjectMeta): ResourceState =>
  metadata.deletionTimestamp ? 'Terminating' : 'Active';

export function volumeState(volume: KubePersistentVolume): ResourceState {
  if (volume.metadata.deletionTimestamp) return 'Terminating';
  const phase = volume.status?.phase ?? 'Pending';
  return phase === 'Bound' ? 'Active' : phase;
}

export function claimState(claim: KubePersistentVolumeClaim): ResourceState {
  if (claim.metadata.deletionTimestamp) return 'Terminating';
  const phase = claim.status?.phase ?? 'Pending';
  return phase === 'Bound' ? 'Active' : phase;
}
