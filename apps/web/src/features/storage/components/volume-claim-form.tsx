import { Alert, Button, Grid, Group, Select, Stack, TextInput } from '@mantine/core';
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
import { effectiveDefaultClass } from '../utils/storage-classes';
import {
  checkVolumeClaim,
  emptyVolumeClaimDraft,
  hasProblems,
  toVolumeClaim,
  type VolumeClaimDraft,
  type VolumeClaimProblems,
} from '../utils/volume-claim-draft';
import { DeniedNote } from './denied-note';
import { VolumeClaimFields } from './volume-claim-fields';
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

            <VolumeClaimFields
              draft={effective}
              update={update}
              problems={problems}
              storageClasses={storageClasses.data ?? []}
              hasDefaultClass={Boolean(defaultClass)}
              availableVolumes={availableVolumes}
              volumesUnreadable={volumes.isError}
              claimsInNamespace={claimsInNamespace.claims}
            />

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
