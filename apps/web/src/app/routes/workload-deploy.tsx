import { Alert, Center, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { useProjectNamespaces } from '@/features/access/api/get-project-namespaces';
import { VolumeClaimDialog } from '@/features/storage/components/volume-claim-dialog';
import { DeployWorkloadForm } from '@/features/workloads/components/deploy-workload-form';

/** Rancher's "Deploy Workload", composed with the storage feature's new-claim dialog. */
export function WorkloadDeployRoute() {
  const { t } = useTranslation('deploy');
  const { clusterId = '', projectId = '' } = useParams();
  const navigate = useNavigate();
  const namespaces = useProjectNamespaces(projectId);
  const workloadsPage = paths.workloads.getHref(clusterId, projectId);

  return (
    <Stack gap="md">
      <Title order={2}>{t('title')}</Title>
      {namespaces.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {namespaces.isError && (
        <Alert color="red" role="alert">
          {namespaces.error.message}
        </Alert>
      )}
      {namespaces.data && (
        <DeployWorkloadForm
          clusterId={clusterId}
          namespaces={namespaces.data.map((namespace) => namespace.name)}
          renderNewClaimDialog={(props) => <VolumeClaimDialog clusterId={clusterId} {...props} />}
          onDeployed={() => void navigate(workloadsPage)}
          onCancel={() => void navigate(workloadsPage)}
        />
      )}
    </Stack>
  );
}
