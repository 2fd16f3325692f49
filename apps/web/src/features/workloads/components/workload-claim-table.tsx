import { Alert, Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { useVolumeClaims } from '../api/get-volume-claims';
import { claimNamesOf, type WorkloadRef } from '../utils/workload-relations';

interface ClaimRow {
  name: string;
  /** Absent while a StatefulSet has yet to create it, or after someone deleted it. */
  claim: KubePersistentVolumeClaim | undefined;
}

/** The claims the workload mounts or makes per replica, with where each stands. */
export function WorkloadClaimTable({ clusterId, workload }: { clusterId: string; workload: WorkloadRef }) {
  const { t } = useTranslation('workloads');
  const namespace = workload.object.metadata.namespace ?? '';
  const claims = useVolumeClaims(clusterId, namespace);

  if (claims.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('claims.loading')} />
      </Center>
    );
  }
  if (claims.isError) {
    return (
      <Alert color="red" title={t('claims.failed')} role="alert">
        {claims.error.message}
      </Alert>
    );
  }
  const rows: ClaimRow[] = claimNamesOf(workload, claims.data).map((name) => ({
    name,
    claim: claims.data.find((claim) => claim.metadata.name === name),
  }));
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('claims.empty')}
      </Text>
    );
  }
  const none = t('none');
  const columns: Column<ClaimRow>[] = [
    { id: 'name', header: t('column.name'), cell: (row) => row.name },
    {
      id: 'status',
      header: t('column.status'),
      nowrap: true,
      cell: (row) =>
        row.claim?.metadata.deletionTimestamp
          ? t('state.Terminating')
          : (row.claim?.status?.phase ?? (row.claim ? 'Pending' : t('claims.missing'))),
    },
    { id: 'volume', header: t('column.volume'), cell: (row) => row.claim?.spec?.volumeName || none },
    { id: 'storageClass', header: t('column.storageClass'), cell: (row) => row.claim?.spec?.storageClassName || none },
    {
      id: 'capacity',
      header: t('column.capacity'),
      align: 'right',
      nowrap: true,
      // Kubernetes' own quantity (10Gi), as the claim and `kubectl get pvc` write it.
      cell: (row) => row.claim?.status?.capacity?.storage ?? row.claim?.spec?.resources?.requests?.storage ?? none,
    },
  ];
  return (
    <DataTable columns={columns} rows={rows} rowKey={(row) => row.name} minWidth={800} caption={t('claims.title')} />
  );
}
