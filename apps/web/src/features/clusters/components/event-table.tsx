import { Alert, Badge, Center, Loader, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { useClusterEvents } from '../api/get-cluster-events';
import { lastSeen, newestFirst } from '../utils/node-info';

export function EventTable({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('clusters');
  const format = useFormatters();
  const events = useClusterEvents(clusterId);

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
  const items = newestFirst(events.data.items);
  if (items.length === 0) return <Text c="dimmed">{t('events.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={104}>{t('events.type')}</Table.Th>
            <Table.Th w={200}>{t('events.reason')}</Table.Th>
            <Table.Th w={220}>{t('events.object')}</Table.Th>
            <Table.Th>{t('events.message')}</Table.Th>
            <Table.Th w={104}>{t('events.age')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => {
            const seen = lastSeen(event);
            const object = event.involvedObject;
            return (
              <Table.Tr key={event.metadata.uid ?? `${event.metadata.namespace}/${event.metadata.name}`}>
                <Table.Td>
                  {/* Kubernetes' own words (Normal, Warning), written as Kubernetes writes them. */}
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
                  <Text size="sm" truncate>
                    {object?.kind}
                  </Text>
                  <Text size="xs" c="dimmed" truncate title={object?.name}>
                    {object?.namespace
                      ? t('events.namespaced', { namespace: object.namespace, name: object.name ?? '' })
                      : object?.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                    {event.message}
                  </Text>
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
