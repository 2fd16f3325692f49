import { useTranslation } from 'react-i18next';
import { useGlobalRoles } from '../api/get-global-roles';
import { useRoleTemplates } from '../api/get-role-templates';
import { isBuiltInGlobalRole, isBuiltInTemplate, permissionKey } from '../utils/labels';

/**
 * Names of roles and permissions in the person's language: built-ins from the catalog, custom
 * roles by the name their author gave, anything unknown by its id.
 */
export function useRoleLabels() {
  const { t } = useTranslation('access');
  const globalRoles = useGlobalRoles();
  const templates = useRoleTemplates();
  return {
    globalRole: (id: string) =>
      isBuiltInGlobalRole(id) ? t(`globalRole.${id}`) : (globalRoles.data?.find((role) => role.id === id)?.name ?? id),
    template: (id: string) =>
      isBuiltInTemplate(id) ? t(`template.${id}`) : (templates.data?.find((role) => role.id === id)?.name ?? id),
    permission: (permission: string) => {
      const key = permissionKey(permission);
      return key ? t(`permission.${key}`) : permission;
    },
  };
}
