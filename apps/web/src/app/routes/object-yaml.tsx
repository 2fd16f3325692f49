import { useParams, useSearchParams } from 'react-router';
import { ObjectYamlPage } from '@/features/yaml/components/object-yaml-page';

export function ObjectYamlRoute() {
  const { clusterId = '' } = useParams();
  const [search] = useSearchParams();
  const apiPath = search.get('object') ?? '';
  // Another object is another page: no edits of the previous one may linger.
  return <ObjectYamlPage key={`${clusterId}${apiPath}`} clusterId={clusterId} apiPath={apiPath} />;
}
