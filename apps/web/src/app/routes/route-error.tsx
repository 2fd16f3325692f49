import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Stack p="md" maw={720}>
      <Alert color="red" title={t('error.title')}>
        {error instanceof Error ? error.message : String(error)}
      </Alert>
      <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
        {t('error.retry')}
      </Button>
    </Stack>
  );
}
