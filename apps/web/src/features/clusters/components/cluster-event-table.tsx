import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EventTable } from '@/components/event-table';
import { useClusterEvents } from '../api/get-cluster-events';
import { lastSeen, newestFirst } from '../utils/node-info';

/** The cluster's latest events, newest first, with the object each is about. */
export function ClusterEventTable({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('clusters');
  const events = useClusterEvents(clusterId);
  return (
    <EventTable
      events={events}
      order={newestFirst}
      lastSeen={lastSeen}
      empty={t('events.empty')}
      minWidth={820}
      reasonWidth={200}
      beforeMessage={{
        id: 'object',
        header: t('events.object'),
        width: 220,
        cell: ({ involvedObject: object }) => (
          <>
            <Text size="sm" truncate>
              {object?.kind}
            </Text>
            <Text size="xs" c="dimmed" truncate title={object?.name}>
              {object?.namespace
                ? t('events.namespaced', { namespace: object.namespace, name: object.name ?? '' })
                : object?.name}
            </Text>
          </>
        ),
      }}
      messageLines={3}
      age={{ header: t('events.age'), width: 104 }}
    />
  );
}
