import { Alert, Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import { useFormatters } from '@/lib/format';
import type { KubeEvent } from '@/lib/k8s/types';
import { useEvents } from '../api/get-events';
import { usePods } from '../api/get-pods';
import { eventsAbout, lastSeen } from '../utils/workload-events';
import { podsOf, type WorkloadRef } from '../utils/workload-relations';

/** What Kubernetes said about the workload and its pods, newest first. */
export function WorkloadEventTable({ clusterId, workload }: { clusterId: string; workload: WorkloadRef }) {
  const { t } = useTranslation('workloads');
  const format = useFormatters();
  const namespace = workload.object.metadata.namespace ?? '';
  const events = useEvents(clusterId, namespace);
  const pods = usePods(clusterId, namespace);

  if (events.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('events.loading')} />
      </Center>
    );
  }
  if (events.isError) {
    return (
      <Alert color="red" title={t('events.failed')} role="alert">
        {events.error.message}
      </Alert>
    );
  }
  const podNames = podsOf(workload, pods.data ?? []).map((pod) => pod.metadata.name ?? '');
  const rows = eventsAbout(events.data, workload, podNames);
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('events.empty')}
      </Text>
    );
  }
  const columns: Column<KubeEvent>[] = [
    {
      id: 'type',
      header: t('events.type'),
      nowrap: true,
      // Kubernetes' own words (Normal, Warning), as text: a badge would be clipped in a narrow column.
      cell: (event) => (
        <Text
          size="sm"
          fw={event.type === 'Warning' ? 600 : undefined}
          c={event.type === 'Warning' ? 'orange.8' : undefined}
        >
          {event.type}
        </Text>
      ),
    },
    { id: 'reason', header: t('events.reason'), nowrap: true, cell: (event) => event.reason },
    {
      id: 'object',
      header: t('events.object'),
      maxWidth: 240,
      cell: (event) =>
        t('events.objectName', { kind: event.involvedObject?.kind ?? '', name: event.involvedObject?.name ?? '' }),
    },
    { id: 'message', header: t('events.message'), cell: (event) => event.message },
    {
      id: 'age',
      header: t('column.age'),
      nowrap: true,
      cell: (event) => {
        const seen = lastSeen(event);
        return seen ? format.ago(seen) : t('none');
      },
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(event) => event.metadata.uid ?? event.metadata.name ?? ''}
      minWidth={900}
      caption={t('events.title')}
    />
  );
}
