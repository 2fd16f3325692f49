import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/k8s/use-access-review';
import { DeniedNote } from './denied-note';

export function CreateStorageClassButton({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation('storage');
  const access = useCan(clusterId, { verb: 'create', group: 'storage.k8s.io', resource: 'storageclasses' });
  return (
    <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
      {access.allowed ? (
        <Button component={Link} to={paths.storageClassCreate.getHref(clusterId)}>
          {t('classes.create')}
        </Button>
      ) : (
        <Button disabled aria-describedby="create-class-denied">
          {t('classes.create')}
        </Button>
      )}
      <DeniedNote id="create-class-denied" access={access} message={t('rbac.cannotCreateClass')} />
    </Stack>
  );
}
