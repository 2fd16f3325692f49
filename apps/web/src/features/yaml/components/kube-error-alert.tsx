import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { kubeStatusOf } from '@/lib/k8s/status';

interface KubeErrorAlertProps {
  error: Error;
  /** What failed, e.g. "The change could not be checked". */
  title: string;
  /** Offered on a 409: load the object as it is now. */
  onReload?: () => void;
}

/**
 * A refused write, told apart by what the person can do about it: a conflict (someone else
 * changed the object), invalid fields (each named), a missing right, or anything else.
 */
export function KubeErrorAlert({ error, title, onReload }: KubeErrorAlertProps) {
  const { t } = useTranslation('yaml');
  const status = kubeStatusOf(error);
  const causes = status?.details?.causes ?? [];
  if (isApiError(error, 409) && status?.reason === 'Conflict') {
    return (
      <Alert color="orange" title={t('error.conflictTitle')} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('error.conflictBody')}</Text>
          <Text size="xs" c="dimmed">
            {t('error.serverSaid', { message: error.message })}
          </Text>
          {onReload && (
            <Button size="xs" variant="default" onClick={onReload}>
              {t('error.reload')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  if (isApiError(error, 422) && causes.length > 0) {
    return (
      <Alert color="red" title={t('error.invalidTitle')} role="alert">
        <Stack gap="xs">
          <Text size="sm">{t('error.invalidBody')}</Text>
          <List size="sm" spacing={4}>
            {causes.map((cause, index) => (
              <List.Item key={index}>
                {cause.field ? (
                  <Trans
                    t={t}
                    i18nKey="error.cause"
                    values={{ field: cause.field, message: cause.message ?? '' }}
                    components={{ field: <Text span ff="monospace" fw={600} /> }}
                  />
                ) : (
                  cause.message
                )}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Alert>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <Alert color="orange" title={t('error.forbiddenTitle')} role="alert">
        <Text size="sm">{error.message}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {error.message}
      </Text>
    </Alert>
  );
}
