import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { bodyFieldReasons, knownReason, namesAField } from './field-errors';

const refusal = (details: { field: string; reason: string }[]) =>
  new ApiError(409, 'Refused', { statusCode: 409, code: 'CONFLICT', message: 'Refused', details });

describe('server field errors', () => {
  it('keys reasons by body field and keeps the first reason of each', () => {
    const error = refusal([
      { field: '/body/username', reason: 'is taken' },
      { field: '/body/username', reason: 'must match pattern' },
      { field: '/body/globalRoles/0', reason: 'must match pattern "^[a-z0-9]"' },
      { field: '/params/userId', reason: 'is too long' },
    ]);
    expect(bodyFieldReasons(error)).toEqual({ username: 'is taken', globalRoles: 'must match pattern "^[a-z0-9]"' });
  });

  it('has nothing for errors that are not the server’s', () => {
    expect(bodyFieldReasons(new Error('offline'))).toEqual({});
    expect(bodyFieldReasons(null)).toEqual({});
  });

  it('knows which reasons the catalogs translate', () => {
    expect(knownReason('is taken')).toBe('taken');
    expect(knownReason('is not a user')).toBe('notAUser');
    expect(knownReason('toString')).toBeUndefined();
    expect(knownReason('must NOT have fewer than 12 characters')).toBeUndefined();
  });

  it('tells whether a refusal concerns the form’s own fields', () => {
    const error = refusal([{ field: '/body/name', reason: 'is taken' }]);
    expect(namesAField(error, ['name'])).toBe(true);
    expect(namesAField(error, ['subject', 'roleTemplateId'])).toBe(false);
  });
});
