import type { GlobalPermission } from '@bokujo/shared';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={2}>{t('list.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('list.intro')}
          </Text>
        </Stack>
        {canImport && (
          <Button component={Link} to={paths.clusterImport.getHref()} style={{ flexShrink: 0 }}>
            {t('list.import')}
          </Button>
        )}
      </Group>
      <ClusterList canImport={canImport} />
    </Stack>
  );
}
