import { GlobalPermission } from '@bokujo/shared';
import { useMe } from '@/features/auth/api/get-me';
import { AuditLog } from '@/features/access/components/audit-log';
import { PermissionNeeded } from '@/features/access/components/permission-needed';

export function AuditRoute() {
  const me = useMe().data;
  if (!me) return null;
  if (!me.permissions.includes(GlobalPermission.auditRead)) {
    return <PermissionNeeded permission={GlobalPermission.auditRead} />;
  }
  return <AuditLog />;
}
