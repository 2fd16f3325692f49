import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PersistentVolumeList } from '@/features/storage/components/persistent-volume-list';

export function PersistentVolumesRoute() {
  const { t } = useTranslation('storage');
  const { clusterId = '' } = useParams();
  return (
    <Stack gap="md" key={clusterId}>
      <Stack gap={4}>
        <Title order={2}>{t('volumes.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('volumes.intro')}
        </Text>
      </Stack>
      <PersistentVolumeList clusterId={clusterId} />
    </Stack>
  );
}
