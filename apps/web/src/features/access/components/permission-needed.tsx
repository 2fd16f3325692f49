import type { GlobalPermission } from '@bokujo/shared';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRoleLabels } from '../hooks/use-role-labels';

/**
 * Shown instead of a page the person's global roles do not open (reached by a link or typed
 * address; the navigation hides it). Nothing is asked of the server, which would refuse anyway.
 */
export function PermissionNeeded({ permission }: { permission: GlobalPermission }) {
  const { t } = useTranslation('access');
  const labels = useRoleLabels();
  return (
    <Alert color="orange" title={t('error.forbiddenTitle')} role="alert" maw={640}>
      {t('error.needsPermission', { permission: labels.permission(permission) })}
    </Alert>
  );
}
