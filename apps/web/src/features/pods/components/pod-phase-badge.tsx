import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PodDetail } from '../types';

const colors: Record<string, string> = {
  Pending: 'yellow',
  Running: 'teal',
  Succeeded: 'gray',
  Failed: 'red',
  Unknown: 'gray',
  Terminating: 'orange',
};

/** The pod's phase, or Terminating once deletion was asked for (as kubectl shows it). */
export function PodPhaseBadge({ pod }: { pod: PodDetail }) {
  const { t } = useTranslation('pods');
  const phase = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Unknown');
  return (
    <Badge color={colors[phase] ?? 'gray'} variant="light" tt="none" size="lg">
      {t(`phase.${phase}`)}
    </Badge>
  );
}
