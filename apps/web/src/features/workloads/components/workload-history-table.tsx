import { Alert, Badge, Center, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '@/components/data-table';
import { useFormatters } from '@/lib/format';
import type { KubePodTemplate, OwnerReference } from '@/lib/k8s/types';
import { useRevisions } from '../api/get-revisions';
import type { WorkloadRef } from '../utils/workload-relations';
import { imagesOf } from '../utils/workload-state';

/** Deployments number their ReplicaSets with this annotation. */
const revisionAnnotation = 'deployment.kubernetes.io/revision';

interface RevisionRow {
  name: string;
  revision: number;
  images: string[];
  createdAt: string | undefined;
  /** Pods of this revision, where Kubernetes counts them (ReplicaSets). */
  replicas: number | undefined;
}

const ownedBy = (owners: OwnerReference[] | undefined, uid: string | undefined) =>
  uid !== undefined && (owners ?? []).some((owner) => owner.uid === uid);

const toRow = (
  name: string | undefined,
  revision: number,
  template: KubePodTemplate | undefined,
  createdAt: string | undefined,
  replicas?: number,
): RevisionRow => ({
  name: name ?? '',
  revision,
  images: imagesOf(template),
  createdAt,
  replicas,
});

/** Earlier revisions of the pod template, newest first; the newest is the one running. */
export function WorkloadHistoryTable({
  clusterId,
  workload,
  history,
}: {
  clusterId: string;
  workload: WorkloadRef;
  history: 'ReplicaSet' | 'ControllerRevision';
}) {
  const { t } = useTranslation('workloads');
  const format = useFormatters();
  const namespace = workload.object.metadata.namespace ?? '';
  const uid = workload.object.metadata.uid;
  const { replicaSets, controllerRevisions } = useRevisions(clusterId, namespace, history);
  const query = history === 'ReplicaSet' ? replicaSets : controllerRevisions;

  if (query.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('history.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t('history.failed')} role="alert">
        {query.error.message}
      </Alert>
    );
  }
  const rows =
    history === 'ReplicaSet'
      ? (replicaSets.data ?? [])
          .filter((set) => ownedBy(set.metadata.ownerReferences, uid))
          .map((set) =>
            toRow(
              set.metadata.name,
              Number(set.metadata.annotations?.[revisionAnnotation] ?? 0),
              set.spec?.template,
              set.metadata.creationTimestamp,
              set.status?.replicas ?? 0,
            ),
          )
      : (controllerRevisions.data ?? [])
          .filter((revision) => ownedBy(revision.metadata.ownerReferences, uid))
          .map((revision) =>
            toRow(
              revision.metadata.name,
              revision.revision,
              revision.data?.spec?.template,
              revision.metadata.creationTimestamp,
            ),
          );
  rows.sort((a, b) => b.revision - a.revision);
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('history.empty')}
      </Text>
    );
  }
  const newest = rows[0]?.revision;
  const none = t('none');
  const columns: Column<RevisionRow>[] = [
    {
      id: 'revision',
      header: t('history.revision'),
      nowrap: true,
      cell: (row) => (
        <Group gap="xs" wrap="nowrap">
          <span>{format.integer(row.revision)}</span>
          {row.revision === newest && (
            <Badge size="sm" variant="light">
              {t('history.current')}
            </Badge>
          )}
        </Group>
      ),
    },
    { id: 'name', header: t('column.name'), cell: (row) => row.name },
    {
      id: 'image',
      header: t('column.image'),
      cell: (row) =>
        row.images.length === 0
          ? none
          : row.images.map((image) => (
              <Text key={image} size="sm" ff="monospace">
                {image}
              </Text>
            )),
    },
    ...(history === 'ReplicaSet'
      ? [
          {
            id: 'pods',
            header: t('history.pods'),
            align: 'right' as const,
            nowrap: true,
            cell: (row: RevisionRow) => format.integer(row.replicas ?? 0),
          },
        ]
      : []),
    {
      id: 'age',
      header: t('column.age'),
      nowrap: true,
      cell: (row) => (row.createdAt ? format.ago(row.createdAt) : none),
    },
  ];
  return (
    <DataTable columns={columns} rows={rows} rowKey={(row) => row.name} minWidth={760} caption={t('history.title')} />
  );
}
