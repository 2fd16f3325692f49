import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { fieldErrorsByPath, knownReason, namesAField } from './field-errors';

const refused = (details: { field: string; reason: string }[]) =>
  new ApiError(400, 'invalid', { statusCode: 400, code: 'INVALID_INPUT', message: 'invalid', details });

describe('fieldErrorsByPath', () => {
  const paths = ['id', 'oidc.issuer', 'oidc.scopes', 'allowedPrincipals'];

  it('puts nested and item pointers on the field that holds them, first reason first', () => {
    const error = refused([
      { field: '/body/oidc/issuer', reason: 'must start with https://' },
      { field: '/body/oidc/issuer', reason: 'must not contain credentials, a query or a fragment' },
      { field: '/body/oidc/scopes/2', reason: 'must match pattern' },
      { field: '/body/allowedPrincipals/0', reason: 'must match pattern "^(user|group):.+$"' },
    ]);
    expect(fieldErrorsByPath(error, paths)).toEqual({
      'oidc.issuer': 'must start with https://',
      'oidc.scopes': 'must match pattern',
      allowedPrincipals: 'must match pattern "^(user|group):.+$"',
    });
  });

  it('leaves errors about no field of the form for the alert above it', () => {
    const error = refused([{ field: '/body/ldap', reason: 'does not apply to an oidc provider' }]);
    expect(fieldErrorsByPath(error, paths)).toEqual({});
    expect(namesAField(error, paths)).toBe(false);
    expect(namesAField(new Error('network'), paths)).toBe(false);
  });

  it('knows the reasons the catalogs translate, and only those', () => {
    expect(knownReason('was refused by the directory')).toBe('refused');
    expect(knownReason('toString')).toBeUndefined();
  });
});
