import type { ProjectNamespace } from '@bokujo/shared';
import { Badge, Button, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';

interface NamespaceTableProps {
  namespaces: readonly ProjectNamespace[];
  onMove: (namespace: ProjectNamespace) => void;
  /** Why the person may not move these namespaces; absent when they may. */
  moveDeniedReason: string | undefined;
}

/** The namespaces of one project (or of none), each movable to another project. */
export function NamespaceTable({ namespaces, onMove, moveDeniedReason }: NamespaceTableProps) {
  const { t } = useTranslation('access');
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('namespaces.column.name')}</Table.Th>
            <Table.Th w={140}>{t('namespaces.column.state')}</Table.Th>
            <Table.Th w={200}>{t('namespaces.column.created')}</Table.Th>
            <Table.Th w={120}>
              <VisuallyHidden>{t('namespaces.column.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {namespaces.map((namespace) => (
            <Table.Tr key={namespace.name}>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {namespace.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={namespace.phase === 'Active' ? 'teal' : 'orange'}>
                  {namespace.phase === 'Terminating' ? t('namespaces.phase.Terminating') : t('namespaces.phase.Active')}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {namespace.createdAt ? format.dateTime(namespace.createdAt) : t('namespaces.unknown')}
              </Table.Td>
              <Table.Td ta="right">
                <Tooltip label={moveDeniedReason} disabled={!moveDeniedReason} multiline maw={320} withArrow>
                  <Button
                    size="compact-sm"
                    variant="default"
                    data-disabled={moveDeniedReason ? true : undefined}
                    aria-disabled={moveDeniedReason ? 'true' : undefined}
                    aria-label={t('namespaces.move.label', { namespace: namespace.name })}
                    onClick={() => !moveDeniedReason && onMove(namespace)}
                  >
                    {t('namespaces.move.open')}
                  </Button>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
