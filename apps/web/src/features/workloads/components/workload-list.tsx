import { workloadApiGroup } from '@bokujo/shared';
import { Alert, Anchor, Button, Center, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { Link } from 'react-router';
import { type Column, DataTable } from '@/components/data-table';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useCanEach } from '@/lib/k8s/use-access-review';
import { usePodsOf } from '../api/get-pods';
import { useWorkloadsOf } from '../api/get-workloads';
import { podsOf, restartsOf, type WorkloadRef } from '../utils/workload-relations';
import {
  imagesOf,
  podTemplateOf,
  type Readiness,
  workloadReadiness,
  workloadState,
  type WorkloadState,
} from '../utils/workload-state';
import { type ActionFailure, WorkloadActions } from './workload-actions';
import { WorkloadStateBadge } from './workload-state-badge';

interface WorkloadListProps {
  clusterId: string;
  projectId: string;
  /** The project's namespaces; workloads are listed in each of them. */
  namespaces: string[];
}

interface WorkloadRow extends WorkloadRef {
  key: string;
  name: string;
  namespace: string;
  state: WorkloadState;
  readiness: Readiness | undefined;
  images: string[];
  restarts: number;
}

const allNamespaces = '';

export function WorkloadList({ clusterId, projectId, namespaces }: WorkloadListProps) {
  const { t } = useTranslation('workloads');
  const format = useFormatters();
  const workloads = useWorkloadsOf(clusterId, namespaces);
  const pods = usePodsOf(clusterId, namespaces);
  const [namespaceFilter, setNamespaceFilter] = useState(allNamespaces);
  const [nameFilter, setNameFilter] = useState('');
  const [failure, setFailure] = useState<ActionFailure>();
  const canDeploy = useCanEach(
    clusterId,
    namespaces.map((namespace) => ({
      verb: 'create',
      group: workloadApiGroup('Deployment'),
      resource: 'deployments',
      namespace,
    })),
  ).some((access) => access.allowed);

  const rows = useMemo(() => {
    const jobs = workloads.workloads.filter((workload) => workload.kind === 'Job').map((workload) => workload.object);
    return workloads.workloads
      .map((workload): WorkloadRow => {
        const { kind, object } = workload;
        const namespace = object.metadata.namespace ?? '';
        const name = object.metadata.name ?? '';
        return {
          ...workload,
          key: object.metadata.uid ?? `${namespace}/${kind}/${name}`,
          name,
          namespace,
          state: workloadState(kind, object),
          readiness: workloadReadiness(kind, object),
          images: imagesOf(podTemplateOf(kind, object)),
          restarts: restartsOf(podsOf(workload, pods, jobs)),
        };
      })
      .sort(
        (a, b) =>
          a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind),
      );
  }, [workloads.workloads, pods]);

  const needle = nameFilter.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (namespaceFilter === allNamespaces || row.namespace === namespaceFilter) &&
      (needle === '' || row.name.toLowerCase().includes(needle)),
  );

  const none = t('none');
  const columns: Column<WorkloadRow>[] = [
    { id: 'state', header: t('column.state'), cell: (row) => <WorkloadStateBadge state={row.state} /> },
    {
      id: 'name',
      header: t('column.name'),
      maxWidth: 240,
      cell: (row) => (
        <Anchor
          component={Link}
          to={paths.workload.getHref(clusterId, projectId, {
            namespace: row.namespace,
            kind: row.kind,
            name: row.name,
          })}
          fw={500}
        >
          {row.name}
        </Anchor>
      ),
    },
    { id: 'namespace', header: t('column.namespace'), maxWidth: 180, cell: (row) => row.namespace },
    { id: 'kind', header: t('column.kind'), nowrap: true, cell: (row) => row.kind },
    {
      id: 'image',
      header: t('column.image'),
      maxWidth: 280,
      cell: (row) =>
        row.images.length === 0
          ? none
          : row.images.map((image) => (
              <Text key={image} size="sm" ff="monospace">
                {image}
              </Text>
            )),
    },
    {
      id: 'ready',
      header: t('column.ready'),
      nowrap: true,
      align: 'right',
      cell: (row) =>
        row.readiness ? t('readyCount', { ready: row.readiness.ready, desired: row.readiness.desired }) : none,
    },
    {
      id: 'restarts',
      header: t('column.restarts'),
      nowrap: true,
      align: 'right',
      cell: (row) => format.integer(row.restarts),
    },
    {
      id: 'age',
      header: t('column.age'),
      nowrap: true,
      cell: (row) => (row.object.metadata.creationTimestamp ? format.ago(row.object.metadata.creationTimestamp) : none),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          <Stack gap={4} align="flex-end">
            {canDeploy ? (
              <Button component={Link} to={paths.workloadDeploy.getHref(clusterId, projectId)}>
                {t('list.deploy')}
              </Button>
            ) : (
              <>
                <Button disabled aria-describedby="deploy-denied">
                  {t('list.deploy')}
                </Button>
                <Text id="deploy-denied" size="xs" c="dimmed" maw={320} ta="right">
                  {t('rbac.cannotDeployInProject')}
                </Text>
              </>
            )}
          </Stack>
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label={t('list.namespaceFilter')}
          data={[
            { value: allNamespaces, label: t('list.allNamespaces') },
            ...namespaces.map((namespace) => ({ value: namespace, label: namespace })),
          ]}
          value={namespaceFilter}
          onChange={(value) => setNamespaceFilter(value ?? allNamespaces)}
          allowDeselect={false}
          w={240}
        />
        <TextInput
          label={t('list.nameFilter')}
          placeholder={t('list.nameFilterPlaceholder')}
          value={nameFilter}
          onChange={(event) => setNameFilter(event.currentTarget.value)}
          w={280}
        />
      </Group>
      {failure && (
        <Alert
          color="red"
          title={failure.title}
          role="alert"
          withCloseButton
          onClose={() => setFailure(undefined)}
          closeButtonLabel={t('close')}
        >
          {t('serverSaid', { message: failure.message })}
        </Alert>
      )}
      {workloads.failures.map((failed) => (
        <Alert
          key={`${failed.namespace}/${failed.kind}`}
          color="red"
          title={t('list.failed', { kind: failed.kind, namespace: failed.namespace })}
          role="alert"
        >
          {failed.message}
        </Alert>
      ))}
      {workloads.isPending && rows.length === 0 ? (
        <Center py="xl">
          <Loader aria-label={t('list.loading')} />
        </Center>
      ) : shown.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {namespaces.length === 0 ? t('list.noNamespaces') : rows.length === 0 ? t('list.empty') : t('list.noMatch')}
        </Text>
      ) : (
        <DataTable
          columns={columns}
          rows={shown}
          rowKey={(row) => row.key}
          minWidth={1100}
          caption={t('list.title')}
          actions={{
            label: t('column.actions'),
            cell: (row) => (
              <WorkloadActions clusterId={clusterId} projectId={projectId} workload={row} onError={setFailure} />
            ),
          }}
        />
      )}
    </Stack>
  );
}
