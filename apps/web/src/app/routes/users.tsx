import { GlobalPermission } from '@bokujo/shared';
import { useMe } from '@/features/auth/api/get-me';
import { PermissionNeeded } from '@/features/access/components/permission-needed';
import { UserList } from '@/features/access/components/user-list';

export function UsersRoute() {
  // The session guard above has already loaded the person.
  const me = useMe().data;
  if (!me) return null;
  if (!me.permissions.includes(GlobalPermission.usersManage)) {
    return <PermissionNeeded permission={GlobalPermission.usersManage} />;
  }
  return <UserList me={me} />;
}
