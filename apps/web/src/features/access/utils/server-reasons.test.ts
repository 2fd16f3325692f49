import { describe, expect, it } from 'vitest';
import { knownReason } from './server-reasons';

describe('knownReason', () => {
  it('knows which reasons the catalogs translate', () => {
    expect(knownReason('is taken')).toBe('taken');
    expect(knownReason('is not a user')).toBe('notAUser');
    expect(knownReason('toString')).toBeUndefined();
    expect(knownReason('must NOT have fewer than 12 characters')).toBeUndefined();
  });
});
