import { Alert, Button, Center, DataList, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { useCluster } from '../api/get-cluster';
import { useDownloadKubeconfig } from '../hooks/use-download-kubeconfig';
import { CapacityGauges } from './capacity-gauges';
import { ClusterEventTable } from './cluster-event-table';
import { ClusterStateBadge } from './cluster-state-badge';
import { NodeTable } from './node-table';

/** One cluster at a glance: what it is, how full it is, its nodes and what happened lately. */
export function ClusterDashboard({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('clusters');
  const format = useFormatters();
  const cluster = useCluster(clusterId);
  const kubeconfig = useDownloadKubeconfig();

  if (cluster.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('dashboard.loading')} />
      </Center>
    );
  }
  if (cluster.isError) {
    return (
      <Alert color="red" title={t('dashboard.failed')} role="alert">
        {cluster.error.message}
      </Alert>
    );
  }
  const data = cluster.data;
  const none = t('list.none');
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {data.name}
            </Title>
            <ClusterStateBadge cluster={data} />
          </Group>
          {data.description && <Text c="dimmed">{data.description}</Text>}
        </Stack>
        <Button
          variant="default"
          loading={kubeconfig.isPending}
          onClick={() => kubeconfig.download(data)}
          style={{ flexShrink: 0 }}
        >
          {t('kubeconfig.download')}
        </Button>
      </Group>

      {kubeconfig.error && (
        <Alert
          color="red"
          title={t('kubeconfig.failed', { name: data.name })}
          withCloseButton
          closeButtonLabel={t('dismiss')}
          onClose={kubeconfig.reset}
        >
          {kubeconfig.error.message}
        </Alert>
      )}
      {data.state !== 'Active' && data.stateReason && (
        <Alert color={data.state === 'Unavailable' ? 'red' : 'yellow'} title={t(`state.${data.state}`)}>
          {data.stateReason}
        </Alert>
      )}
      {data.warnings.length > 0 && (
        <Alert color="orange" title={t('dashboard.warnings')}>
          <List size="sm">
            {data.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Paper withBorder p="md" radius="md">
        <DataList
          orientation="vertical"
          labelWidth="auto"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))' }}
        >
          <DataList.Item>
            <DataList.ItemLabel>{t('column.provider')}</DataList.ItemLabel>
            <DataList.ItemValue>{data.provider ? t(`provider.${data.provider}`) : none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('column.version')}</DataList.ItemLabel>
            <DataList.ItemValue>{data.version ?? none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('dashboard.created')}</DataList.ItemLabel>
            <DataList.ItemValue>{format.dateTime(data.createdAt)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('dashboard.lastChecked')}</DataList.ItemLabel>
            <DataList.ItemValue>{data.lastCheckedAt ? format.dateTime(data.lastCheckedAt) : none}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('dashboard.credential')}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`dashboard.credentialKind.${data.credentialKind}`)}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Paper>

      <Stack gap="sm">
        <Title order={3}>{t('dashboard.capacity')}</Title>
        {data.summary ? <CapacityGauges summary={data.summary} /> : <Text c="dimmed">{t('dashboard.noSummary')}</Text>}
      </Stack>

      <Stack gap="sm">
        <Title order={3}>{t('nodes.title')}</Title>
        <NodeTable clusterId={clusterId} />
      </Stack>

      <Stack gap="sm">
        <Title order={3}>{t('events.title')}</Title>
        <ClusterEventTable clusterId={clusterId} />
      </Stack>
    </Stack>
  );
}
