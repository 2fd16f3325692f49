import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ProjectNamespacesGate } from '@/features/storage/components/project-namespaces-gate';
import { VolumeClaimForm } from '@/features/storage/components/volume-claim-form';

export function VolumeClaimCreateRoute() {
  const { t } = useTranslation('storage');
  const { clusterId = '', projectId = '' } = useParams();
  return (
    <Stack gap="md" key={`${clusterId}/${projectId}`}>
      <Stack gap={4}>
        <Title order={2}>{t('createClaim.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('createClaim.intro')}
        </Text>
      </Stack>
      <ProjectNamespacesGate projectId={projectId}>
        {(namespaces) => <VolumeClaimForm clusterId={clusterId} projectId={projectId} namespaces={namespaces} />}
      </ProjectNamespacesGate>
    </Stack>
  );
}
