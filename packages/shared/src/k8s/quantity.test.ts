import { describe, expect, it } from 'vitest';
import { parseQuantity, QuantityError, quantityMilliValue, quantityValue } from './quantity.ts';

describe('quantityMilliValue (CPU)', () => {
  it.each([
    ['1', 1000],
    ['32', 32_000],
    ['250m', 250],
    ['0.5', 500],
    ['.5', 500],
    ['1.', 1000],
    ['0.1', 100],
    ['1.5', 1500],
    ['100m', 100],
    ['0', 0],
    ['+2', 2000],
    ['1e3', 1_000_000],
    ['1E3', 1_000_000],
    ['1e-3', 1],
    ['1.5e3', 1_500_000],
    ['5e-1', 500],
    ['1k', 1_000_000],
    ['500u', 1],
    ['1000000n', 1],
  ])('%s is %d millicores', (text, millicores) => {
    expect(quantityMilliValue(text)).toBe(millicores);
  });

  it('rounds fractions of a millicore up, as the apiserver does', () => {
    expect(quantityMilliValue('0.0001')).toBe(1);
    expect(quantityMilliValue('1n')).toBe(1);
    expect(quantityMilliValue('1500u')).toBe(2);
  });
});

describe('quantityValue (memory, pods)', () => {
  it.each([
    ['128974848', 128_974_848],
    ['129e6', 129_000_000],
    ['129M', 129_000_000],
    ['123Mi', 123 * 2 ** 20],
    ['1Ki', 1024],
    ['1k', 1000],
    ['256Gi', 256 * 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['2Ti', 2 * 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['110', 110],
    ['0', 0],
    ['12e0', 12],
    ['1e+3', 1000],
    ['-1Ki', -1024],
  ])('%s is %d', (text, value) => {
    expect(quantityValue(text)).toBe(value);
  });

  it('reads exa suffixes and exponents (beyond 2^53, so compared as doubles)', () => {
    expect(quantityValue('1Ei')).toBe(2 ** 60);
    expect(quantityValue('2E')).toBe(2e18);
    expect(quantityValue('1e18')).toBe(1e18);
  });

  it('rounds up to whole units', () => {
    expect(quantityValue('100m')).toBe(1);
    expect(quantityValue('1.0001k')).toBe(1001);
    expect(quantityValue('-100m')).toBe(0);
  });
});

describe('parseQuantity', () => {
  it('keeps decimal fractions exact', () => {
    expect(parseQuantity('0.1')).toEqual({ numerator: 1n, denominator: 10n });
    expect(parseQuantity('1.5Gi')).toEqual({ numerator: 3n * 2n ** 29n, denominator: 1n });
    expect(parseQuantity('250m')).toEqual({ numerator: 1n, denominator: 4n });
  });

  it.each(['', ' ', '1 Gi', 'Gi', '1gi', '1KiB', '1.2.3', '.', '1e', 'e3', '1e3.5', '--1', '1Mi ', '0x10', 'abc'])(
    'refuses %j',
    (text) => {
      expect(() => parseQuantity(text)).toThrow(QuantityError);
    },
  );

  it('refuses exponents no cluster would use instead of computing huge numbers', () => {
    expect(() => parseQuantity('1e999999999')).toThrow(/exponent/);
  });
});
