import { describe, expect, it } from 'vitest';
import { newDraft, portFor, stateOf, toCreateBody, toUpdateBody, withFlavour, withPreset } from './provider-draft';

describe('provider drafts', () => {
  it('sends no client secret when the field is empty (kept when editing, none for a public client)', () => {
    const draft = newDraft('oidc');
    draft.id = 'idp';
    draft.name = 'IdP';
    draft.oidc.issuer = ' https://idp.example.test ';
    draft.oidc.clientId = 'bokujo';
    draft.oidc.scopes = 'openid, profile  email';
    const body = toCreateBody(draft);
    expect(body.oidc).not.toHaveProperty('clientSecret');
    expect(body.oidc).toMatchObject({ issuer: 'https://idp.example.test', scopes: ['openid', 'profile', 'email'] });
    expect(body).not.toHaveProperty('ldap');
  });

  it('leaves the connection settings out of an update that changes only the name', () => {
    const original = withFlavour(newDraft('ldap').ldap, 'activedirectory');
    const before = { ...newDraft('ldap'), id: 'ad', name: 'AD', ldap: { ...original, host: 'dc1', bindDn: 'x' } };
    expect(toUpdateBody({ ...before, name: 'Head office' }, before)).toEqual({
      name: 'Head office',
      accessMode: 'any',
      allowedPrincipals: [],
    });
    const withPassword = { ...before, ldap: { ...before.ldap, bindPassword: 'new' } };
    expect(toUpdateBody(withPassword, before).ldap).toMatchObject({ bindPassword: 'new', host: 'dc1' });
  });

  it('fills preset claims and directory defaults, and moves the usual port with the security', () => {
    expect(withPreset(newDraft().oidc, 'okta').scopes).toBe('openid profile email groups');
    expect(withFlavour(newDraft().ldap, 'activedirectory')).toMatchObject({
      port: 636,
      security: 'ldaps',
      loginAttribute: 'sAMAccountName',
      nestedGroups: true,
    });
    expect(portFor('ldaps', 389)).toBe(636);
    expect(portFor('starttls', 636)).toBe(389);
    expect(portFor('ldaps', 10389)).toBe(10389);
  });

  it('tells enabled, disabled after a test, and never tested apart', () => {
    expect(stateOf({ enabled: true, testedAt: null })).toBe('enabled');
    expect(stateOf({ enabled: false, testedAt: '2026-03-04T09:15:00.000Z' })).toBe('disabled');
    expect(stateOf({ enabled: false, testedAt: null })).toBe('untested');
  });
});
