import type { AuditEntry, AuditQuery } from '@bokujo/shared';
import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '@/lib/format';
import { useAudit } from '../api/get-audit';
import { auditActionKey, auditActions } from '../utils/labels';
import { PageHeader } from '@/components/page-header';
import { RequestError } from './request-error';

const filterNames = ['action', 'actor', 'target', 'outcome', 'since', 'until'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

/** The filters live in the address, so a filtered view can be shared and survives a reload. */
function filtersOf(search: URLSearchParams): Filters {
  return Object.fromEntries(filterNames.map((name) => [name, search.get(name) ?? ''])) as Filters;
}

/** `datetime-local` inputs give local wall-clock time; the server wants an instant. */
function toInstant(local: string) {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function toQuery(filters: Filters): AuditQuery {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.target ? { target: filters.target } : {}),
    ...(filters.outcome === 'success' || filters.outcome === 'failure' ? { outcome: filters.outcome } : {}),
    ...(filters.since && toInstant(filters.since) ? { since: toInstant(filters.since) } : {}),
    ...(filters.until && toInstant(filters.until) ? { until: toInstant(filters.until) } : {}),
  };
}

/** The audit log for administrators: what was done in Bokujo, by whom, newest first. */
export function AuditLog() {
  const { t } = useTranslation('access');
  const [search, setSearch] = useSearchParams();
  const applied = filtersOf(search);
  const [draft, setDraft] = useState(applied);
  const entries = useAudit(toQuery(applied));

  function apply(event: FormEvent) {
    event.preventDefault();
    setSearch(Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== '')), { replace: true });
  }

  function clear() {
    const empty = filtersOf(new URLSearchParams());
    setDraft(empty);
    setSearch({}, { replace: true });
  }

  const actionOptions = auditActions.map((action) => ({ value: action, label: actionLabel(t, action) }));
  const set = (name: keyof Filters) => (value: string | null) =>
    setDraft((current) => ({ ...current, [name]: value ?? '' }));

  return (
    <Stack gap="md">
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <Paper withBorder p="md" component="form" onSubmit={apply} aria-label={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Select
            label={t('audit.filter.action')}
            placeholder={t('audit.filter.any')}
            data={actionOptions}
            value={draft.action || null}
            onChange={set('action')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('audit.filter.clearAction') }}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('audit.filter.actor')}
            description={t('audit.filter.exact')}
            value={draft.actor}
            onChange={(event) => set('actor')(event.currentTarget.value)}
          />
          <TextInput
            label={t('audit.filter.target')}
            description={t('audit.filter.exact')}
            value={draft.target}
            onChange={(event) => set('target')(event.currentTarget.value)}
          />
          <Select
            label={t('audit.filter.outcome')}
            placeholder={t('audit.filter.any')}
            data={[
              { value: 'success', label: t('audit.outcome.success') },
              { value: 'failure', label: t('audit.outcome.failure') },
            ]}
            value={draft.outcome || null}
            onChange={set('outcome')}
            clearable
            clearButtonProps={{ 'aria-label': t('audit.filter.clearOutcome') }}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            type="datetime-local"
            label={t('audit.filter.since')}
            value={draft.since}
            onChange={(event) => set('since')(event.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('audit.filter.until')}
            value={draft.until}
            onChange={(event) => set('until')(event.currentTarget.value)}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={clear}>
            {t('audit.filter.clear')}
          </Button>
          <Button type="submit">{t('audit.filter.apply')}</Button>
        </Group>
      </Paper>
      {entries.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('audit.loading')} />
        </Center>
      ) : entries.isError ? (
        <RequestError error={entries.error} title={t('audit.failed')} onRetry={() => void entries.refetch()} />
      ) : entries.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('audit.empty')}
        </Text>
      ) : (
        <AuditTable entries={entries.data} />
      )}
    </Stack>
  );
}

type Translate = ReturnType<typeof useTranslation<'access'>>['t'];

function actionLabel(t: Translate, action: string) {
  const key = auditActionKey(action);
  return key ? t(`audit.action.${key}`) : action;
}

function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useTranslation('access');
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.column.time')}</Table.Th>
            <Table.Th>{t('audit.column.actor')}</Table.Th>
            <Table.Th>{t('audit.column.action')}</Table.Th>
            <Table.Th>{t('audit.column.target')}</Table.Th>
            <Table.Th w={90}>{t('audit.column.outcome')}</Table.Th>
            <Table.Th w="28%">{t('audit.column.details')}</Table.Th>
            <Table.Th>{t('audit.column.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.time)}</Table.Td>
              <Table.Td>{entry.actorName ?? t('audit.nobody')}</Table.Td>
              <Table.Td>
                <Text size="sm">{actionLabel(t, entry.action)}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {entry.action}
                </Text>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {entry.targetName ?? entry.targetId ?? t('audit.none')}
                {entry.targetKind && (
                  <Text size="xs" c="dimmed">
                    {entry.targetKind}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={entry.outcome === 'success' ? 'teal' : 'red'} variant="light">
                  {entry.outcome === 'success' ? t('audit.outcome.success') : t('audit.outcome.failure')}
                </Badge>
              </Table.Td>
              <Table.Td>
                {entry.details ? (
                  <Text
                    size="xs"
                    ff="monospace"
                    lineClamp={3}
                    style={{ overflowWrap: 'anywhere' }}
                    title={JSON.stringify(entry.details)}
                  >
                    {Object.entries(entry.details)
                      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
                      .join(' ')}
                  </Text>
                ) : (
                  t('audit.none')
                )}
              </Table.Td>
              <Table.Td ff="monospace" fz="xs">
                {entry.sourceIp ?? t('audit.none')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
