import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolumeClaim } from '@/lib/k8s/types';
import { useStorageClasses } from '../api/get-storage-classes';
import { useVolumeClaimsOf } from '../api/get-volume-claims';
import { effectiveDefaultClass, isDefaultClass } from '../utils/storage-classes';
import {
  accessModeAbbreviations,
  accessModes,
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
 * Rancher's "Add Volume Claim" inside another form (deploying a workload): a new volume from a
 * StorageClass. It only describes the claim; nothing is sent from here.
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
  const context = { volumes: [], claims: claims.claims };
  const problems = tried ? checkVolumeClaim(effective, context) : {};
  const update = (patch: Partial<VolumeClaimDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  function add() {
    setTried(true);
    if (!hasProblems(checkVolumeClaim(effective, context))) onAdd(toVolumeClaim(effective, []));
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
        <Select
          label={t('createClaim.storageClass')}
          required
          allowDeselect={false}
          data={(storageClasses.data ?? []).map((storageClass) => {
            const name = storageClass.metadata.name ?? '';
            return {
              value: name,
              label: isDefaultClass(storageClass) ? t('createClaim.defaultClassOption', { name }) : name,
            };
          })}
          value={effective.storageClassName || null}
          onChange={(storageClassName) => storageClassName && update({ storageClassName })}
          error={
            problems.storageClass &&
            (defaultClass ? t('createClaim.storageClassRequired') : t('createClaim.noDefaultClass'))
          }
        />
        <NumberInput
          label={t('createClaim.capacity')}
          required
          suffix=" GiB"
          min={1}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          value={draft.capacityGiB}
          onChange={(capacity) =>
            update({ capacityGiB: typeof capacity === 'number' ? capacity : capacity === '' ? '' : Number(capacity) })
          }
          error={problems.capacity && t(`createClaim.capacityProblem.${problems.capacity}`, { size: '' })}
        />
        <Checkbox.Group
          label={t('createClaim.accessModes')}
          required
          value={draft.accessModes}
          onChange={(modes) => update({ accessModes: modes })}
          error={problems.accessModes && t('createClaim.accessModesRequired')}
        >
          <Stack gap="xs" mt={4}>
            {accessModes.map((mode) => (
              <Checkbox
                key={mode}
                value={mode}
                label={t('createClaim.accessModeOption', {
                  mode,
                  abbreviation: accessModeAbbreviations[mode],
                  meaning: t(`accessMode.${mode}`),
                })}
              />
            ))}
          </Stack>
        </Checkbox.Group>
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
