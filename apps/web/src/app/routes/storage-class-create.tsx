import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { StorageClassForm } from '@/features/storage/components/storage-class-form';

export function StorageClassCreateRoute() {
  const { t } = useTranslation('storage');
  const { clusterId = '' } = useParams();
  return (
    <Stack gap="md" key={clusterId}>
      <Stack gap={4}>
        <Title order={2}>{t('createClass.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('createClass.intro')}
        </Text>
      </Stack>
      <StorageClassForm clusterId={clusterId} />
    </Stack>
  );
}
