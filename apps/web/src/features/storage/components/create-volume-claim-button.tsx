import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useCanEach } from '@/lib/k8s/use-access-review';
import { DeniedNote } from './denied-note';

interface CreateVolumeClaimButtonProps {
  clusterId: string;
  projectId: string;
  namespaces: string[];
}

/** Offered when the person may create claims in at least one of the project's namespaces. */
export function CreateVolumeClaimButton({ clusterId, projectId, namespaces }: CreateVolumeClaimButtonProps) {
  const { t } = useTranslation('storage');
  const access = useCanEach(
    clusterId,
    namespaces.map((namespace) => ({ verb: 'create', group: '', resource: 'persistentvolumeclaims', namespace })),
  );
  const allowed = access.some((answer) => answer.allowed);
  const isPending = access.some((answer) => answer.isPending);
  const combined = { allowed: allowed || namespaces.length === 0, reason: undefined, isPending };
  return (
    <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
      {allowed ? (
        <Button component={Link} to={paths.volumeClaimCreate.getHref(clusterId, projectId)}>
          {t('claims.create')}
        </Button>
      ) : (
        <Button disabled aria-describedby="create-claim-denied">
          {t('claims.create')}
        </Button>
      )}
      <DeniedNote id="create-claim-denied" access={combined} message={t('rbac.cannotCreateClaimInProject')} />
    </Stack>
  );
}
