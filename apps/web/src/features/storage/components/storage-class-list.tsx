import { ActionIcon, Alert, Badge, Center, Loader, Menu, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import { isApiError } from '@/lib/api-client';
import type { KubeStorageClass } from '@/lib/k8s/types';
import { useCan } from '@/lib/k8s/use-access-review';
import { useStorageClasses } from '../api/get-storage-classes';
import { useSetDefaultStorageClass } from '../api/set-default-storage-class';
import { useListFormat } from '../hooks/use-list-format';
import { defaultClassNames, effectiveDefaultClass, isDefaultClass } from '../utils/storage-classes';
import { objectState, StateBadge } from './state-badge';

type Outcome =
  | { kind: 'done'; name: string; madeDefault: boolean }
  | { kind: 'failed'; name: string; madeDefault: boolean; status: number | undefined; message: string };

/** The cluster's StorageClasses, with the ⋮ menu that makes one the default or unsets it. */
export function StorageClassList({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('storage');
  const listFormat = useListFormat();
  const storageClasses = useStorageClasses(clusterId);
  const setDefault = useSetDefaultStorageClass(clusterId);
  const canChange = useCan(clusterId, { verb: 'patch', group: 'storage.k8s.io', resource: 'storageclasses' });
  const [outcome, setOutcome] = useState<Outcome>();

  if (storageClasses.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('classes.loading')} />
      </Center>
    );
  }
  if (storageClasses.isError) {
    return (
      <Alert color="red" title={t('classes.failed')} role="alert">
        {storageClasses.error.message}
      </Alert>
    );
  }

  function change(name: string, madeDefault: boolean) {
    setOutcome(undefined);
    setDefault.mutate(
      { name, default: madeDefault },
      {
        onSuccess: () => setOutcome({ kind: 'done', name, madeDefault }),
        onError: (error) =>
          setOutcome({
            kind: 'failed',
            name,
            madeDefault,
            status: isApiError(error) ? error.status : undefined,
            message: error.message,
          }),
      },
    );
  }

  const classes = storageClasses.data;
  const defaults = defaultClassNames(classes);
  const columns: Column<KubeStorageClass>[] = [
    {
      id: 'state',
      header: t('column.state'),
      nowrap: true,
      cell: (item) => <StateBadge state={objectState(item.metadata)} />,
    },
    { id: 'name', header: t('column.name'), cell: (item) => <Text fw={500}>{item.metadata.name}</Text> },
    { id: 'provisioner', header: t('column.provisioner'), cell: (item) => item.provisioner },
    {
      id: 'default',
      header: t('column.default'),
      cell: (item) =>
        isDefaultClass(item) ? (
          <Badge variant="outline" color="blue">
            {t('classes.isDefault')}
          </Badge>
        ) : null,
    },
    {
      id: 'reclaimPolicy',
      header: t('column.reclaimPolicy'),
      nowrap: true,
      cell: (item) => item.reclaimPolicy ?? 'Delete',
    },
    {
      id: 'bindingMode',
      header: t('column.bindingMode'),
      nowrap: true,
      cell: (item) => item.volumeBindingMode ?? 'Immediate',
    },
  ];

  return (
    <Stack gap="sm">
      {defaults.length > 1 && (
        <Alert color="yellow" title={t('classes.multipleDefaultsTitle')}>
          {t('classes.multipleDefaultsBody', {
            names: listFormat(defaults),
            newest: effectiveDefaultClass(classes)?.metadata.name ?? '',
          })}
        </Alert>
      )}
      {outcome?.kind === 'done' && (
        <Alert
          color="green"
          title={
            outcome.madeDefault
              ? t('classes.madeDefault', { name: outcome.name })
              : t('classes.unsetDone', { name: outcome.name })
          }
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setOutcome(undefined)}
          role="status"
        />
      )}
      {outcome?.kind === 'failed' && (
        <Alert
          color="red"
          title={
            outcome.madeDefault
              ? t('classes.setDefaultFailed', { name: outcome.name })
              : t('classes.unsetDefaultFailed', { name: outcome.name })
          }
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={() => setOutcome(undefined)}
          role="alert"
        >
          <Stack gap={4}>
            {outcome.status === 403 && <Text size="sm">{t('classes.forbiddenHint')}</Text>}
            {outcome.status === 409 && <Text size="sm">{t('classes.conflictHint')}</Text>}
            {outcome.status === 502 && <Text size="sm">{t('classes.upstreamHint')}</Text>}
            <Text size="sm">{t('serverSaid', { message: outcome.message })}</Text>
          </Stack>
        </Alert>
      )}
      {classes.length === 0 ? (
        <Text c="dimmed" py="lg" ta="center">
          {t('classes.empty')}
        </Text>
      ) : (
        <DataTable
          columns={columns}
          rows={classes}
          rowKey={(item) => item.metadata.uid ?? item.metadata.name ?? ''}
          minWidth={900}
          verticalSpacing="sm"
          actions={{
            label: t('column.actions'),
            cell: (item) => {
              const name = item.metadata.name ?? '';
              const isDefault = isDefaultClass(item);
              // Another default besides this one: setting it again is how the extra marks get cleared.
              const offerSet = !isDefault || defaults.length > 1;
              const denied = !canChange.allowed;
              const deniedReason = canChange.isPending ? t('rbac.checking') : t('rbac.cannotChangeClasses');
              return (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { name })}>
                      <span aria-hidden="true">⋮</span>
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown maw={300}>
                    {offerSet && (
                      <Menu.Item disabled={denied || setDefault.isPending} onClick={() => change(name, true)}>
                        <Text size="sm">{t('classes.setDefault')}</Text>
                        {denied && (
                          <Text size="xs" c="dimmed">
                            {deniedReason}
                          </Text>
                        )}
                      </Menu.Item>
                    )}
                    {isDefault && (
                      <Menu.Item disabled={denied || setDefault.isPending} onClick={() => change(name, false)}>
                        <Text size="sm">{t('classes.unsetDefault')}</Text>
                        {denied && (
                          <Text size="xs" c="dimmed">
                            {deniedReason}
                          </Text>
                        )}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              );
            },
          }}
        />
      )}
    </Stack>
  );
}
