import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReadiness } from '../api/get-readiness';

export function ServerStatusBadge() {
  const { t } = useTranslation('system');
  const readiness = useReadiness();
  const state = readiness.isPending ? 'checking' : readiness.data?.status === 'ok' ? 'ready' : 'unavailable';
  const color = { checking: 'gray', ready: 'green', unavailable: 'red' }[state];
  return (
    <Badge color={color} variant="light" aria-label={t('status.label')} role="status">
      {t(`status.${state}`)}
    </Badge>
  );
}
