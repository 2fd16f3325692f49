import { Alert, Badge, Center, Loader, Table, Text, Tooltip } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import type { KubeEvent, KubeList } from '@/lib/k8s/types';

/** A column only some event tables have (the object, the count), described as data. */
export interface EventColumn {
  id: string;
  header: string;
  width: number;
  cell: (event: KubeEvent) => ReactNode;
}

interface EventTableProps {
  /** The events query; while it loads or when it fails, that is shown in place of the table. */
  events: UseQueryResult<KubeList<KubeEvent>>;
  /** Puts the newest first, as the feature reads when an event was last seen. */
  order: (events: readonly KubeEvent[]) => KubeEvent[];
  lastSeen: (event: KubeEvent) => string | undefined;
  empty: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  reasonWidth: number;
  age: { header: string; width: number };
  /** The table's own columns: one before the message, one after it. */
  beforeMessage?: EventColumn;
  afterMessage?: EventColumn;
  /** Long messages are cut after this many lines; by default they are shown whole. */
  messageLines?: number;
}

/** Kubernetes events as a table: type, reason, message and when last seen, plus a feature's own columns. */
export function EventTable({
  events,
  order,
  lastSeen,
  empty,
  minWidth,
  reasonWidth,
  age,
  beforeMessage,
  afterMessage,
  messageLines,
}: EventTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
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
  const items = order(events.data.items);
  if (items.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={104}>{t('events.type')}</Table.Th>
            <Table.Th w={reasonWidth}>{t('events.reason')}</Table.Th>
            {beforeMessage && <Table.Th w={beforeMessage.width}>{beforeMessage.header}</Table.Th>}
            <Table.Th>{t('events.message')}</Table.Th>
            {afterMessage && <Table.Th w={afterMessage.width}>{afterMessage.header}</Table.Th>}
            <Table.Th w={age.width}>{age.header}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => {
            const seen = lastSeen(event);
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
                {beforeMessage && <Table.Td>{beforeMessage.cell(event)}</Table.Td>}
                <Table.Td>
                  <Text size="sm" lineClamp={messageLines} style={{ overflowWrap: 'anywhere' }}>
                    {event.message}
                  </Text>
                </Table.Td>
                {afterMessage && <Table.Td>{afterMessage.cell(event)}</Table.Td>}
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
