import { useTranslation } from 'react-i18next';

export function ClustersLabel() {
  const { t } = useTranslation('clusters');
  return <>{t('switcher.global')}</>;
}

/** A page named as the navigation names it. */
export function NavLabel({
  entry,
}: {
  entry: 'users' | 'roles' | 'audit' | 'authProviders' | 'members' | 'projects' | 'pods' | 'workloads';
}) {
  const { t } = useTranslation();
  return <>{t(`nav.${entry}`)}</>;
}

export function ImportLabel() {
  const { t } = useTranslation('cluster-import');
  return <>{t('import.title')}</>;
}

export function DeployCrumbLabel() {
  const { t } = useTranslation('deploy');
  return <>{t('title')}</>;
}

export function EditCrumbLabel() {
  const { t } = useTranslation();
  return <>{t('edit')}</>;
}
