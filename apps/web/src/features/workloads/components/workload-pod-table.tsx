import { Alert, Anchor, Center, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '@/components/data-table';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import type { KubePod } from '@/lib/k8s/types';
import { usePods } from '../api/get-pods';
import { getWorkloadsQueryOptions } from '../api/get-workloads';
import { podsOf, podState, restartsOf, type WorkloadRef } from '../utils/workload-relations';

export function WorkloadPodTable({
  clusterId,
  projectId,
  workload,
}: {
  clusterId: string;
  projectId: string;
  workload: WorkloadRef;
}) {
  const { t } = useTranslation('workloads');
  const format = useFormatters();
  const namespace = workload.object.metadata.namespace ?? '';
  const pods = usePods(clusterId, namespace);
  // A CronJob's pods belong to the Jobs it made, so those are needed to find them.
  const jobs = useQuery({
    ...getWorkloadsQueryOptions(clusterId, 'Job', namespace),
    enabled: workload.kind === 'CronJob',
  });

  if (pods.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('pods.loading')} />
      </Center>
    );
  }
  if (pods.isError) {
    return (
      <Alert color="red" title={t('pods.failed')} role="alert">
        {pods.error.message}
      </Alert>
    );
  }
  const rows = podsOf(workload, pods.data, jobs.data).sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '', undefined, { numeric: true }),
  );
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('pods.empty')}
      </Text>
    );
  }
  const none = t('none');
  const columns: Column<KubePod>[] = [
    { id: 'state', header: t('column.state'), nowrap: true, cell: (pod) => podState(pod) },
    {
      id: 'name',
      header: t('column.name'),
      cell: (pod) => (
        <Anchor
          component={Link}
          to={paths.pod.getHref(clusterId, projectId, { namespace, name: pod.metadata.name ?? '' })}
        >
          {pod.metadata.name}
        </Anchor>
      ),
    },
    { id: 'node', header: t('column.node'), cell: (pod) => pod.spec?.nodeName || none },
    { id: 'ip', header: t('column.ip'), nowrap: true, cell: (pod) => pod.status?.podIP || none },
    {
      id: 'restarts',
      header: t('column.restarts'),
      align: 'right',
      nowrap: true,
      cell: (pod) => format.integer(restartsOf([pod])),
    },
    {
      id: 'age',
      header: t('column.age'),
      nowrap: true,
      cell: (pod) => (pod.metadata.creationTimestamp ? format.ago(pod.metadata.creationTimestamp) : none),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(pod) => pod.metadata.uid ?? pod.metadata.name ?? ''}
      minWidth={800}
      caption={t('pods.title')}
    />
  );
}
