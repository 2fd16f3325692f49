import { Alert, Button, Checkbox, Grid, Group, NumberInput, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useCan } from '@/lib/k8s/use-access-review';
import { useCreateVolumeClaim } from '../api/create-volume-claim';
import { usePersistentVolumes } from '../api/get-persistent-volumes';
import { useStorageClasses } from '../api/get-storage-classes';
import { useVolumeClaimsOf } from '../api/get-volume-claims';
import { useSize } from '../hooks/use-size';
import { effectiveDefaultClass, isDefaultClass } from '../utils/storage-classes';
import {
  accessModeAbbreviations,
  accessModes,
  checkVolumeClaim,
  emptyVolumeClaimDraft,
  hasProblems,
  toVolumeClaim,
  type VolumeClaimDraft,
  type VolumeClaimProblems,
} from '../utils/volume-claim-draft';
import { DeniedNote } from './denied-note';
import { YamlPreview } from './yaml-preview';

interface VolumeClaimFormProps {
  clusterId: string;
  projectId: string;
  /** The project's namespaces: a claim can only be made in one of them here. */
  namespaces: string[];
}

/** Rancher's "Add Volume Claim": a new volume from a class, or an existing volume. */
export function VolumeClaimForm({ clusterId, projectId, namespaces }: VolumeClaimFormProps) {
  const { t } = useTranslation('storage');
  const navigate = useNavigate();
  const size = useSize();
  const storageClasses = useStorageClasses(clusterId);
  const volumes = usePersistentVolumes(clusterId);
  const create = useCreateVolumeClaim(clusterId);
  const [draft, setDraft] = useState<VolumeClaimDraft>(() => ({
    ...emptyVolumeClaimDraft,
    namespace: namespaces.length === 1 ? (namespaces[0] ?? '') : '',
  }));
  const [tried, setTried] = useState(false);
  const [takenOnServer, setTakenOnServer] = useState<string>();
  const claimsInNamespace = useVolumeClaimsOf(clusterId, draft.namespace ? [draft.namespace] : []);
  const canCreate = useCan(clusterId, {
    verb: 'create',
    group: '',
    resource: 'persistentvolumeclaims',
    namespace: draft.namespace,
  });

  // Until the person picks one, the class is the cluster's default, as Kubernetes would choose.
  const defaultClass = effectiveDefaultClass(storageClasses.data ?? [])?.metadata.name ?? '';
  const effective: VolumeClaimDraft = { ...draft, storageClassName: draft.storageClassName || defaultClass };
  const availableVolumes = (volumes.data ?? []).filter((volume) => volume.status?.phase === 'Available');
  const context = { volumes: availableVolumes, claims: claimsInNamespace.claims };
  const problems: VolumeClaimProblems = tried ? checkVolumeClaim(effective, context) : {};
  const manifest = toVolumeClaim(effective, availableVolumes);
  const update = (patch: Partial<VolumeClaimDraft>) => setDraft((previous) => ({ ...previous, ...patch }));

  function submit() {
    setTried(true);
    if (hasProblems(checkVolumeClaim(effective, context)) || !canCreate.allowed) return;
    create.mutate(manifest, {
      onSuccess: () => void navigate(paths.volumeClaims.getHref(clusterId, projectId)),
      onError: (error) => {
        if (isApiError(error, 409)) setTakenOnServer(effective.name);
      },
    });
  }

  const nameProblem =
    problems.name ?? (takenOnServer && takenOnServer === draft.name && draft.name ? 'taken' : undefined);
  const capacityProblem = problems.capacity;
  const cloneSource = claimsInNamespace.claims.find((claim) => claim.metadata.name === draft.cloneFrom);
  const chosenVolume = availableVolumes.find((volume) => volume.metadata.name === draft.volumeName);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <TextInput
              label={t('createClaim.name')}
              description={t('createClaim.nameHelp')}
              required
              data-autofocus
              spellCheck={false}
              autoCapitalize="none"
              value={draft.name}
              onChange={(event) => update({ name: event.currentTarget.value })}
              error={nameProblem && t(`createClaim.nameProblem.${nameProblem}`, { name: draft.name })}
            />
            <Stack gap={4}>
              <Select
                label={t('createClaim.namespace')}
                required
                allowDeselect={false}
                data={namespaces}
                value={draft.namespace || null}
                onChange={(namespace) => namespace && update({ namespace, cloneFrom: '' })}
                error={problems.namespace && t('createClaim.namespaceRequired')}
                nothingFoundMessage={t('claims.noNamespaces')}
              />
              {draft.namespace && (
                <DeniedNote access={canCreate} message={t('rbac.cannotCreateClaim', { namespace: draft.namespace })} />
              )}
            </Stack>

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
                  disabled={volumes.isError}
                  description={volumes.isError ? t('createClaim.volumesUnreadable') : undefined}
                />
              </Stack>
            </Radio.Group>

            {draft.source === 'storageClass' ? (
              <>
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
                <Select
                  label={t('createClaim.cloneFrom')}
                  description={t('createClaim.cloneFromHelp')}
                  clearable
                  placeholder={t('createClaim.cloneFromNone')}
                  disabled={!draft.namespace}
                  data={claimsInNamespace.claims
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
                update({
                  capacityGiB: typeof capacity === 'number' ? capacity : capacity === '' ? '' : Number(capacity),
                })
              }
              error={
                capacityProblem &&
                t(`createClaim.capacityProblem.${capacityProblem}`, {
                  size:
                    capacityProblem === 'largerThanVolume'
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

            {create.error && !isApiError(create.error, 409) && (
              <Alert color="red" title={t('createClaim.failed', { name: draft.name })} role="alert">
                {t('serverSaid', { message: create.error.message })}
              </Alert>
            )}
            <Group gap="sm">
              <Button
                type="submit"
                loading={create.isPending}
                disabled={Boolean(draft.namespace) && !canCreate.allowed}
              >
                {t('createClaim.submit')}
              </Button>
              <Button variant="default" onClick={() => void navigate(paths.volumeClaims.getHref(clusterId, projectId))}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <YamlPreview title={t('yamlPreview.title')} description={t('yamlPreview.description')} manifest={manifest} />
      </Grid.Col>
    </Grid>
  );
}
