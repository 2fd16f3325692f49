import { describe, expect, it } from 'vitest';
import { ldapFlavourNames, ldapFlavours, oidcPresetNames, oidcPresets, usualLdapPort } from './provider-presets.ts';

describe('login provider presets', () => {
  it('offers every preset and directory product the schemas accept', () => {
    expect(oidcPresetNames).toEqual(['generic', 'keycloak', 'entra-id', 'okta', 'github']);
    expect(ldapFlavourNames).toEqual(['openldap', 'freeipa', 'activedirectory']);
  });

  it('always asks for openid, and for groups only where the provider needs the scope', () => {
    for (const preset of oidcPresetNames) expect(oidcPresets[preset].scopes).toContain('openid');
    expect(oidcPresets.okta.scopes).toContain('groups');
    expect(oidcPresets.keycloak.scopes).not.toContain('groups');
  });

  it('starts each directory product on the port that matches its security', () => {
    for (const flavour of ldapFlavourNames) {
      expect(ldapFlavours[flavour].port).toBe(usualLdapPort(ldapFlavours[flavour].security));
    }
  });

  it('uses 636 for LDAPS and 389 for StartTLS and plain connections', () => {
    expect(usualLdapPort('ldaps')).toBe(636);
    expect(usualLdapPort('starttls')).toBe(389);
    expect(usualLdapPort('none')).toBe(389);
  });
});
