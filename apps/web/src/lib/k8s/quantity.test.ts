import { describe, expect, it } from 'vitest';
import { parseQuantity, toMillicores } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['16Gi', 16 * 2 ** 30],
    ['129848Ki', 129848 * 1024],
    ['1.5Mi', 1.5 * 2 ** 20],
    ['1e9', 1e9],
    ['2k', 2000],
    ['110', 110],
    ['0.5', 0.5],
  ])('reads %s', (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('12Qi')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('turns CPU into millicores', () => {
    expect(toMillicores('4')).toBe(4000);
    expect(toMillicores('250m')).toBe(250);
    expect(toMillicores('1500000n')).toBe(2);
  });
});
