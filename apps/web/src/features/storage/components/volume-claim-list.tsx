import { ActionIcon, Alert, Center, Loader, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import { useFormatters } from '@/lib/format';
import type { KubePersistentVolumeClaim, KubeStorageClass } from '@/lib/k8s/types';
import { useCan } from '@/lib/k8s/use-access-review';
import { useStorageClasses } from '../api/get-storage-classes';
import { useVolumeClaimsOf } from '../api/get-volume-claims';
import { useSize } from '../hooks/use-size';
import { bytesOf } from '../utils/quantities';
import { accessModeAbbreviations } from '../utils/volume-claim-draft';
import { DeleteVolumeClaimModal } from './delete-volume-claim-modal';
import { ExpandVolumeClaimModal } from './expand-volume-claim-modal';
import { claimState, StateBadge } from './state-badge';

interface VolumeClaimListProps {
  clusterId: string;
  /** The project's namespaces; claims are listed in each of them. */
  namespaces: string[];
}

export function VolumeClaimList({ clusterId, namespaces }: VolumeClaimListProps) {
  const { t } = useTranslation('storage');
  const format = useFormatters();
  const size = useSize();
  const claims = useVolumeClaimsOf(clusterId, namespaces);
  const storageClasses = useStorageClasses(clusterId);
  const [deleting, setDeleting] = useState<KubePersistentVolumeClaim>();
  const [expanding, setExpanding] = useState<KubePersistentVolumeClaim>();

  if (claims.isPending && claims.claims.length === 0) {
    return (
      <Center py="xl">
        <Loader aria-label={t('claims.loading')} />
      </Center>
    );
  }

  const none = t('none');
  const columns: Column<KubePersistentVolumeClaim>[] = [
    { id: 'state', header: t('column.state'), nowrap: true, cell: (claim) => <StateBadge state={claimState(claim)} /> },
    {
      id: 'name',
      header: t('column.name'),
      maxWidth: 240,
      cell: (claim) => <Text fw={500}>{claim.metadata.name}</Text>,
    },
    { id: 'namespace', header: t('column.namespace'), cell: (claim) => claim.metadata.namespace },
    { id: 'status', header: t('column.status'), cell: (claim) => claim.status?.phase ?? 'Pending' },
    {
      id: 'volume',
      header: t('column.volume'),
      maxWidth: 220,
      cell: (claim) => claim.spec?.volumeName || none,
    },
    {
      id: 'capacity',
      header: t('column.capacity'),
      align: 'right',
      nowrap: true,
      cell: (claim) => <ClaimCapacity claim={claim} size={size} none={none} />,
    },
    {
      id: 'accessModes',
      header: t('column.accessModes'),
      nowrap: true,
      cell: (claim) =>
        (claim.status?.accessModes ?? claim.spec?.accessModes ?? [])
          .map((mode) => accessModeAbbreviations[mode])
          .join(', ') || none,
    },
    { id: 'storageClass', header: t('column.storageClass'), cell: (claim) => claim.spec?.storageClassName || none },
    {
      id: 'age',
      header: t('column.age'),
      nowrap: true,
      cell: (claim) => (claim.metadata.creationTimestamp ? format.ago(claim.metadata.creationTimestamp) : none),
    },
  ];

  return (
    <Stack gap="sm">
      {claims.failures.map((failure) => (
        <Alert
          key={failure.namespace}
          color="red"
          title={t('claims.failed', { namespace: failure.namespace })}
          role="alert"
        >
          {failure.message}
        </Alert>
      ))}
      {claims.claims.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {namespaces.length === 0 ? t('claims.noNamespaces') : t('claims.empty')}
        </Text>
      ) : (
        <DataTable
          columns={columns}
          rows={claims.claims}
          rowKey={(claim) => claim.metadata.uid ?? `${claim.metadata.namespace}/${claim.metadata.name}`}
          minWidth={960}
          verticalSpacing="sm"
          actions={{
            label: t('column.actions'),
            cell: (claim) => (
              <ClaimActions
                clusterId={clusterId}
                claim={claim}
                storageClass={storageClasses.data?.find(
                  (storageClass) => storageClass.metadata.name === claim.spec?.storageClassName,
                )}
                onExpand={() => setExpanding(claim)}
                onDelete={() => setDeleting(claim)}
              />
            ),
          }}
        />
      )}
      <DeleteVolumeClaimModal clusterId={clusterId} claim={deleting} onClose={() => setDeleting(undefined)} />
      <ExpandVolumeClaimModal clusterId={clusterId} claim={expanding} onClose={() => setExpanding(undefined)} />
    </Stack>
  );
}

/** What the claim holds, and while a resize is under way, what it was asked to grow to. */
function ClaimCapacity({
  claim,
  size,
  none,
}: {
  claim: KubePersistentVolumeClaim;
  size: ReturnType<typeof useSize>;
  none: string;
}) {
  const { t } = useTranslation('storage');
  const held = claim.status?.capacity?.storage;
  const requested = claim.spec?.resources?.requests?.storage;
  const shown = size(held ?? requested) ?? none;
  const growing = held && requested && (bytesOf(requested) ?? 0) > (bytesOf(held) ?? 0);
  if (!growing) return <>{shown}</>;
  return (
    <Stack gap={0} align="flex-end">
      <span>{shown}</span>
      <Text size="xs" c="dimmed">
        {t('claims.resizingTo', { size: size(requested) })}
      </Text>
    </Stack>
  );
}

interface ClaimActionsProps {
  clusterId: string;
  claim: KubePersistentVolumeClaim;
  storageClass: KubeStorageClass | undefined;
  onExpand: () => void;
  onDelete: () => void;
}

function ClaimActions({ clusterId, claim, storageClass, onExpand, onDelete }: ClaimActionsProps) {
  const { t } = useTranslation('storage');
  const namespace = claim.metadata.namespace ?? '';
  const name = claim.metadata.name ?? '';
  const target = { group: '', resource: 'persistentvolumeclaims', namespace, name };
  const canPatch = useCan(clusterId, { verb: 'patch', ...target });
  const canDelete = useCan(clusterId, { verb: 'delete', ...target });

  // The first reason that applies, in the order a person can do something about it.
  const expandBlocked = !canPatch.allowed
    ? canPatch.isPending
      ? t('rbac.checking')
      : t('rbac.cannotExpandClaim', { namespace })
    : !storageClass?.allowVolumeExpansion
      ? t('claims.expandNotAllowed', { storageClass: claim.spec?.storageClassName || t('none') })
      : claim.status?.phase !== 'Bound'
        ? t('claims.expandNotBound')
        : claim.metadata.deletionTimestamp
          ? t('claims.terminating')
          : undefined;
  const deleteBlocked = !canDelete.allowed
    ? canDelete.isPending
      ? t('rbac.checking')
      : t('rbac.cannotDeleteClaim', { namespace })
    : claim.metadata.deletionTimestamp
      ? t('claims.terminating')
      : undefined;

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { name })}>
          <span aria-hidden="true">⋮</span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown maw={300}>
        <Menu.Item disabled={expandBlocked !== undefined} onClick={onExpand}>
          <Text size="sm">{t('claims.expand')}</Text>
          {expandBlocked && (
            <Text size="xs" c="dimmed">
              {expandBlocked}
            </Text>
          )}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" disabled={deleteBlocked !== undefined} onClick={onDelete}>
          <Text size="sm">{t('claims.delete')}</Text>
          {deleteBlocked && (
            <Text size="xs" c="dimmed">
              {deleteBlocked}
            </Text>
          )}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
