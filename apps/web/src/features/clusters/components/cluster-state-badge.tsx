import type { Cluster } from '@bokujo/shared';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const stateColors: Record<Cluster['state'], string> = {
  Active: 'green',
  Pending: 'yellow',
  Unavailable: 'red',
};

/** The state as a coloured badge. Pages show the reason next to it as text, readable without hovering. */
export function ClusterStateBadge({ cluster }: { cluster: Pick<Cluster, 'state'> }) {
  const { t } = useTranslation('clusters');
  return (
    <Badge color={stateColors[cluster.state]} variant="light" style={{ flexShrink: 0 }}>
      {t(`state.${cluster.state}`)}
    </Badge>
  );
}
