import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { useDeleteVolumeClaim } from '../api/delete-volume-claim';

interface DeleteVolumeClaimModalProps {
  clusterId: string;
  /** The claim to delete; the dialog is open while one is given. */
  claim: KubePersistentVolumeClaim | undefined;
  onClose: () => void;
}

export function DeleteVolumeClaimModal({ clusterId, claim, onClose }: DeleteVolumeClaimModalProps) {
  const { t } = useTranslation('storage');
  const remove = useDeleteVolumeClaim(clusterId);
  const name = claim?.metadata.name ?? '';
  const namespace = claim?.metadata.namespace ?? '';

  function close() {
    remove.reset();
    onClose();
  }

  return (
    <Modal
      opened={claim !== undefined}
      onClose={close}
      title={t('deleteClaim.title', { name })}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('deleteClaim.body', { name, namespace })}</Text>
        <Text size="sm" c="dimmed">
          {claim?.spec?.volumeName
            ? t('deleteClaim.volumeFate', { volume: claim.spec.volumeName })
            : t('deleteClaim.noVolume')}
        </Text>
        {remove.error && (
          <Alert color="red" title={t('deleteClaim.failed', { name })} role="alert">
            {t('serverSaid', { message: remove.error.message })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate({ namespace, name }, { onSuccess: close })}
          >
            {t('deleteClaim.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
