import { describe, expect, it } from 'vitest';
import { percentile, summarise } from './stats.ts';

describe('percentile', () => {
  it('takes the nearest rank of the sorted samples, whatever their order', () => {
    const samples = [7, 1, 10, 3, 9, 2, 8, 4, 6, 5];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(10);
  });

  it('puts p99 of 300 samples on the 297th, so three slow requests are visible', () => {
    const samples = Array.from({ length: 300 }, (_, i) => (i < 297 ? 1 : 50));
    expect(percentile(samples, 99)).toBe(1);
    expect(percentile([...samples, 50], 99)).toBe(50);
  });

  it('answers NaN for no samples and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(/outside 0..100/);
  });
});

describe('summarise', () => {
  it('reports count, percentiles, extremes and mean rounded to 0.01 ms', () => {
    expect(summarise([1.234, 2.345, 3.456, 100])).toEqual({
      count: 4,
      p50: 2.35,
      p95: 100,
      p99: 100,
      min: 1.23,
      max: 100,
      mean: 26.76,
    });
  });
});
