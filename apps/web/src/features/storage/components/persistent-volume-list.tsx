import { Alert, Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import type { KubePersistentVolume } from '@/lib/k8s/types';
import { usePersistentVolumes } from '../api/get-persistent-volumes';
import { useSize } from '../hooks/use-size';
import { accessModeAbbreviations } from '../utils/volume-claim-draft';
import { StateBadge, volumeState } from './state-badge';

/** Every PersistentVolume of the cluster, read-only: volumes are made by claims or by admins. */
export function PersistentVolumeList({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('storage');
  const size = useSize();
  const volumes = usePersistentVolumes(clusterId);

  if (volumes.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('volumes.loading')} />
      </Center>
    );
  }
  if (volumes.isError) {
    return (
      <Alert color="red" title={t('volumes.failed')} role="alert">
        {volumes.error.message}
      </Alert>
    );
  }
  if (volumes.data.length === 0) {
    return (
      <Text c="dimmed" py="lg" ta="center">
        {t('volumes.empty')}
      </Text>
    );
  }

  const none = t('none');
  const columns: Column<KubePersistentVolume>[] = [
    {
      id: 'state',
      header: t('column.state'),
      nowrap: true,
      cell: (volume) => <StateBadge state={volumeState(volume)} />,
    },
    {
      id: 'name',
      header: t('column.name'),
      maxWidth: 280,
      cell: (volume) => <Text fw={500}>{volume.metadata.name}</Text>,
    },
    {
      id: 'capacity',
      header: t('column.capacity'),
      align: 'right',
      nowrap: true,
      cell: (volume) => size(volume.spec?.capacity?.storage) ?? none,
    },
    {
      id: 'accessModes',
      header: t('column.accessModes'),
      nowrap: true,
      cell: (volume) =>
        (volume.spec?.accessModes ?? []).map((mode) => accessModeAbbreviations[mode]).join(', ') || none,
    },
    {
      id: 'reclaimPolicy',
      header: t('column.reclaimPolicy'),
      cell: (volume) => volume.spec?.persistentVolumeReclaimPolicy ?? none,
    },
    { id: 'status', header: t('column.status'), cell: (volume) => volume.status?.phase ?? none },
    {
      id: 'claim',
      header: t('column.claim'),
      maxWidth: 220,
      cell: (volume) => {
        const claim = volume.spec?.claimRef;
        return claim?.name ? t('volumes.claimRef', { namespace: claim.namespace ?? '', name: claim.name }) : none;
      },
    },
    {
      id: 'storageClass',
      header: t('column.storageClass'),
      cell: (volume) => volume.spec?.storageClassName || none,
    },
    {
      id: 'reason',
      header: t('column.reason'),
      maxWidth: 240,
      cell: (volume) =>
        volume.status?.reason || volume.status?.message ? (
          <Text size="sm" title={volume.status.message}>
            {volume.status.reason ?? volume.status.message}
          </Text>
        ) : (
          none
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={volumes.data}
      rowKey={(volume) => volume.metadata.uid ?? volume.metadata.name ?? ''}
      minWidth={960}
      verticalSpacing="sm"
    />
  );
}
