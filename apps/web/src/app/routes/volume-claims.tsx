import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CreateVolumeClaimButton } from '@/features/storage/components/create-volume-claim-button';
import { ProjectNamespacesGate } from '@/features/storage/components/project-namespaces-gate';
import { VolumeClaimList } from '@/features/storage/components/volume-claim-list';
import { useProject } from '@/lib/projects/get-project';

export function VolumeClaimsRoute() {
  const { t } = useTranslation('storage');
  const { clusterId = '', projectId = '' } = useParams();
  const project = useProject(projectId);
  return (
    <Stack gap="md" key={`${clusterId}/${projectId}`}>
      <ProjectNamespacesGate projectId={projectId}>
        {(namespaces) => (
          <>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Title order={2}>{t('claims.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('claims.intro', { project: project.data?.name ?? projectId })}
                </Text>
              </Stack>
              <CreateVolumeClaimButton clusterId={clusterId} projectId={projectId} namespaces={namespaces} />
            </Group>
            <VolumeClaimList clusterId={clusterId} namespaces={namespaces} />
          </>
        )}
      </ProjectNamespacesGate>
    </Stack>
  );
}
