import { Alert, Checkbox, NumberInput, Radio, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KubePersistentVolume, KubePersistentVolumeClaim, KubeStorageClass } from '@/lib/k8s/types';
import { useSize } from '../hooks/use-size';
import { isDefaultClass, unservableAccessModes } from '../utils/storage-classes';
import {
  accessModeAbbreviations,
  accessModes,
  type VolumeClaimDraft,
  type VolumeClaimProblems,
} from '../utils/volume-claim-draft';

interface VolumeClaimFieldsProps {
  /** The draft with the effective class filled in (the default until one is picked). */
  draft: VolumeClaimDraft;
  update: (patch: Partial<VolumeClaimDraft>) => void;
  problems: VolumeClaimProblems;
  storageClasses: KubeStorageClass[];
  /** The cluster has a default class, so an empty choice is not the person's mistake. */
  hasDefaultClass: boolean;
  /** PersistentVolumes not yet bound to a claim. */
  availableVolumes: KubePersistentVolume[];
  /** The person may not read PersistentVolumes, so "existing volume" cannot be offered. */
  volumesUnreadable: boolean;
  /** Claims of the chosen namespace: clone sources. */
  claimsInNamespace: KubePersistentVolumeClaim[];
}

/**
 * The source, size and access of a claim, as Rancher's dialog asks them: 「新しい永続ボリュームの作成に
 * ストレージクラスを使用」 (optionally cloning a claim) or 「既存の永続ボリュームを使用」. Used by the
 * create-claim page and by the deploy form's dialog.
 */
export function VolumeClaimFields({
  draft,
  update,
  problems,
  storageClasses,
  hasDefaultClass,
  availableVolumes,
  volumesUnreadable,
  claimsInNamespace,
}: VolumeClaimFieldsProps) {
  const { t } = useTranslation('storage');
  const size = useSize();
  const cloneSource = claimsInNamespace.find((claim) => claim.metadata.name === draft.cloneFrom);
  const chosenVolume = availableVolumes.find((volume) => volume.metadata.name === draft.volumeName);
  const chosenClass = storageClasses.find((storageClass) => storageClass.metadata.name === draft.storageClassName);
  const unservable = draft.source === 'storageClass' ? unservableAccessModes(chosenClass, draft.accessModes) : [];

  return (
    <>
      <Radio.Group
        label={t('createClaim.source')}
        value={draft.source}
        onChange={(source) => update({ source: source })}
      >
        <Stack gap="xs" mt={4}>
          <Radio value="storageClass" label={t('createClaim.sourceStorageClass')} />
          <Radio
            value="existingVolume"
            label={t('createClaim.sourceExistingVolume')}
            disabled={volumesUnreadable}
            description={volumesUnreadable ? t('createClaim.volumesUnreadable') : undefined}
          />
        </Stack>
      </Radio.Group>

      {draft.source === 'storageClass' ? (
        <>
          <Select
            label={t('createClaim.storageClass')}
            required
            allowDeselect={false}
            data={storageClasses.map((storageClass) => {
              const name = storageClass.metadata.name ?? '';
              return {
                value: name,
                label: isDefaultClass(storageClass) ? t('createClaim.defaultClassOption', { name }) : name,
              };
            })}
            value={draft.storageClassName || null}
            onChange={(storageClassName) => storageClassName && update({ storageClassName })}
            error={
              problems.storageClass &&
              (hasDefaultClass ? t('createClaim.storageClassRequired') : t('createClaim.noDefaultClass'))
            }
          />
          <Select
            label={t('createClaim.cloneFrom')}
            description={t('createClaim.cloneFromHelp')}
            clearable
            placeholder={t('createClaim.cloneFromNone')}
            disabled={!draft.namespace}
            data={claimsInNamespace
              .filter((claim) => claim.status?.phase === 'Bound')
              .map((claim) => claim.metadata.name ?? '')}
            value={draft.cloneFrom || null}
            onChange={(cloneFrom) => update({ cloneFrom: cloneFrom ?? '' })}
          />
        </>
      ) : (
        <Select
          label={t('createClaim.volume')}
          required
          allowDeselect={false}
          nothingFoundMessage={t('createClaim.noAvailableVolumes')}
          data={availableVolumes.map((volume) => ({
            value: volume.metadata.name ?? '',
            label: t('createClaim.volumeOption', {
              name: volume.metadata.name ?? '',
              size: size(volume.spec?.capacity?.storage) ?? t('none'),
            }),
          }))}
          value={draft.volumeName || null}
          onChange={(volumeName) => volumeName && update({ volumeName })}
          error={problems.volume && t('createClaim.volumeRequired')}
        />
      )}

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
        error={
          problems.capacity &&
          t(`createClaim.capacityProblem.${problems.capacity}`, {
            size:
              problems.capacity === 'largerThanVolume'
                ? size(chosenVolume?.spec?.capacity?.storage)
                : size(cloneSource?.status?.capacity?.storage ?? cloneSource?.spec?.resources?.requests?.storage),
          })
        }
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
      {unservable.length > 0 && (
        <Alert color="yellow" role="status" title={t('createClaim.unservableTitle')}>
          {t('createClaim.unservable', {
            storageClass: draft.storageClassName,
            backend: chosenClass?.parameters?.['backendType'] ?? '',
            modes: unservable.map((mode) => accessModeAbbreviations[mode]).join(', '),
          })}
        </Alert>
      )}
    </>
  );
}
