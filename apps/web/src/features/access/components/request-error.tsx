import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';

interface RequestErrorProps {
  error: Error;
  /** What failed, e.g. "The users could not be loaded". */
  title: string;
  onRetry?: () => void;
}

/**
 * A failed request, with a refusal (403) told apart from a failure: asking again will not help
 * there, so it says why and offers no retry.
 */
export function RequestError({ error, title, onRetry }: RequestErrorProps) {
  const { t } = useTranslation('access');
  const forbidden = isApiError(error, 403);
  return (
    <Alert color={forbidden ? 'orange' : 'red'} title={forbidden ? t('error.forbiddenTitle') : title} role="alert">
      <Stack gap="xs" align="flex-start">
        {forbidden && <Text size="sm">{t('error.forbiddenBody')}</Text>}
        <Text size="sm">{forbidden ? t('error.serverSaid', { message: error.message }) : error.message}</Text>
        {onRetry && !forbidden && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('error.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
