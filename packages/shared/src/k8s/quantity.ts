/**
 * Kubernetes resource quantities ("250m", "1.5Gi", "1e3", "128974848") as exact rationals, so that
 * "0.1" CPU is 100 millicores and not 100.00000000000001. The grammar is the apiserver's:
 * a signed decimal number followed by a binary SI suffix (Ki…Ei), a decimal SI suffix (n, u, m, k,
 * M, G, T, P, E) or a decimal exponent (e3, E-2).
 */

export class QuantityError extends Error {
  override name = 'QuantityError';
}

/** numerator / denominator, denominator > 0. */
export interface Quantity {
  numerator: bigint;
  denominator: bigint;
}

const binarySuffixes: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

/** Powers of ten of the decimal SI suffixes; "" is a plain number. */
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// The exponent alternative comes before the decimal suffixes so that "1E3" is 1000 while a bare
// "1E" is still one exa, as in the apiserver's parser.
const quantityPattern =
  /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?[0-9]+)|(n|u|m|k|M|G|T|P|E)?)$/;

// Exponents this large never come from a real cluster; refusing them keeps a hostile value from
// making the server compute a number with millions of digits.
const maxExponent = 1000;

export function parseQuantity(text: string): Quantity {
  const match = quantityPattern.exec(text);
  if (!match) throw new QuantityError(`"${text}" is not a Kubernetes quantity`);
  const [, sign, number = '', binarySuffix, exponentText, decimalSuffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole || '0'}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === '-') numerator = -numerator;

  if (binarySuffix) return reduce(numerator * (binarySuffixes[binarySuffix] ?? 1n), denominator);

  const exponent = exponentText !== undefined ? Number(exponentText) : (decimalSuffixes[decimalSuffix] ?? 0);
  if (Math.abs(exponent) > maxExponent) throw new QuantityError(`"${text}" has an exponent beyond ±${maxExponent}`);
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return reduce(numerator, denominator);
}

/** The quantity as an integer, rounded up like the apiserver's Value(): bytes, pods. */
export function quantityValue(text: string): number {
  const { numerator, denominator } = parseQuantity(text);
  return Number(ceilDivide(numerator, denominator));
}

/** The quantity in thousandths, rounded up like the apiserver's MilliValue(): CPU millicores. */
export function quantityMilliValue(text: string): number {
  const { numerator, denominator } = parseQuantity(text);
  return Number(ceilDivide(numerator * 1000n, denominator));
}

function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  // BigInt division truncates toward zero, which is already the ceiling for negative results.
  return numerator > 0n ? (numerator + denominator - 1n) / denominator : numerator / denominator;
}

function reduce(numerator: bigint, denominator: bigint): Quantity {
  const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator);
  return divisor > 1n
    ? { numerator: numerator / divisor, denominator: denominator / divisor }
    : { numerator, denominator };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
