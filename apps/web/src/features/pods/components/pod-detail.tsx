import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { useFormatters } from '@/lib/format';
import { usePod } from '../api/get-pod';
import { podApiPath } from '../api/pod-path';
import { containerRows } from '../utils/containers';
import { ConditionTable } from './condition-table';
import { ContainerTable } from './container-table';
import { PodEventTable } from './pod-event-table';
import { PodLogs } from './pod-logs';
import { PodPhaseBadge } from './pod-phase-badge';
import { PodShell } from './pod-shell';

const tabs = ['overview', 'logs', 'shell'] as const;
type Tab = (typeof tabs)[number];

interface PodDetailProps {
  clusterId: string;
  namespace: string;
  name: string;
}

/**
 * One pod: its containers and their states, conditions and events; its logs; a shell. The tab and
 * container are in the address (`?tab=logs&container=web`), so other pages can link straight there.
 */
export function PodDetail({ clusterId, namespace, name }: PodDetailProps) {
  const { t } = useTranslation('pods');
  const format = useFormatters();
  const pod = usePod(clusterId, namespace, name);
  const [search, setSearch] = useSearchParams();
  const tab: Tab = tabs.find((candidate) => candidate === search.get('tab')) ?? 'overview';
  const initialContainer = search.get('container') ?? undefined;

  if (pod.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('page.loading')} />
      </Center>
    );
  }
  if (pod.isError) {
    return (
      <Alert color="red" title={t('page.failed')} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {isApiError(pod.error, 404) ? t('page.notFound', { name, namespace }) : pod.error.message}
          </Text>
          <Button size="xs" variant="default" onClick={() => void pod.refetch()}>
            {t('page.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  const data = pod.data;
  const rows = containerRows(data);
  const owner =
    data.metadata.ownerReferences?.find((reference) => reference.controller) ?? data.metadata.ownerReferences?.[0];
  const started = data.status?.startTime;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" align="center" wrap="wrap" style={{ minWidth: 0 }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          <PodPhaseBadge pod={data} />
        </Group>
        <Button
          component={Link}
          to={paths.objectYaml.getHref(clusterId, podApiPath(namespace, name))}
          variant="default"
        >
          {t('page.editYaml')}
        </Button>
      </Group>
      {data.status?.message && (
        <Text size="sm" c="dimmed">
          {data.status.reason
            ? t('page.statusReason', { reason: data.status.reason, message: data.status.message })
            : data.status.message}
        </Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="md">
          <Fact label={t('page.namespace')}>{namespace}</Fact>
          <Fact label={t('page.node')}>{data.spec?.nodeName ?? t('page.none')}</Fact>
          <Fact label={t('page.podIp')}>{data.status?.podIP ?? t('page.none')}</Fact>
          <Fact label={t('page.started')}>
            {started ? (
              <Tooltip label={format.dateTime(started)} withArrow>
                <Text size="sm" span tabIndex={0}>
                  {format.ago(started)}
                </Text>
              </Tooltip>
            ) : (
              t('page.none')
            )}
          </Fact>
          <Fact label={t('page.qos')}>{data.status?.qosClass ?? t('page.none')}</Fact>
          <Fact label={t('page.controlledBy')}>
            {owner ? t('page.controller', { kind: owner.kind, name: owner.name }) : t('page.none')}
          </Fact>
        </SimpleGrid>
      </Paper>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(search);
          if (!value || value === 'overview') next.delete('tab');
          else next.set('tab', value);
          setSearch(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('page.tabsLabel')}>
          {tabs.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate}>
              {t(`page.tab.${candidate}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Stack gap="lg">
            <Section title={t('containers.title')}>
              <ContainerTable rows={rows} />
            </Section>
            <Section title={t('conditions.title')}>
              <ConditionTable conditions={data.status?.conditions ?? []} />
            </Section>
            <Section title={t('events.title')}>
              <PodEventTable clusterId={clusterId} namespace={namespace} pod={name} />
            </Section>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="logs" pt="md">
          <PodLogs
            clusterId={clusterId}
            namespace={namespace}
            pod={name}
            containers={rows}
            initialContainer={initialContainer}
          />
        </Tabs.Panel>
        <Tabs.Panel value="shell" pt="md">
          <PodShell
            clusterId={clusterId}
            namespace={namespace}
            pod={name}
            containers={rows}
            initialContainer={initialContainer}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
