import { Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import type { KubeCondition } from '@/lib/k8s/types';

/** PodScheduled, Initialized, ContainersReady, Ready… as Kubernetes names them. */
export function ConditionTable({ conditions }: { conditions: KubeCondition[] }) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  if (conditions.length === 0) return <Text c="dimmed">{t('conditions.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" layout="fixed" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t('conditions.type')}</Table.Th>
            <Table.Th w={110}>{t('conditions.status')}</Table.Th>
            <Table.Th w={200}>{t('conditions.reason')}</Table.Th>
            <Table.Th>{t('conditions.message')}</Table.Th>
            <Table.Th w={140}>{t('conditions.changed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conditions.map((condition) => (
            <Table.Tr key={condition.type}>
              <Table.Td>
                <Text size="sm">{condition.type}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={condition.status === 'True' ? 'teal' : 'orange'}>
                  {condition.status}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate title={condition.reason}>
                  {condition.reason}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {condition.message}
                </Text>
              </Table.Td>
              <Table.Td>
                {condition.lastTransitionTime && (
                  <Tooltip label={format.dateTime(condition.lastTransitionTime)} withArrow>
                    <Text size="sm" span tabIndex={0}>
                      {format.ago(condition.lastTransitionTime)}
                    </Text>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
