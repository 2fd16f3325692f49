import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome, ImportReason } from '../utils/import-plan';

const colors = { created: 'teal', configured: 'blue', failed: 'red', refused: 'orange' } as const;

/** One row per document, in file order: what it is, where it went, and what happened. */
export function ImportResultsTable({ outcomes }: { outcomes: ImportOutcome[] }) {
  const { t } = useTranslation('yaml');
  const reasonText = (reason: ImportReason) => {
    switch (reason.code) {
      case 'syntax':
        return reason.line !== undefined
          ? t('import.reason.syntaxAtLine', { line: reason.line, message: reason.message })
          : t('import.reason.syntax', { message: reason.message });
      case 'unknownKind':
        return t('import.reason.unknownKind', { kind: reason.kind, apiVersion: reason.apiVersion });
      case 'clusterScoped':
        return t('import.reason.clusterScoped', { kind: reason.kind });
      case 'foreignNamespace':
        return t('import.reason.foreignNamespace', { namespace: reason.namespace });
      case 'server':
        return reason.message;
      default:
        return t(`import.reason.${reason.code}`);
    }
  };
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" layout="fixed" striped aria-label={t('import.resultsLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t('import.column.document')}</Table.Th>
            <Table.Th w={150}>{t('import.column.kind')}</Table.Th>
            <Table.Th w={200}>{t('import.column.name')}</Table.Th>
            <Table.Th w={160}>{t('import.column.namespace')}</Table.Th>
            <Table.Th w={130}>{t('import.column.result')}</Table.Th>
            <Table.Th>{t('import.column.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcomes.map((outcome) => (
            <Table.Tr key={outcome.index}>
              <Table.Td>{outcome.index}</Table.Td>
              <Table.Td>
                <Text size="sm" truncate title={outcome.kind}>
                  {outcome.kind ?? t('import.unknown')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {outcome.name ?? t('import.unknown')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {outcome.namespace ?? t('import.unknown')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={colors[outcome.result]} variant="light" tt="none">
                  {t(`import.result.${outcome.result}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {outcome.reason ? reasonText(outcome.reason) : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
