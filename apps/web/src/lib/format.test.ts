import { describe, expect, it } from 'vitest';
import { createFormatters } from './format';

describe('createFormatters', () => {
  it('writes cores, sizes and percentages in English', () => {
    const format = createFormatters('en');
    expect(format.cores(1500)).toBe('1.5');
    expect(format.cores(12_345_678)).toBe('12,345.68');
    expect(format.gibibytes(16 * 1024 ** 3)).toBe('16');
    expect(format.gibibytes(1536 * 1024 ** 2)).toBe('1.5');
    expect(format.percent(1, 4)).toBe('25%');
    expect(format.percent(3, 0)).toBe('0%');
    expect(format.integer(12_000)).toBe('12,000');
    expect(format.seconds(1)).toBe('1 second');
    expect(createFormatters('ja').seconds(30)).toBe('30 秒');
  });

  it('writes dates and ages for the language', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(createFormatters('en').ago('2026-03-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(createFormatters('ja').ago('2026-03-01T11:55:00Z', now)).toBe('5 分前');
    expect(createFormatters('ja').ago('2026-02-27T12:00:00Z', now)).toBe('一昨日');
    expect(createFormatters('ja').dateTime('2026-03-01T03:04:00Z')).toMatch(/^2026\/03\/01/);
  });
});
