import { useMe } from '@/features/auth/api/get-me';
import { RoleList } from '@/features/access/components/role-list';

/** Anyone signed in may read the roles (they decide what people can do); creating needs roles:manage. */
export function RolesRoute() {
  const me = useMe().data;
  if (!me) return null;
  return <RoleList me={me} />;
}
