import type { Cluster } from '@bokujo/shared';
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const stateColors: Record<Cluster['state'], string> = {
  Active: 'green',
  Pending: 'yellow',
  Unavailable: 'red',
};

/** The state as a coloured badge; the reason, when there is one, in its tooltip. */
export function ClusterStateBadge({ cluster }: { cluster: Pick<Cluster, 'state' | 'stateReason'> }) {
  const { t } = useTranslation('clusters');
  const badge = (
    <Badge color={stateColors[cluster.state]} variant="light" style={{ flexShrink: 0 }}>
      {t(`state.${cluster.state}`)}
    </Badge>
  );
  if (!cluster.stateReason) return badge;
  return (
    <Tooltip
      label={cluster.stateReason}
      multiline
      maw={360}
      withArrow
      openDelay={200}
      events={{ hover: true, focus: true, touch: true }}
    >
      <span tabIndex={0}>{badge}</span>
    </Tooltip>
  );
}
