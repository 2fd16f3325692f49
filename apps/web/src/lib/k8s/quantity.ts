const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const decimalSuffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * A Kubernetes resource quantity (`500m`, `16Gi`, `1e9`, `129848Ki`) as a plain number in base
 * units; undefined when the text is not a quantity.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export function parseQuantity(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(text.trim());
  if (!match) return undefined;
  const [, number = '', exponent, suffix = ''] = match;
  const value = Number(number);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  return value * (binarySuffixes[suffix] ?? decimalSuffixes[suffix] ?? 1);
}

/** CPU quantity in millicores: `2` → 2000, `250m` → 250. */
export function toMillicores(text: string | undefined): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined ? undefined : Math.round(cores * 1000);
}
