import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkloadState } from '../utils/workload-state';

const colors: Record<WorkloadState, string> = {
  Active: 'green',
  Running: 'blue',
  Succeeded: 'teal',
  Updating: 'yellow',
  Paused: 'gray',
  Unavailable: 'red',
  Failed: 'red',
  Terminating: 'orange',
};

export function WorkloadStateBadge({ state }: { state: WorkloadState }) {
  const { t } = useTranslation('workloads');
  return (
    <Badge color={colors[state]} variant="light" style={{ flexShrink: 0 }}>
      {t(`state.${state}`)}
    </Badge>
  );
}
