import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { landingPath } from '@/config/paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack gap="sm">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body', { path: pathname })}</Text>
      <Anchor component={Link} to={landingPath}>
        {t('notFound.back')}
      </Anchor>
    </Stack>
  );
}
