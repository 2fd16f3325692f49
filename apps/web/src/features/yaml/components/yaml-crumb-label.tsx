import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { parseObjectPath } from '../utils/api-path';

/** The YAML page in breadcrumbs: which object, by resource and name. */
export function ObjectYamlCrumbLabel() {
  const { t } = useTranslation('yaml');
  const [search] = useSearchParams();
  const object = parseObjectPath(search.get('object') ?? '');
  return <>{object ? t('crumb.object', { resource: object.resource, name: object.name }) : t('crumb.yaml')}</>;
}

export function ImportYamlCrumbLabel() {
  const { t } = useTranslation('yaml');
  return <>{t('crumb.import')}</>;
}
