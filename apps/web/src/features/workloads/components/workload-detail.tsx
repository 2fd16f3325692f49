import { workloadKindTraits } from '@bokujo/shared';
import { Alert, Badge, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import { isApiError } from '@/lib/api-client';
import { useFormatters } from '@/lib/format';
import type { KubeCondition } from '@/lib/k8s/types';
import { type WorkloadAddress, useWorkload } from '../api/get-workload';
import { imagesOf, podTemplateOf, workloadReadiness, workloadState } from '../utils/workload-state';
import { type ActionFailure, WorkloadActions } from './workload-actions';
import { WorkloadClaimTable } from './workload-claim-table';
import { WorkloadEventTable } from './workload-event-table';
import { WorkloadHistoryTable } from './workload-history-table';
import { WorkloadPodTable } from './workload-pod-table';
import { WorkloadStateBadge } from './workload-state-badge';

interface WorkloadDetailProps {
  clusterId: string;
  projectId: string;
  address: WorkloadAddress;
  onDeleted: () => void;
}

/** One workload: what it runs, its pods, conditions, claims, revisions and events, kept live. */
export function WorkloadDetail({ clusterId, projectId, address, onDeleted }: WorkloadDetailProps) {
  const { t } = useTranslation('workloads');
  const format = useFormatters();
  const workload = useWorkload(clusterId, address);
  const [failure, setFailure] = useState<ActionFailure>();
  const { kind, namespace, name } = address;

  if (workload.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('detail.loading')} />
      </Center>
    );
  }
  if (workload.isError) {
    return (
      <Alert
        color="red"
        role="alert"
        title={
          isApiError(workload.error, 404)
            ? t('detail.notFound', { kind, name, namespace })
            : t('detail.failed', { name })
        }
      >
        {workload.error.message}
      </Alert>
    );
  }

  const object = workload.data;
  const ref = { kind, object };
  const readiness = workloadReadiness(kind, object);
  const images = imagesOf(podTemplateOf(kind, object));
  const none = t('none');
  const traits = workloadKindTraits[kind];

  const conditionColumns: Column<KubeCondition>[] = [
    { id: 'type', header: t('conditions.type'), nowrap: true, cell: (condition) => condition.type },
    { id: 'status', header: t('conditions.status'), nowrap: true, cell: (condition) => condition.status },
    { id: 'reason', header: t('conditions.reason'), cell: (condition) => condition.reason || none },
    { id: 'message', header: t('conditions.message'), cell: (condition) => condition.message || none },
    {
      id: 'changed',
      header: t('conditions.changed'),
      nowrap: true,
      cell: (condition) => {
        const at = condition.lastTransitionTime ?? condition.lastUpdateTime;
        return at ? format.ago(at) : none;
      },
    },
  ];
  const conditions = object.status?.conditions ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <WorkloadStateBadge state={workloadState(kind, object)} />
          </Group>
          <Group gap="xs">
            <Badge variant="outline" color="gray" tt="none">
              {kind}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('detail.inNamespace', { namespace })}
            </Text>
          </Group>
        </Stack>
        <WorkloadActions
          clusterId={clusterId}
          projectId={projectId}
          workload={ref}
          onError={setFailure}
          onDeleted={onDeleted}
        />
      </Group>
      <Group gap="xl" align="flex-start">
        <Fact label={images.length > 1 ? t('detail.images') : t('detail.image')}>
          {images.length === 0
            ? none
            : images.map((image) => (
                <Text key={image} size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {image}
                </Text>
              ))}
        </Fact>
        {readiness && (
          <Fact label={kind === 'Job' ? t('detail.completions') : t('detail.replicas')}>
            <Text size="sm">{t('readyCount', { ready: readiness.ready, desired: readiness.desired })}</Text>
          </Fact>
        )}
        {kind === 'CronJob' && (
          <Fact label={t('detail.schedule')}>
            <Text size="sm" ff="monospace">
              {object.spec?.schedule ?? none}
            </Text>
          </Fact>
        )}
        {object.metadata.creationTimestamp && (
          <Fact label={t('detail.created')}>
            <Text size="sm">{format.dateTime(object.metadata.creationTimestamp)}</Text>
          </Fact>
        )}
      </Group>
      {failure && (
        <Alert
          color="red"
          title={failure.title}
          role="alert"
          withCloseButton
          onClose={() => setFailure(undefined)}
          closeButtonLabel={t('close')}
        >
          {t('serverSaid', { message: failure.message })}
        </Alert>
      )}
      <Section title={t('pods.title')}>
        <WorkloadPodTable clusterId={clusterId} projectId={projectId} workload={ref} />
      </Section>
      <Section title={t('conditions.title')}>
        {conditions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('conditions.empty')}
          </Text>
        ) : (
          <DataTable
            columns={conditionColumns}
            rows={conditions}
            rowKey={(condition) => condition.type}
            minWidth={800}
            caption={t('conditions.title')}
          />
        )}
      </Section>
      <Section title={t('claims.title')}>
        <WorkloadClaimTable clusterId={clusterId} workload={ref} />
      </Section>
      {traits.history && (
        <Section title={t('history.title')}>
          <WorkloadHistoryTable clusterId={clusterId} workload={ref} history={traits.history} />
        </Section>
      )}
      <Section title={t('events.title')}>
        <WorkloadEventTable clusterId={clusterId} workload={ref} />
      </Section>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} maw={480}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
