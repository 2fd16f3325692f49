const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const decimalSuffixes: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * Bytes in a Kubernetes storage quantity ("20Gi", "500M", "1e9"). Storage sizes stay far below
 * 2^53, so a double is exact enough for comparing a clone with its source.
 */
export function parseQuantity(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(?:e([0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?)$/.exec(quantity.trim());
  if (!match?.[1]) throw new Error(`invalid quantity "${quantity}"`);
  const value = Number(match[1]);
  if (match[2] !== undefined) return value * 10 ** Number(match[2]);
  const suffix = match[3] ?? '';
  return value * (binarySuffixes[suffix] ?? decimalSuffixes[suffix] ?? 1);
}
