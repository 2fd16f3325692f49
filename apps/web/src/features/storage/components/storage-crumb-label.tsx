import { useTranslation } from 'react-i18next';

type StoragePage = 'classes' | 'createClass' | 'volumes' | 'claims' | 'createClaim';

/** The storage pages' names in breadcrumbs. */
export function StorageCrumbLabel({ page }: { page: StoragePage }) {
  const { t } = useTranslation('storage');
  return <>{t(`crumbs.${page}`)}</>;
}
