import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function HomeRoute() {
  const { t } = useTranslation();
  return (
    <Stack maw={720} gap="sm">
      <Title order={2}>{t('home.title')}</Title>
      <Text>{t('home.intro')}</Text>
      <Text c="dimmed">{t('home.nextSteps')}</Text>
    </Stack>
  );
}
