import { describe, expect, it } from 'vitest';
import { groupPrefix, localGroupNamePattern, parseProviderGroup, providerGroupProblem } from './group-subjects.ts';

describe('group subjects', () => {
  it('reads back the provider and group that groupPrefix put together, spaces included', () => {
    expect(parseProviderGroup(`${groupPrefix('ldap', 'corp')}Domain Admins`)).toEqual({
      kind: 'ldap',
      providerId: 'corp',
      group: 'Domain Admins',
    });
    // The provider id ends at the first ':'; the group keeps any later one.
    expect(parseProviderGroup('oidc-corp-eu:team:platform')).toEqual({
      kind: 'oidc',
      providerId: 'corp-eu',
      group: 'team:platform',
    });
  });

  it('leaves local group names and other prefixes alone', () => {
    expect(parseProviderGroup('auditors')).toBeUndefined();
    expect(parseProviderGroup('saml-corp:admins')).toBeUndefined();
    expect(parseProviderGroup('ldap-Corp:admins')).toBeUndefined();
    expect(localGroupNamePattern.test('auditors')).toBe(true);
    expect(localGroupNamePattern.test('Domain Admins')).toBe(false);
  });

  it('accepts printable names, and refuses empty ones, control characters, a leading colon and edge spaces', () => {
    expect(providerGroupProblem('Domain Admins')).toBeUndefined();
    expect(providerGroupProblem('開発チーム (東京)')).toBeUndefined();
    expect(providerGroupProblem('')).toBe('empty');
    expect(providerGroupProblem('Domain\nAdmins')).toBe('control');
    expect(providerGroupProblem('Domain\u0085Admins')).toBe('control');
    expect(providerGroupProblem(':admins')).toBe('colon');
    expect(providerGroupProblem('Domain Admins ')).toBe('edgeSpace');
  });
});
