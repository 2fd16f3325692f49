import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CreateStorageClassButton } from '@/features/storage/components/create-storage-class-button';
import { StorageClassList } from '@/features/storage/components/storage-class-list';

export function StorageClassesRoute() {
  const { t } = useTranslation('storage');
  const { clusterId = '' } = useParams();
  return (
    <Stack gap="md" key={clusterId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={2}>{t('classes.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('classes.intro')}
          </Text>
        </Stack>
        <CreateStorageClassButton clusterId={clusterId} />
      </Group>
      <StorageClassList clusterId={clusterId} />
    </Stack>
  );
}
