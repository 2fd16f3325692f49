import { Badge, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { type ContainerRow, stateOf } from '../utils/containers';

const stateColors = { waiting: 'yellow', running: 'teal', terminated: 'gray', unknown: 'gray' } as const;

/** Each container with the state the kubelet reports: Waiting/Running/Terminated, why, and restarts. */
export function ContainerTable({ rows }: { rows: ContainerRow[] }) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  if (rows.length === 0) return <Text c="dimmed">{t('containers.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" layout="fixed" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>{t('containers.name')}</Table.Th>
            <Table.Th>{t('containers.image')}</Table.Th>
            <Table.Th w={280}>{t('containers.state')}</Table.Th>
            <Table.Th w={110}>{t('containers.ready')}</Table.Th>
            <Table.Th w={96}>{t('containers.restarts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const state = stateOf(row.status?.state);
            const last = stateOf(row.status?.lastState);
            const stateName = t(`containers.stateName.${state.name}`);
            return (
              <Table.Tr key={`${row.kind}/${row.name}`}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={500} truncate title={row.name}>
                      {row.name}
                    </Text>
                    {row.kind === 'init' && (
                      <Badge size="xs" variant="outline" tt="none">
                        {t('containers.init')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Code style={{ overflowWrap: 'anywhere' }}>{row.image ?? ''}</Code>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Group gap={6} wrap="wrap">
                      <Badge color={stateColors[state.name]} variant="light" tt="none">
                        {state.reason
                          ? t('containers.withReason', { state: stateName, reason: state.reason })
                          : stateName}
                      </Badge>
                      {state.exitCode !== undefined && (
                        <Text size="xs">{t('containers.exitCode', { code: state.exitCode })}</Text>
                      )}
                    </Group>
                    {state.since && (
                      <Tooltip label={format.dateTime(state.since)} withArrow>
                        <Text size="xs" c="dimmed" span tabIndex={0} w="fit-content">
                          {t('containers.runningSince', { time: format.ago(state.since) })}
                        </Text>
                      </Tooltip>
                    )}
                    {state.message && (
                      <Text size="xs" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                        {state.message}
                      </Text>
                    )}
                    {last.name === 'terminated' && (
                      <Text size="xs" c="dimmed">
                        {last.exitCode !== undefined
                          ? t('containers.lastState', { reason: last.reason ?? stateName, code: last.exitCode })
                          : t('containers.lastStateNoCode', { reason: last.reason ?? '' })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={row.status?.ready ? undefined : 'dimmed'}>
                    {row.status?.ready ? t('containers.readyYes') : t('containers.readyNo')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{format.integer(row.status?.restartCount ?? 0)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
