import { isWorkloadKind } from '@bokujo/shared';
import { Alert, Anchor, Center, Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import { CreateNamespaceModal } from '@/features/access/components/create-namespace-modal';
import { VolumeClaimDialog } from '@/features/storage/components/volume-claim-dialog';
import { getWorkloadQueryOptions, type WorkloadAddress } from '@/features/workloads/api/get-workload';
import { DeployWorkloadForm } from '@/features/workloads/components/deploy-workload-form';
import { cloneDraft, fromManifest, type WorkloadManifest } from '@/features/workloads/utils/workload-draft';
import { useProject } from '@/lib/projects/get-project';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';

/** `namespace/Kind/name` as the list's Clone action writes it. */
function addressFrom(value: string | null): WorkloadAddress | undefined {
  const [namespace, kind, name] = value?.split('/') ?? [];
  return namespace && name && kind && isWorkloadKind(kind) ? { namespace, kind, name } : undefined;
}

/** Rancher's "Deploy Workload" (also Clone, with `?from=`), composed with the storage feature's new-claim dialog. */
export function WorkloadDeployRoute() {
  const { t } = useTranslation('deploy');
  const [search] = useSearchParams();
  const source = addressFrom(search.get('from'));
  return (
    <WorkloadFormPage title={source ? t('cloneOf', { name: source.name }) : t('title')} source={source} mode="clone" />
  );
}

/** Edit: the same form on the object as it is, saved as one replace with any new claims. */
export function WorkloadEditRoute() {
  const { t } = useTranslation('deploy');
  const { namespace = '', kind = '', name = '' } = useParams();
  const address = isWorkloadKind(kind) ? { namespace, kind, name } : undefined;
  return <WorkloadFormPage title={t('editTitle', { name })} source={address} mode="edit" />;
}

function WorkloadFormPage({
  title,
  source,
  mode,
}: {
  title: string;
  source: WorkloadAddress | undefined;
  mode: 'clone' | 'edit';
}) {
  const { t } = useTranslation('deploy');
  const { clusterId = '', projectId = '' } = useParams();
  const navigate = useNavigate();
  const namespaces = useProjectNamespaces(projectId);
  const project = useProject(projectId);
  const [addingNamespace, setAddingNamespace] = useState(false);
  const existing = useQuery({
    ...getWorkloadQueryOptions(clusterId, source ?? { kind: 'Deployment', namespace: '', name: '' }),
    enabled: source !== undefined,
    // The form takes the object once; polling would only cost requests.
    refetchInterval: false,
  });
  const workloadsPage = paths.workloads.getHref(clusterId, projectId);
  const failure = namespaces.error ?? existing.error;
  let body: ReactNode;
  if (failure) {
    body = (
      <Alert color="red" role="alert">
        {failure.message}
      </Alert>
    );
  } else if (!namespaces.data || (source && !existing.data)) {
    body = (
      <Center py="xl">
        <Loader />
      </Center>
    );
  } else {
    const manifest = existing.data as unknown as WorkloadManifest | undefined;
    const editing = mode === 'edit' && manifest !== undefined;
    body = (
      <DeployWorkloadForm
        clusterId={clusterId}
        namespaces={namespaces.data.map((namespace) => namespace.name)}
        initialDraft={manifest ? (editing ? fromManifest(manifest) : cloneDraft(manifest)) : undefined}
        original={editing ? (existing.data as unknown as Record<string, unknown>) : undefined}
        renderNewClaimDialog={(props) => <VolumeClaimDialog clusterId={clusterId} {...props} />}
        namespaceAction={
          project.data && (
            <Anchor component="button" type="button" size="sm" mt={4} onClick={() => setAddingNamespace(true)}>
              {t('addNamespace')}
            </Anchor>
          )
        }
        onDeployed={() => void navigate(workloadsPage)}
        onCancel={() => void navigate(workloadsPage)}
      />
    );
  }
  return (
    <Stack gap="md">
      <Title order={2}>{title}</Title>
      {body}
      <CreateNamespaceModal
        project={addingNamespace ? project.data : undefined}
        onClose={() => setAddingNamespace(false)}
      />
    </Stack>
  );
}
