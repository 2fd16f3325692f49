import { useTranslation } from 'react-i18next';

export function ClustersLabel() {
  const { t } = useTranslation('clusters');
  return <>{t('switcher.global')}</>;
}

export function ImportLabel() {
  const { t } = useTranslation('clusters');
  return <>{t('import.title')}</>;
}
