import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Access } from '@/lib/k8s/use-access-review';

/**
 * Why an action is greyed out, under it. A tooltip would not do: disabled buttons get no hover
 * or focus, so keyboard and touch users would never read it.
 */
export function DeniedNote({ access, message, id }: { access: Access; message: string; id?: string }) {
  const { t } = useTranslation('storage');
  if (access.allowed || access.isPending) return null;
  return (
    <Text id={id} size="xs" c="dimmed" maw={360}>
      {access.reason ? t('rbac.withReason', { message, reason: access.reason }) : message}
    </Text>
  );
}
