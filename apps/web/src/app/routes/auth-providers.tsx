import { GlobalPermission } from '@bokujo/shared';
import { PermissionNeeded } from '@/features/access/components/permission-needed';
import { useMe } from '@/features/auth/api/get-me';
import { useSetupStatus } from '@/features/auth/api/get-setup-status';
import { AuthProviderList } from '@/features/auth-providers/components/auth-provider-list';

export function AuthProvidersRoute() {
  // The session guard above has already loaded the person.
  const me = useMe().data;
  const setup = useSetupStatus();
  if (!me) return null;
  if (!me.permissions.includes(GlobalPermission.settingsManage)) {
    return <PermissionNeeded permission={GlobalPermission.settingsManage} />;
  }
  // The redirect URI is built from the server URL set at first start, not from this tab's address.
  const serverUrl = setup.data?.serverUrl ?? window.location.origin;
  return <AuthProviderList username={me.username} serverUrl={serverUrl} />;
}
