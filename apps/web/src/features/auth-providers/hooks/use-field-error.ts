import { useTranslation } from 'react-i18next';
import { fieldErrorsByPath } from '@/lib/field-errors';
import { knownReason } from '../utils/server-reasons';

/**
 * The server's reason for refusing a field, by form path, in the person's language where the
 * catalog knows the reason; other reasons show as the server wrote them.
 */
export function useFieldError(error: unknown, formPaths: readonly string[]) {
  const { t } = useTranslation('providers');
  const reasons = fieldErrorsByPath(error, formPaths);
  return (path: string): string | undefined => {
    const reason = reasons[path];
    if (reason === undefined) return undefined;
    const key = knownReason(reason);
    return key ? t(`admin.reason.${key}`) : reason;
  };
}
