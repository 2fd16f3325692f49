import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { usePersistentVolumes } from '../api/get-persistent-volumes';
import { useStorageClasses } from '../api/get-storage-classes';
import { useVolumeClaimsOf } from '../api/get-volume-claims';
import { effectiveDefaultClass } from '../utils/storage-classes';
import { VolumeClaimFields } from './volume-claim-fields';
import {
  checkVolumeClaim,
  emptyVolumeClaimDraft,
  hasProblems,
  toVolumeClaim,
  type VolumeClaimDraft,
} from '../utils/volume-claim-draft';

interface VolumeClaimDialogProps {
  clusterId: string;
  opened: boolean;
  /** The namespace the claim will live in; chosen by the page that opens the dialog. */
  namespace: string;
  onClose: () => void;
  /** Receives the claim to create; the caller creates it together with what uses it. */
  onAdd: (claim: KubePersistentVolumeClaim) => void;
}

/**
 * Rancher's 「新しい永続ボリューム(要求)を作成」 inside another form (deploying a workload): a new
 * volume from a StorageClass (optionally a clone) or an existing volume. It only describes the
 * claim; the workload and its claims are created together by the server.
 */
export function VolumeClaimDialog({ clusterId, opened, namespace, onClose, onAdd }: VolumeClaimDialogProps) {
  const { t } = useTranslation('storage');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('claimDialog.title')}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      {opened && (
        <ClaimDialogForm
          clusterId={clusterId}
          namespace={namespace}
          onCancel={onClose}
          onAdd={(claim) => {
            onAdd(claim);
            onClose();
          }}
        />
      )}
    </Modal>
  );
}

function ClaimDialogForm({
  clusterId,
  namespace,
  onCancel,
  onAdd,
}: {
  clusterId: string;
  namespace: string;
  onCancel: () => void;
  onAdd: (claim: KubePersistentVolumeClaim) => void;
}) {
  const { t } = useTranslation('storage');
  const storageClasses = useStorageClasses(clusterId);
  const claims = useVolumeClaimsOf(clusterId, namespace ? [namespace] : []);
  const [draft, setDraft] = useState<VolumeClaimDraft>({ ...emptyVolumeClaimDraft, namespace });
  const [tried, setTried] = useState(false);
  const defaultClass = effectiveDefaultClass(storageClasses.data ?? [])?.metadata.name ?? '';
  const effective = { ...draft, namespace, storageClassName: draft.storageClassName || defaultClass };
  const volumes = usePersistentVolumes(clusterId);
  const availableVolumes = (volumes.data ?? []).filter((volume) => volume.status?.phase === 'Available');
  const context = { volumes: availableVolumes, claims: claims.claims };
  const problems = tried ? checkVolumeClaim(effective, context) : {};
  const update = (patch: Partial<VolumeClaimDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  function add() {
    setTried(true);
    if (!hasProblems(checkVolumeClaim(effective, context))) onAdd(toVolumeClaim(effective, availableVolumes));
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        // The dialog may sit inside another form; its submit must not submit that one.
        event.preventDefault();
        event.stopPropagation();
        add();
      }}
    >
      <Stack gap="md">
        <TextInput
          label={t('createClaim.name')}
          required
          data-autofocus
          spellCheck={false}
          value={draft.name}
          onChange={(event) => update({ name: event.currentTarget.value })}
          error={problems.name && t(`createClaim.nameProblem.${problems.name}`, { name: draft.name })}
        />
        <VolumeClaimFields
          draft={effective}
          update={update}
          problems={problems}
          storageClasses={storageClasses.data ?? []}
          hasDefaultClass={Boolean(defaultClass)}
          availableVolumes={availableVolumes}
          volumesUnreadable={volumes.isError}
          claimsInNamespace={claims.claims}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('cancel')}
          </Button>
          <Button type="submit">{t('claimDialog.add')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
