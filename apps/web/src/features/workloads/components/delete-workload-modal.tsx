import { Alert, Button, Checkbox, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteWorkload } from '../api/delete-workload';
import { useGeneratedServices } from '../api/get-generated-services';
import { useVolumeClaims } from '../api/get-volume-claims';
import { claimNamesOf, type WorkloadRef } from '../utils/workload-relations';

interface DeleteWorkloadModalProps {
  clusterId: string;
  /** The workload to delete; the dialog is open while one is given. */
  workload: WorkloadRef | undefined;
  onClose: () => void;
  onDeleted?: () => void;
}

/**
 * Deletes a workload with the Services Bokujo generated for it. Its volume claims hold data, so
 * they stay unless the person ticks the box, and the dialog names them either way.
 */
export function DeleteWorkloadModal({ clusterId, workload, onClose, onDeleted }: DeleteWorkloadModalProps) {
  const { t } = useTranslation('workloads');
  const opened = workload !== undefined;
  const kind = workload?.kind ?? 'Deployment';
  const name = workload?.object.metadata.name ?? '';
  const namespace = workload?.object.metadata.namespace ?? '';
  const services = useGeneratedServices(clusterId, namespace, name, { enabled: opened });
  const claims = useVolumeClaims(clusterId, namespace, { enabled: opened });
  const remove = useDeleteWorkload(clusterId);
  const [deleteClaims, setDeleteClaims] = useState(false);

  const serviceNames = (services.data ?? []).map((service) => service.metadata.name ?? '');
  // Only claims that exist can be deleted; names a StatefulSet would create later are no concern.
  const existingClaims = new Set((claims.data ?? []).map((claim) => claim.metadata.name ?? ''));
  const claimNames = workload ? claimNamesOf(workload, claims.data).filter((claim) => existingClaims.has(claim)) : [];

  function close() {
    remove.reset();
    setDeleteClaims(false);
    onClose();
  }

  function confirm() {
    remove.mutate(
      { kind, namespace, name, services: serviceNames, claims: deleteClaims ? claimNames : [] },
      {
        onSuccess: () => {
          close();
          onDeleted?.();
        },
      },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('delete.title', { kind, name })}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack gap="md">
        <Text size="sm">{t('delete.body', { kind, name, namespace })}</Text>
        {services.isError ? (
          <Text size="sm" c="orange">
            {t('delete.servicesUnknown', { message: services.error.message })}
          </Text>
        ) : serviceNames.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm">
              {serviceNames.length === 1
                ? t('delete.servicesOne')
                : t('delete.servicesMany', { count: serviceNames.length })}
            </Text>
            <List size="sm" withPadding>
              {serviceNames.map((service) => (
                <List.Item key={service}>
                  <Code>{service}</Code>
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {claimNames.length > 0 && (
          <Stack gap={4}>
            <Text size="sm">
              {claimNames.length === 1
                ? deleteClaims
                  ? t('delete.claimsDeletedOne')
                  : t('delete.claimsKeptOne')
                : deleteClaims
                  ? t('delete.claimsDeletedMany', { count: claimNames.length })
                  : t('delete.claimsKeptMany', { count: claimNames.length })}
            </Text>
            <List size="sm" withPadding aria-label={t('delete.claimList')}>
              {claimNames.map((claim) => (
                <List.Item key={claim}>
                  <Code>{claim}</Code>
                </List.Item>
              ))}
            </List>
            <Checkbox
              mt="xs"
              label={t('delete.alsoClaims')}
              description={t('delete.alsoClaimsHelp')}
              checked={deleteClaims}
              onChange={(event) => setDeleteClaims(event.currentTarget.checked)}
            />
          </Stack>
        )}
        {remove.error && (
          <Alert color="red" title={t('delete.failed', { name })} role="alert">
            {t('serverSaid', { message: remove.error.message })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('cancel')}
          </Button>
          <Button color="red" loading={remove.isPending || services.isPending} onClick={confirm}>
            {t('delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
