import { Alert, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { WorkloadList } from '@/features/workloads/components/workload-list';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';

export function WorkloadsRoute() {
  const { t } = useTranslation('workloads');
  const { clusterId = '', projectId = '' } = useParams();
  const namespaces = useProjectNamespaces(projectId);
  if (namespaces.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('list.loadingNamespaces')} />
      </Center>
    );
  }
  if (namespaces.isError) {
    return (
      <Alert color="red" title={t('list.namespacesFailed')} role="alert">
        {namespaces.error.message}
      </Alert>
    );
  }
  return (
    <WorkloadList
      key={`${clusterId}/${projectId}`}
      clusterId={clusterId}
      projectId={projectId}
      namespaces={namespaces.data.map((namespace) => namespace.name)}
    />
  );
}
