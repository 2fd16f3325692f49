import { Alert, Badge, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { useClusterNodes } from '../api/get-cluster-nodes';
import { type NodeReadiness, toNodeRow } from '../utils/node-info';

const readinessColors: Record<NodeReadiness, string> = { Ready: 'green', NotReady: 'red', Unknown: 'gray' };

export function NodeTable({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('clusters');
  const format = useFormatters();
  const nodes = useClusterNodes(clusterId);

  if (nodes.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('nodes.loading')} />
      </Center>
    );
  }
  if (nodes.isError) {
    return (
      <Alert color="red" title={t('nodes.failed')} role="alert">
        {nodes.error.message}
      </Alert>
    );
  }
  const rows = nodes.data.items.map(toNodeRow).sort((a, b) => a.name.localeCompare(b.name));
  if (rows.length === 0) return <Text c="dimmed">{t('nodes.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('nodes.name')}</Table.Th>
            <Table.Th>{t('nodes.status')}</Table.Th>
            <Table.Th>{t('nodes.roles')}</Table.Th>
            <Table.Th>{t('nodes.version')}</Table.Th>
            <Table.Th ta="right">{t('nodes.cpu')}</Table.Th>
            <Table.Th ta="right">{t('nodes.memory')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((node) => (
            <Table.Tr key={node.name}>
              <Table.Td>
                <Text size="sm" fw={500} truncate maw={320}>
                  {node.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Badge color={readinessColors[node.readiness]} variant="light" tt="none">
                    {t(`nodes.readiness.${node.readiness}`)}
                  </Badge>
                  {node.unschedulable && (
                    <Badge color="gray" variant="outline" tt="none">
                      {t('nodes.cordoned')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {node.roles.length > 0 ? (
                  node.roles.join(', ')
                ) : (
                  <Text c="dimmed" span>
                    {t('nodes.noRole')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{node.kubeletVersion ?? t('nodes.unknown')}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {node.cpuMillicores === undefined
                  ? t('nodes.unknown')
                  : t('nodes.cores', { value: format.cores(node.cpuMillicores) })}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {node.memoryBytes === undefined
                  ? t('nodes.unknown')
                  : t('nodes.gibibytes', { value: format.gibibytes(node.memoryBytes) })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
