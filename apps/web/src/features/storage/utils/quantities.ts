import { quantityValue } from '@bokujo/shared';

const gibibyte = 1024 ** 3;

/** Bytes of a Kubernetes quantity such as "20Gi", or undefined when it is absent or unreadable. */
export function bytesOf(quantity: string | undefined): number | undefined {
  if (!quantity) return undefined;
  try {
    return quantityValue(quantity);
  } catch {
    return undefined;
  }
}

/** Whole GiB as Kubernetes writes them: 20 → "20Gi". */
export const gibibyteQuantity = (gib: number) => `${gib}Gi`;

/** The size in GiB, for forms that ask in whole GiB; rounded up so a minimum is never undershot. */
export function gibibytesOf(quantity: string | undefined): number | undefined {
  const bytes = bytesOf(quantity);
  return bytes === undefined ? undefined : Math.ceil(bytes / gibibyte);
}
