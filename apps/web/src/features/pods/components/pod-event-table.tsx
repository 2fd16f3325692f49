import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EventTable } from '@/components/event-table';
import { useFormatters } from '@/lib/format';
import type { KubeEvent } from '@/lib/k8s/types';
import { usePodEvents } from '../api/get-pod-events';

const lastSeen = (event: KubeEvent) =>
  event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? undefined;

const newestFirst = (events: readonly KubeEvent[]) =>
  [...events].sort((a, b) => (lastSeen(b) ?? '').localeCompare(lastSeen(a) ?? ''));

/** What happened to the pod (scheduling, pulls, probes, restarts), newest first. */
export function PodEventTable({ clusterId, namespace, pod }: { clusterId: string; namespace: string; pod: string }) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  const events = usePodEvents(clusterId, namespace, pod);
  return (
    <EventTable
      events={events}
      order={newestFirst}
      lastSeen={lastSeen}
      empty={t('events.empty')}
      minWidth={760}
      reasonWidth={180}
      afterMessage={{
        id: 'count',
        header: t('events.count'),
        width: 80,
        cell: (event) => <Text size="sm">{format.integer(event.count ?? 1)}</Text>,
      }}
      age={{ header: t('events.age'), width: 130 }}
    />
  );
}
