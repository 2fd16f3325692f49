import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { useExpandVolumeClaim } from '../api/expand-volume-claim';
import { useSize } from '../hooks/use-size';
import { gibibyteQuantity, gibibytesOf } from '../utils/quantities';

interface ExpandVolumeClaimModalProps {
  clusterId: string;
  /** The claim to grow; the dialog is open while one is given. */
  claim: KubePersistentVolumeClaim | undefined;
  onClose: () => void;
}

export function ExpandVolumeClaimModal({ clusterId, claim, onClose }: ExpandVolumeClaimModalProps) {
  const { t } = useTranslation('storage');
  const opened = claim !== undefined;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('expandClaim.title', { name: claim?.metadata.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      {/* Keyed by claim so each opening starts from that claim's size. */}
      {claim && <ExpandForm key={claim.metadata.uid} clusterId={clusterId} claim={claim} onDone={onClose} />}
    </Modal>
  );
}

function ExpandForm({
  clusterId,
  claim,
  onDone,
}: {
  clusterId: string;
  claim: KubePersistentVolumeClaim;
  onDone: () => void;
}) {
  const { t } = useTranslation('storage');
  const size = useSize();
  const expand = useExpandVolumeClaim(clusterId);
  // Kubernetes compares with the current request, which may already exceed what is provisioned.
  const currentQuantity = claim.spec?.resources?.requests?.storage ?? claim.status?.capacity?.storage;
  const current = gibibytesOf(currentQuantity) ?? 0;
  const [value, setValue] = useState<number | ''>(current + 1);
  const [tried, setTried] = useState(false);

  const problem =
    value === ''
      ? t('expandClaim.required')
      : !Number.isInteger(value) || value <= current
        ? t('expandClaim.mustGrow', { size: size(currentQuantity) })
        : undefined;

  function submit() {
    setTried(true);
    if (problem || value === '') return;
    expand.mutate(
      { namespace: claim.metadata.namespace ?? '', name: claim.metadata.name ?? '', storage: gibibyteQuantity(value) },
      { onSuccess: onDone },
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('expandClaim.body', { size: size(currentQuantity) })}</Text>
        <NumberInput
          label={t('expandClaim.newSize')}
          suffix=" GiB"
          min={current + 1}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          data-autofocus
          value={value}
          onChange={(next) => setValue(typeof next === 'number' ? next : next === '' ? '' : Number(next))}
          error={tried ? problem : undefined}
        />
        <Text size="xs" c="dimmed">
          {t('expandClaim.onlyGrow')}
        </Text>
        {expand.error && (
          <Alert color="red" title={t('expandClaim.failed', { name: claim.metadata.name ?? '' })} role="alert">
            {t('serverSaid', { message: expand.error.message })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={expand.isPending}>
            {t('expandClaim.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
