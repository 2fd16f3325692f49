import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from '@/features/clusters/components/import-wizard/import-wizard';

export function ClusterImportRoute() {
  const { t } = useTranslation('cluster-import');
  return (
    <Stack gap="md">
      <Title order={2}>{t('import.title')}</Title>
      <ImportWizard />
    </Stack>
  );
}
