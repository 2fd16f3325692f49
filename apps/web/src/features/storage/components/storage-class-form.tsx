import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Fieldset,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useCan } from '@/lib/k8s/use-access-review';
import { useCreateStorageClass } from '../api/create-storage-class';
import { useStorageClasses } from '../api/get-storage-classes';
import {
  bindingModes,
  checkStorageClass,
  fsTypes,
  hasProblems,
  initialStorageClassDraft,
  ontapMedia,
  type PresetId,
  presets,
  provisioningTypes,
  reclaimPolicies,
  type StorageClassDraft,
  type StorageClassProblems,
  toStorageClass,
  tridentProvisioner,
} from '../utils/storage-class-draft';
import { DeniedNote } from './denied-note';
import { YamlPreview } from './yaml-preview';

let nextParameterId = 1;

/** A new StorageClass from a Trident preset or from scratch, with the YAML it becomes beside it. */
export function StorageClassForm({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('storage');
  const navigate = useNavigate();
  const create = useCreateStorageClass(clusterId);
  const existing = useStorageClasses(clusterId);
  const canCreate = useCan(clusterId, { verb: 'create', group: 'storage.k8s.io', resource: 'storageclasses' });
  const [draft, setDraft] = useState<StorageClassDraft>(initialStorageClassDraft);
  const [problems, setProblems] = useState<StorageClassProblems>();
  const [taken, setTaken] = useState<string>();

  const update = (patch: Partial<StorageClassDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // Once the person tried to save, each fix clears its message at once.
    if (problems) setProblems(checkStorageClass(next));
  };

  // Provisioners the cluster already uses are the likeliest answers, besides Trident's own name.
  const knownProvisioners = [
    ...new Set([tridentProvisioner, ...(existing.data ?? []).map((storageClass) => storageClass.provisioner)]),
  ];

  function choosePreset(preset: PresetId) {
    const provisioner = presets.find((candidate) => candidate.id === preset)?.provisioner ?? '';
    // Keep a provisioner the person typed; only swap one that came from the previous preset.
    const typed = !presets.some((candidate) => candidate.provisioner === draft.provisioner);
    update({ preset, provisioner: typed ? draft.provisioner : provisioner });
  }

  function submit() {
    const found = checkStorageClass(draft);
    setProblems(found);
    if (hasProblems(found)) return;
    create.mutate(toStorageClass(draft), {
      onSuccess: () => void navigate(paths.storageClasses.getHref(clusterId)),
      onError: (error) => {
        if (isApiError(error, 409)) setTaken(draft.name);
      },
    });
  }

  const nameError = problems?.name
    ? t(`createClass.nameProblem.${problems.name}`)
    : taken === draft.name && draft.name
      ? t('createClass.nameTaken', { name: draft.name })
      : undefined;

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
              label={t('createClass.name')}
              description={t('createClass.nameHelp')}
              required
              data-autofocus
              spellCheck={false}
              autoCapitalize="none"
              value={draft.name}
              onChange={(event) => update({ name: event.currentTarget.value })}
              error={nameError}
            />
            <Select
              label={t('createClass.preset')}
              description={t('createClass.presetHelp')}
              allowDeselect={false}
              data={presets.map((preset) => ({ value: preset.id, label: t(`createClass.presets.${preset.id}`) }))}
              value={draft.preset}
              onChange={(value) => value && choosePreset(value)}
            />
            <Autocomplete
              label={t('createClass.provisioner')}
              description={t('createClass.provisionerHelp')}
              required
              spellCheck={false}
              data={knownProvisioners}
              value={draft.provisioner}
              onChange={(provisioner) => update({ provisioner })}
              error={problems?.provisioner && t(`createClass.provisionerProblem.${problems.provisioner}`)}
            />

            {draft.preset === 'ontap-nas' && (
              <Fieldset legend={t('createClass.ontapParameters')} variant="filled">
                <Stack gap="sm">
                  <Group grow align="flex-start">
                    <Select
                      label={t('createClass.media')}
                      allowDeselect={false}
                      data={ontapMedia.map((media) => ({ value: media, label: t(`createClass.mediaOption.${media}`) }))}
                      value={draft.ontap.media}
                      onChange={(media) => media && update({ ontap: { ...draft.ontap, media: media } })}
                    />
                    <Select
                      label={t('createClass.provisioningType')}
                      allowDeselect={false}
                      data={provisioningTypes.map((type) => ({
                        value: type,
                        label: t(`createClass.provisioningTypeOption.${type}`),
                      }))}
                      value={draft.ontap.provisioningType}
                      onChange={(type) =>
                        type &&
                        update({
                          ontap: {
                            ...draft.ontap,
                            provisioningType: type,
                          },
                        })
                      }
                    />
                  </Group>
                  <Switch
                    label={t('createClass.snapshots')}
                    checked={draft.ontap.snapshots}
                    onChange={(event) => update({ ontap: { ...draft.ontap, snapshots: event.currentTarget.checked } })}
                  />
                  <Switch
                    label={t('createClass.clones')}
                    checked={draft.ontap.clones}
                    onChange={(event) => update({ ontap: { ...draft.ontap, clones: event.currentTarget.checked } })}
                  />
                </Stack>
              </Fieldset>
            )}

            {draft.preset === 'solidfire-san' && (
              <Fieldset legend={t('createClass.solidfireParameters')} variant="filled">
                <Group grow align="flex-start">
                  <NumberInput
                    label={t('createClass.iops')}
                    description={t('createClass.iopsHelp')}
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator=","
                    value={draft.solidfire.iops}
                    onChange={(iops) => update({ solidfire: { ...draft.solidfire, iops: String(iops) } })}
                    error={problems?.iops && t(`createClass.iopsProblem.${problems.iops}`)}
                  />
                  <Select
                    label={t('createClass.fsType')}
                    description={t('createClass.fsTypeHelp')}
                    allowDeselect={false}
                    data={[...fsTypes]}
                    value={draft.solidfire.fsType}
                    onChange={(fsType) =>
                      fsType &&
                      update({
                        solidfire: { ...draft.solidfire, fsType: fsType },
                      })
                    }
                  />
                </Group>
              </Fieldset>
            )}

            <Fieldset legend={t('createClass.parameters')} variant="filled">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('createClass.parametersHelp')}
                </Text>
                {draft.parameters.map((parameter, index) => {
                  const problem = problems?.parameters[parameter.id];
                  const setParameter = (patch: Partial<typeof parameter>) =>
                    update({
                      parameters: draft.parameters.map((other) =>
                        other.id === parameter.id ? { ...other, ...patch } : other,
                      ),
                    });
                  return (
                    <Group key={parameter.id} gap="xs" align="flex-start" wrap="nowrap">
                      <TextInput
                        flex={1}
                        aria-label={t('createClass.parameterKey', { index: index + 1 })}
                        placeholder={t('createClass.parameterKeyPlaceholder')}
                        spellCheck={false}
                        value={parameter.key}
                        onChange={(event) => setParameter({ key: event.currentTarget.value })}
                        error={problem && t(`createClass.parameterProblem.${problem}`, { key: parameter.key.trim() })}
                      />
                      <TextInput
                        flex={1}
                        aria-label={t('createClass.parameterValue', { index: index + 1 })}
                        placeholder={t('createClass.parameterValuePlaceholder')}
                        spellCheck={false}
                        value={parameter.value}
                        onChange={(event) => setParameter({ value: event.currentTarget.value })}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        aria-label={t('createClass.removeParameter', { index: index + 1 })}
                        onClick={() =>
                          update({ parameters: draft.parameters.filter((other) => other.id !== parameter.id) })
                        }
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    </Group>
                  );
                })}
                <Button
                  variant="light"
                  size="xs"
                  w="fit-content"
                  onClick={() =>
                    update({ parameters: [...draft.parameters, { id: nextParameterId++, key: '', value: '' }] })
                  }
                >
                  {t('createClass.addParameter')}
                </Button>
              </Stack>
            </Fieldset>

            <Stack gap={4}>
              <Text size="sm" fw={500} id="reclaim-policy-label">
                {t('createClass.reclaimPolicy')}
              </Text>
              <SegmentedControl
                aria-labelledby="reclaim-policy-label"
                w="fit-content"
                data={reclaimPolicies.map((policy) => ({ value: policy, label: t(`reclaimPolicy.${policy}`) }))}
                value={draft.reclaimPolicy}
                onChange={(policy) => update({ reclaimPolicy: policy })}
              />
              <Text size="xs" c="dimmed">
                {t(`createClass.reclaimPolicyHelp.${draft.reclaimPolicy}`)}
              </Text>
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="binding-mode-label">
                {t('createClass.bindingMode')}
              </Text>
              <SegmentedControl
                aria-labelledby="binding-mode-label"
                w="fit-content"
                data={bindingModes.map((mode) => ({ value: mode, label: mode }))}
                value={draft.volumeBindingMode}
                onChange={(mode) => update({ volumeBindingMode: mode })}
              />
              <Text size="xs" c="dimmed">
                {t(`createClass.bindingModeHelp.${draft.volumeBindingMode}`)}
              </Text>
            </Stack>
            <Switch
              label={t('createClass.allowExpansion')}
              description={t('createClass.allowExpansionHelp')}
              checked={draft.allowVolumeExpansion}
              onChange={(event) => update({ allowVolumeExpansion: event.currentTarget.checked })}
            />
            <TagsInput
              label={t('createClass.mountOptions')}
              description={t('createClass.mountOptionsHelp')}
              placeholder={t('createClass.mountOptionsPlaceholder')}
              value={draft.mountOptions}
              onChange={(mountOptions) => update({ mountOptions })}
            />

            {create.error && !isApiError(create.error, 409) && (
              <Alert color="red" title={t('createClass.failed', { name: draft.name })} role="alert">
                {t('serverSaid', { message: create.error.message })}
              </Alert>
            )}
            <Group gap="sm" align="flex-start">
              <Stack gap={4}>
                <Button
                  type="submit"
                  loading={create.isPending}
                  disabled={!canCreate.allowed}
                  aria-describedby={canCreate.allowed ? undefined : 'create-class-denied'}
                >
                  {t('createClass.submit')}
                </Button>
                <DeniedNote id="create-class-denied" access={canCreate} message={t('rbac.cannotCreateClass')} />
              </Stack>
              <Button variant="default" onClick={() => void navigate(paths.storageClasses.getHref(clusterId))}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <YamlPreview
          title={t('yamlPreview.title')}
          description={t('yamlPreview.description')}
          manifest={toStorageClass(draft)}
        />
      </Grid.Col>
    </Grid>
  );
}
