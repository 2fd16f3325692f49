import {
  type Project,
  type ResourceFilter,
  type ResourceListSort,
  type ResourceRow,
  resourceListSorts,
} from '@bokujo/shared';
import { Alert, Anchor, Button, Center, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { Link, useSearchParams } from 'react-router';
import { type TableSort, type VirtualColumn, VirtualTable } from '@/components/virtual-table';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useFormatters } from '@/lib/format';
import { useResourceList } from '@/lib/k8s/use-resource-list';
import { useNamespaceProjects } from '../api/get-namespace-projects';
import { PodStateBadge } from './pod-phase-badge';

interface PodListProps {
  clusterId: string;
  /** The cluster's projects the person may see, for the project filter. */
  projects: Project[];
}

/** The states kubectl most often shows; the list filters on the exact text. */
const podStates = [
  'Running',
  'Pending',
  'ContainerCreating',
  'Completed',
  'Succeeded',
  'Failed',
  'Error',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'NotReady',
  'Terminating',
  'Unknown',
];

const sortableColumns = new Set(['name', 'namespace', 'state', 'age']);
const filterFields = ['project', 'namespace', 'name', 'state'] as const;
const typingDelayMs = 300;

const isSort = (value: string | null): value is ResourceListSort => resourceListSorts.some((sort) => sort === value);

function tableSortOf(sort: ResourceListSort): TableSort {
  const descending = sort.startsWith('-');
  return { column: descending ? sort.slice(1) : sort, direction: descending ? 'descending' : 'ascending' };
}

function listSortOf({ column, direction }: TableSort): ResourceListSort {
  const sort = direction === 'descending' ? `-${column}` : column;
  return isSort(sort) ? sort : 'name';
}

/**
 * All pods of a cluster in one table that stays quick at tens of thousands: the server filters,
 * sorts and pages, the table renders only what is on screen, and the watch socket keeps it current.
 * Filters and sort live in the address, so a view can be shared or reloaded.
 */
export function PodList({ clusterId, projects }: PodListProps) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();

  const filter: ResourceFilter = Object.fromEntries(
    filterFields.flatMap((field) => {
      const value = params.get(field)?.trim();
      return value ? [[field, value]] : [];
    }),
  );
  const sortParam = params.get('sort');
  const sort: ResourceListSort = isSort(sortParam) ? sortParam : 'name';
  const list = useResourceList({ clusterId, resource: 'pods', filter, sort });

  // The debounced text and an open select may call back with the address of an older render;
  // every change starts from the newest one instead.
  const latestParams = useRef(params);
  useEffect(() => {
    latestParams.current = params;
  }, [params]);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(latestParams.current);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    latestParams.current = next;
    setParams(next, { replace: true });
  };

  // Typed text reaches the address (and the server) once the typing pauses.
  const [nameText, setNameText] = useState(filter.name ?? '');
  const [namespaceText, setNamespaceText] = useState(filter.namespace ?? '');
  const commitText = useDebouncedCallback((field: 'name' | 'namespace', value: string) => {
    update({ [field]: value.trim() || null });
  }, typingDelayMs);

  const chosenProject = params.get('project')?.trim() || undefined;
  const knownProjects = useNamespaceProjects(clusterId, chosenProject === undefined).data;

  const columns = useMemo<VirtualColumn<ResourceRow>[]>(() => {
    const none = t('list.none');
    const projectOf = (namespace: string | undefined) =>
      chosenProject ?? (namespace ? knownProjects?.get(namespace) : undefined);
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : none);
    const columns: VirtualColumn<ResourceRow>[] = [
      {
        id: 'state',
        header: t('list.column.state'),
        width: 150,
        cell: (row) => <PodStateBadge state={row.state} />,
      },
      {
        id: 'name',
        header: t('list.column.name'),
        cell: (row) => {
          const projectId = projectOf(row.namespace);
          return projectId && row.namespace ? (
            <Anchor
              component={Link}
              to={paths.pod.getHref(clusterId, projectId, { namespace: row.namespace, name: row.name })}
              fw={500}
              size="sm"
            >
              {row.name}
            </Anchor>
          ) : (
            <Text span fw={500} size="sm">
              {row.name}
            </Text>
          );
        },
      },
      { id: 'namespace', header: t('list.column.namespace'), width: 150, cell: (row) => row.namespace ?? none },
      {
        id: 'ready',
        header: t('list.column.ready'),
        width: 70,
        align: 'right',
        cell: (row) => text(row.cells['ready']),
      },
      {
        id: 'restarts',
        header: t('list.column.restarts'),
        width: 90,
        align: 'right',
        cell: (row) => {
          const restarts = row.cells['restarts'];
          return typeof restarts === 'number' ? format.integer(restarts) : none;
        },
      },
      { id: 'node', header: t('list.column.node'), width: 130, cell: (row) => text(row.cells['node']) },
      { id: 'ip', header: t('list.column.ip'), width: 110, cell: (row) => text(row.cells['ip']) },
      { id: 'age', header: t('list.column.age'), width: 140, cell: (row) => format.ago(row.createdAt) },
    ];
    return columns.map((column) => ({ ...column, sortable: sortableColumns.has(column.id) }));
  }, [t, format, clusterId, chosenProject, knownProjects]);

  // Measured once: a height that follows the window would grow with a full-page screenshot or
  // print, which the spacer rows would then fill with nothing.
  const [tableHeight] = useState(() => Math.max(360, window.innerHeight - 290));

  const forbidden = isApiError(list.error, 403);
  const filterText = JSON.stringify([filter, sort]);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          list.total !== undefined && (
            <Text size="sm" c="dimmed" role="status" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
              {list.isPlaceholder ? t('list.updating') : t('list.total', { count: format.integer(list.total) })}
            </Text>
          )
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label={t('list.filter.project')}
          data={[
            { value: '', label: t('list.filter.allProjects') },
            ...projects.map((project) => ({ value: project.id, label: project.name })),
          ]}
          value={filter.project ?? ''}
          onChange={(value) => update({ project: value || null })}
          allowDeselect={false}
          searchable
          w={220}
        />
        <TextInput
          label={t('list.filter.namespace')}
          placeholder={t('list.filter.namespacePlaceholder')}
          value={namespaceText}
          onChange={(event) => {
            setNamespaceText(event.currentTarget.value);
            commitText('namespace', event.currentTarget.value);
          }}
          w={200}
        />
        <TextInput
          label={t('list.filter.name')}
          placeholder={t('list.filter.namePlaceholder')}
          type="search"
          value={nameText}
          onChange={(event) => {
            setNameText(event.currentTarget.value);
            commitText('name', event.currentTarget.value);
          }}
          w={240}
        />
        <Select
          label={t('list.filter.state')}
          data={[
            { value: '', label: t('list.filter.allStates') },
            ...podStates.map((state) => ({ value: state, label: state })),
          ]}
          value={filter.state ?? ''}
          onChange={(value) => update({ state: value || null })}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {list.error ? (
        <Alert color={forbidden ? 'yellow' : 'red'} title={t('list.failed')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{list.error.message}</Text>
            {forbidden && <Text size="sm">{t('list.forbiddenHint')}</Text>}
            {!forbidden && (
              <Button size="xs" variant="light" onClick={list.retry}>
                {t('list.retry')}
              </Button>
            )}
          </Stack>
        </Alert>
      ) : list.isPending || list.total === undefined ? (
        <Center py="xl">
          <Loader aria-label={t('list.loading')} />
        </Center>
      ) : (
        <VirtualTable
          columns={columns}
          total={list.total}
          rowAt={list.rowAt}
          rowKey={(row) => row.uid}
          onRangeChange={list.setVisibleRange}
          sort={tableSortOf(sort)}
          onSortChange={(next) => update({ sort: listSortOf(next) === 'name' ? null : listSortOf(next) })}
          label={t('list.tableLabel')}
          loadingLabel={t('list.loadingRow')}
          emptyLabel={t('list.empty')}
          height={tableHeight}
          minWidth={1040}
          resetScrollKey={filterText}
        />
      )}
    </Stack>
  );
}
