import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { bytesOf } from '../utils/quantities';

/** A Kubernetes quantity such as "20Gi" written in GiB the way the chosen language writes numbers. */
export function useSize() {
  const { t } = useTranslation('storage');
  const format = useFormatters();
  return (quantity: string | undefined) => {
    const bytes = bytesOf(quantity);
    return bytes === undefined ? undefined : t('size.gibibytes', { size: format.gibibytes(bytes) });
  };
}
