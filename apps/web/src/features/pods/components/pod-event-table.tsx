import { Alert, Badge, Center, Loader, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import type { KubeEvent } from '@/lib/k8s/types';
import { usePodEvents } from '../api/get-pod-events';

const lastSeen = (event: KubeEvent) =>
  event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? undefined;

/** What happened to the pod (scheduling, pulls, probes, restarts), newest first. */
export function PodEventTable({ clusterId, namespace, pod }: { clusterId: string; namespace: string; pod: string }) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  const events = usePodEvents(clusterId, namespace, pod);
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
  const items = [...events.data.items].sort((a, b) => (lastSeen(b) ?? '').localeCompare(lastSeen(a) ?? ''));
  if (items.length === 0) return <Text c="dimmed">{t('events.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" layout="fixed" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={104}>{t('events.type')}</Table.Th>
            <Table.Th w={180}>{t('events.reason')}</Table.Th>
            <Table.Th>{t('events.message')}</Table.Th>
            <Table.Th w={80}>{t('events.count')}</Table.Th>
            <Table.Th w={130}>{t('events.age')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => {
            const seen = lastSeen(event);
            return (
              <Table.Tr key={event.metadata.uid ?? event.metadata.name}>
                <Table.Td>
                  <Badge color={event.type === 'Warning' ? 'orange' : 'gray'} variant="light" tt="none">
                    {event.type === 'Warning' || event.type === 'Normal'
                      ? t(`events.kind.${event.type}`)
                      : (event.type ?? '')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate title={event.reason}>
                    {event.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {event.message}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.integer(event.count ?? 1)}</Text>
                </Table.Td>
                <Table.Td>
                  {seen && (
                    <Tooltip label={format.dateTime(seen)} withArrow>
                      <Text size="sm" span tabIndex={0}>
                        {format.ago(seen)}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
