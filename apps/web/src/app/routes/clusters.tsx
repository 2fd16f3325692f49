import type { GlobalPermission } from '@bokujo/shared';
import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { ClusterList } from '@/features/clusters/components/cluster-list';

export function ClustersRoute() {
  const { t } = useTranslation('clusters');
  const me = useMe();
  // Hidden rather than refused: the server still checks the permission on import.
  const canImport = me.data?.permissions.includes('clusters:import' satisfies GlobalPermission) === true;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          canImport && (
            <Button component={Link} to={paths.clusterImport.getHref()}>
              {t('list.import')}
            </Button>
          )
        }
      />
      <ClusterList canImport={canImport} />
    </Stack>
  );
}
