import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { parseObjectPath } from '../utils/api-path';
import { ObjectYamlEditor } from './object-yaml-editor';

/** The YAML page for whatever object the address names, or why it names none. */
export function ObjectYamlPage({ clusterId, apiPath }: { clusterId: string; apiPath: string }) {
  const { t } = useTranslation('yaml');
  const object = parseObjectPath(apiPath);
  if (!object) {
    return (
      <Alert color="red" title={t('editor.badPathTitle')} role="alert">
        {t('editor.badPathBody', { path: apiPath })}
      </Alert>
    );
  }
  return <ObjectYamlEditor clusterId={clusterId} apiPath={apiPath} object={object} />;
}
