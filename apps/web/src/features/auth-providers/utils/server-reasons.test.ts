import { describe, expect, it } from 'vitest';
import { knownReason } from './server-reasons';

describe('knownReason', () => {
  it('knows the reasons the catalogs translate, and only those', () => {
    expect(knownReason('was refused by the directory')).toBe('refused');
    expect(knownReason('toString')).toBeUndefined();
  });
});
