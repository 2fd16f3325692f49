import { useTranslation } from 'react-i18next';
import { fieldErrorsByPath } from '@/lib/field-errors';
import { knownReason } from '../utils/server-reasons';

/**
 * The server's reason for refusing one of the form's fields, in the person's language where the
 * catalog knows it; other reasons show as the server wrote them.
 */
export function useFieldError(error: unknown, fields: readonly string[]) {
  const { t } = useTranslation('access');
  const reasons = fieldErrorsByPath(error, fields);
  return (field: string): string | undefined => {
    const reason = reasons[field];
    if (reason === undefined) return undefined;
    const key = knownReason(reason);
    return key ? t(`fieldError.${key}`) : reason;
  };
}
