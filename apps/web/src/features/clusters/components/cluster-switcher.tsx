import { Box, Button, Menu, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useClusters } from '../api/get-clusters';
import { stateColors } from './cluster-state-badge';

/** The top bar's way between Global (the cluster list) and each cluster, as in Rancher. */
export function ClusterSwitcher({ clusterId }: { clusterId: string | undefined }) {
  const { t } = useTranslation('clusters');
  const clusters = useClusters();
  const current = clusterId ? clusters.data?.find((cluster) => cluster.id === clusterId) : undefined;
  const label = clusterId ? (current?.name ?? clusterId) : t('switcher.global');

  return (
    <Menu position="bottom-start" width={280} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          maw={280}
          rightSection={<span aria-hidden="true">▾</span>}
          aria-label={t('switcher.label', { current: label })}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={paths.clusters.getHref()}>
          <Text size="sm" fw={500}>
            {t('switcher.global')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('switcher.allClusters')}
          </Text>
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('switcher.clusters')}</Menu.Label>
        {clusters.isError && (
          <Text size="xs" c="red" px="sm" py={4}>
            {t('switcher.failed')}
          </Text>
        )}
        {clusters.data?.length === 0 && (
          <Text size="xs" c="dimmed" px="sm" py={4}>
            {t('switcher.none')}
          </Text>
        )}
        <ScrollArea.Autosize mah={320} type="auto">
          {clusters.data?.map((cluster) => (
            <Menu.Item
              key={cluster.id}
              component={Link}
              to={paths.cluster.getHref(cluster.id)}
              aria-current={cluster.id === clusterId ? 'page' : undefined}
              leftSection={
                <Box
                  w={8}
                  h={8}
                  bg={stateColors[cluster.state]}
                  style={{ borderRadius: '50%' }}
                  aria-label={t(`state.${cluster.state}`)}
                  role="img"
                />
              }
            >
              <Text size="sm" truncate>
                {cluster.name}
              </Text>
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
