import { useTranslation } from 'react-i18next';
import { bodyFieldReasons, knownReason } from '../utils/field-errors';

/** The server's reason for refusing a body field, in the person's language where the catalog knows it. */
export function useFieldError(error: unknown) {
  const { t } = useTranslation('access');
  const reasons = bodyFieldReasons(error);
  return (field: string): string | undefined => {
    const reason = reasons[field];
    if (reason === undefined) return undefined;
    const key = knownReason(reason);
    return key ? t(`fieldError.${key}`) : reason;
  };
}
