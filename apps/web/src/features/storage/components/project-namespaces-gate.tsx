import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectNamespaces } from '@/lib/projects/get-project-namespaces';

/** Renders its children with the project's namespace names once they are known. */
export function ProjectNamespacesGate({
  projectId,
  children,
}: {
  projectId: string;
  children: (namespaces: string[]) => ReactNode;
}) {
  const { t } = useTranslation('storage');
  const namespaces = useProjectNamespaces(projectId, { refetchInterval: 30_000 });
  if (namespaces.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('claims.loadingNamespaces')} />
      </Center>
    );
  }
  if (namespaces.isError) {
    return (
      <Alert color="red" title={t('claims.namespacesFailed')} role="alert">
        {namespaces.error.message}
      </Alert>
    );
  }
  return <>{children(namespaces.data.map((namespace) => namespace.name))}</>;
}
