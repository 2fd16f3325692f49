import { useParams } from 'react-router';
import { PodDetail } from '@/features/pods/components/pod-detail';

export function PodRoute() {
  const { clusterId = '', namespace = '', name = '' } = useParams();
  // Another pod is another page: no log stream or shell of the previous one may linger.
  return (
    <PodDetail key={`${clusterId}/${namespace}/${name}`} clusterId={clusterId} namespace={namespace} name={name} />
  );
}
