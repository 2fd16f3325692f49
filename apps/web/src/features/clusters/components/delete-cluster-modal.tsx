import type { Cluster } from '@bokujo/shared';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeleteClusterResult, useDeleteCluster } from '../api/delete-cluster';

interface DeleteClusterModalProps {
  /** The cluster to delete; the dialog is open while one is given. */
  cluster: Pick<Cluster, 'id' | 'name' | 'credentialKind'> | undefined;
  onClose: () => void;
}

export function DeleteClusterModal({ cluster, onClose }: DeleteClusterModalProps) {
  const { t } = useTranslation('clusters');
  const remove = useDeleteCluster();
  const [result, setResult] = useState<{ name: string; outcome: DeleteClusterResult }>();
  // The cluster is gone from the list once deleted; keep showing its name in the outcome.
  const name = result?.name ?? cluster?.name ?? '';

  function close() {
    setResult(undefined);
    remove.reset();
    onClose();
  }

  function confirm() {
    if (!cluster) return;
    remove.mutate(cluster.id, {
      onSuccess: (outcome) => {
        if (outcome.removedFromCluster) close();
        else setResult({ name: cluster.name, outcome });
      },
    });
  }

  return (
    <Modal
      opened={cluster !== undefined || result !== undefined}
      onClose={close}
      title={t('delete.title', { name })}
      closeButtonProps={{ 'aria-label': t('delete.close') }}
    >
      {result ? (
        <Stack gap="md">
          <Alert color="yellow" title={t('delete.notRemovedTitle', { name })}>
            <Text size="sm">{t('delete.notRemovedBody')}</Text>
            {result.outcome.reason && (
              <Text size="sm" mt="xs">
                {t('delete.reason', { reason: result.outcome.reason })}
              </Text>
            )}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>
              {t('delete.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('delete.body', { name })}</Text>
          <Text size="sm" c="dimmed">
            {cluster?.credentialKind === 'uploaded' ? t('delete.uploadedCredential') : t('delete.serviceAccount')}
          </Text>
          {remove.error && (
            <Alert color="red" title={t('delete.failed')} role="alert">
              {remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('delete.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirm}>
              {t('delete.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
