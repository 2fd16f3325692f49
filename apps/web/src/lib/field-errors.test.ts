import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { fieldErrorsByPath, namesAField } from './field-errors';

const refused = (details: { field: string; reason: string }[]) =>
  new ApiError(400, 'invalid', { statusCode: 400, code: 'VALIDATION_FAILED', message: 'invalid', details });

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

  it('keys top-level fields by name and ignores what is not in the body', () => {
    const error = refused([
      { field: '/body/username', reason: 'is taken' },
      { field: '/body/username', reason: 'must match pattern' },
      { field: '/body/globalRoles/0', reason: 'must match pattern "^[a-z0-9]"' },
      { field: '/params/userId', reason: 'is too long' },
    ]);
    expect(fieldErrorsByPath(error, ['username', 'displayName', 'globalRoles'])).toEqual({
      username: 'is taken',
      globalRoles: 'must match pattern "^[a-z0-9]"',
    });
  });

  it('has nothing for errors that are not the server’s', () => {
    expect(fieldErrorsByPath(new Error('offline'), paths)).toEqual({});
    expect(fieldErrorsByPath(null, paths)).toEqual({});
  });

  it('leaves errors about no field of the form for the alert above it', () => {
    const error = refused([{ field: '/body/ldap', reason: 'does not apply to an oidc provider' }]);
    expect(fieldErrorsByPath(error, paths)).toEqual({});
    expect(namesAField(error, paths)).toBe(false);
    expect(namesAField(new Error('network'), paths)).toBe(false);
  });

  it('tells whether a refusal concerns the form’s own fields', () => {
    const error = refused([{ field: '/body/name', reason: 'is taken' }]);
    expect(namesAField(error, ['name'])).toBe(true);
    expect(namesAField(error, ['subject', 'roleTemplateId'])).toBe(false);
  });
});
