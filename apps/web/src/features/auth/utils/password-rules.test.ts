import { describe, expect, it } from 'vitest';
import { checkNewPassword, minPasswordLength } from './password-rules';

describe('checkNewPassword', () => {
  it('follows the server on length', () => {
    expect(minPasswordLength).toBe(12);
    expect(checkNewPassword('short-one', 'short-one', 'admin')).toEqual({ newPassword: 'tooShort' });
  });

  it('refuses the username inside the password and a different confirmation', () => {
    expect(checkNewPassword('my-admin-passphrase', 'my-admin-passphrase', 'admin')).toEqual({
      newPassword: 'containsUsername',
    });
    expect(checkNewPassword('correct horse battery', 'correct horse battery!', 'admin')).toEqual({
      confirmPassword: 'mismatch',
    });
    expect(checkNewPassword('correct horse battery', 'correct horse battery', 'admin')).toEqual({});
  });
});
