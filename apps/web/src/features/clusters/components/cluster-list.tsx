import type { Cluster } from '@bokujo/shared';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Menu,
  Popover,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { type Formatters, useFormatters } from '@/lib/format';
import { useClusters } from '../api/get-clusters';
import { useDownloadKubeconfig } from '../hooks/use-download-kubeconfig';
import { ClusterStateBadge } from './cluster-state-badge';

// Loads when someone asks to remove a cluster; the list itself stays light.
const DeleteClusterModal = lazy(() =>
  import('./delete-cluster-modal').then((module) => ({ default: module.DeleteClusterModal })),
);

/** The Global view's table of clusters; `canImport` offers the import where the list is empty. */
export function ClusterList({ canImport }: { canImport: boolean }) {
  const { t } = useTranslation('clusters');
  const format = useFormatters();
  const clusters = useClusters();
  const kubeconfig = useDownloadKubeconfig();
  const [deleting, setDeleting] = useState<Cluster>();
  const [downloading, setDownloading] = useState<Cluster>();

  if (clusters.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('list.loading')} />
      </Center>
    );
  }
  if (clusters.isError) {
    return (
      <Alert color="red" title={t('list.failed')} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{clusters.error.message}</Text>
          <Button size="xs" variant="default" onClick={() => void clusters.refetch()}>
            {t('list.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (clusters.data.length === 0) {
    return (
      <EmptyState
        py="xl"
        title={t('list.emptyTitle')}
        description={t('list.emptyBody')}
        icon={<span aria-hidden="true">⎈</span>}
        withIndicatorBackground
      >
        {canImport && (
          <Group justify="center" mt="md">
            <Button component={Link} to={paths.clusterImport.getHref()}>
              {t('list.import')}
            </Button>
          </Group>
        )}
      </EmptyState>
    );
  }

  return (
    <Stack gap="sm">
      {kubeconfig.error && downloading && (
        <Alert
          color="red"
          title={t('kubeconfig.failed', { name: downloading.name })}
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={kubeconfig.reset}
          role="alert"
        >
          {kubeconfig.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('column.state')}</Table.Th>
              <Table.Th>{t('column.name')}</Table.Th>
              <Table.Th>{t('column.provider')}</Table.Th>
              <Table.Th>{t('column.version')}</Table.Th>
              <Table.Th ta="right">{t('column.nodes')}</Table.Th>
              <Table.Th ta="right">{t('column.cpu')}</Table.Th>
              <Table.Th ta="right">{t('column.memory')}</Table.Th>
              <Table.Th ta="right">{t('column.pods')}</Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>{t('column.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clusters.data.map((cluster) => (
              <ClusterRow
                key={cluster.id}
                cluster={cluster}
                format={format}
                onDownload={() => {
                  setDownloading(cluster);
                  kubeconfig.download(cluster);
                }}
                onDelete={() => setDeleting(cluster)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deleting && (
        <Suspense>
          <DeleteClusterModal cluster={deleting} onClose={() => setDeleting(undefined)} />
        </Suspense>
      )}
    </Stack>
  );
}

interface ClusterRowProps {
  cluster: Cluster;
  format: Formatters;
  onDownload: () => void;
  onDelete: () => void;
}

function ClusterRow({ cluster, format, onDownload, onDelete }: ClusterRowProps) {
  const { t } = useTranslation('clusters');
  const summary = cluster.summary;
  const none = (
    <Text c="dimmed" span>
      {t('list.none')}
    </Text>
  );
  return (
    <Table.Tr>
      <Table.Td maw={220}>
        <Stack gap={4} align="flex-start">
          <ClusterStateBadge cluster={cluster} />
          {cluster.state !== 'Active' && cluster.stateReason && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {cluster.stateReason}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td maw={280}>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={paths.cluster.getHref(cluster.id)} fw={500} truncate>
            {cluster.name}
          </Anchor>
          {cluster.warnings.length > 0 && (
            // A click-to-open popover rather than a tooltip: readable on touch screens, and it keeps
            // the tooltip code off the first page.
            <Popover withArrow width={320} position="bottom-start">
              <Popover.Target>
                <UnstyledButton style={{ flexShrink: 0 }}>
                  <Badge color="orange" variant="outline" size="xs" style={{ cursor: 'pointer' }}>
                    {t('list.warning')}
                  </Badge>
                </UnstyledButton>
              </Popover.Target>
              <Popover.Dropdown>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {cluster.warnings.join('\n')}
                </Text>
              </Popover.Dropdown>
            </Popover>
          )}
        </Group>
        {cluster.description && (
          <Text size="xs" c="dimmed" truncate>
            {cluster.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{cluster.provider ? t(`provider.${cluster.provider}`) : none}</Table.Td>
      <Table.Td>{cluster.version ?? none}</Table.Td>
      <Table.Td ta="right">
        {summary
          ? summary.readyNodeCount === summary.nodeCount
            ? format.integer(summary.nodeCount)
            : t('list.nodesReady', {
                ready: format.integer(summary.readyNodeCount),
                count: format.integer(summary.nodeCount),
              })
          : none}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {summary
          ? t('list.cores', {
              used: format.cores(summary.cpuMillicores.requested),
              total: format.cores(summary.cpuMillicores.allocatable),
            })
          : none}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {summary
          ? t('list.gibibytes', {
              used: format.gibibytes(summary.memoryBytes.requested),
              total: format.gibibytes(summary.memoryBytes.allocatable),
            })
          : none}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {summary
          ? t('list.ratio', {
              used: format.integer(summary.pods.running),
              total: format.integer(summary.pods.allocatable),
            })
          : none}
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('list.actionsFor', { name: cluster.name })}>
              <span aria-hidden="true">⋮</span>
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={onDownload}>{t('kubeconfig.download')}</Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={onDelete}>
              {t('list.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
