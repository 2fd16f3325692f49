import type { LdapFlavour, LdapSecurity, LdapSettings, OidcPreset } from '../schemas/auth-providers.ts';

/**
 * Starting values of a new login provider, described as data so the server (which stores them when
 * a request leaves fields out) and the SPA (which fills its form with them) cannot drift apart.
 * They only set defaults: an Administrator may change each field afterwards.
 */

export interface OidcPresetClaims {
  readonly scopes: readonly string[];
  readonly usernameClaim: string;
  readonly groupsClaim: string;
  readonly displayNameClaim: string;
}

const standardClaims: OidcPresetClaims = {
  scopes: ['openid', 'profile', 'email'],
  usernameClaim: 'preferred_username',
  groupsClaim: 'groups',
  displayNameClaim: 'name',
};

/** Claims of well-known OpenID Providers. */
export const oidcPresets: Readonly<Record<OidcPreset, OidcPresetClaims>> = {
  generic: standardClaims,
  // Keycloak sends groups once a "groups" mapper is on the client scope.
  keycloak: standardClaims,
  // Entra ID sends group object ids in "groups" when the app's groupMembershipClaims is set.
  'entra-id': standardClaims,
  // Okta sends groups only when the "groups" scope is asked for.
  okta: { ...standardClaims, scopes: ['openid', 'profile', 'email', 'groups'] },
  // GitHub speaks OAuth only; this is for a broker in front of it (Dex, Keycloak) that sends its org teams.
  github: standardClaims,
};
export const oidcPresetNames = Object.keys(oidcPresets) as OidcPreset[];

/** What a directory product decides; the connection (host, bind DN, search base) is the site's own. */
export type LdapFlavourDefaults = Readonly<
  Omit<LdapSettings, 'flavour' | 'host' | 'caCertificate' | 'bindDn' | 'userSearchBase' | 'hasBindPassword'>
>;

/** Starting values per directory product, as Rancher's forms fill them in. */
export const ldapFlavours: Readonly<Record<LdapFlavour, LdapFlavourDefaults>> = {
  openldap: {
    port: 389,
    security: 'starttls',
    insecureSkipTlsVerify: false,
    userSearchFilter: '(objectClass=inetOrgPerson)',
    loginAttribute: 'uid',
    userIdAttribute: 'entryUUID',
    displayNameAttribute: 'cn',
    groupSearchBase: '',
    groupSearchFilter: '(objectClass=groupOfNames)',
    groupMembership: 'memberOf',
    groupMemberAttribute: 'member',
    groupNameAttribute: 'cn',
    nestedGroups: false,
  },
  freeipa: {
    port: 389,
    security: 'starttls',
    insecureSkipTlsVerify: false,
    userSearchFilter: '(objectClass=inetOrgPerson)',
    loginAttribute: 'uid',
    userIdAttribute: 'ipaUniqueID',
    displayNameAttribute: 'cn',
    groupSearchBase: '',
    groupSearchFilter: '(objectClass=groupOfNames)',
    groupMembership: 'memberOf',
    groupMemberAttribute: 'member',
    groupNameAttribute: 'cn',
    // FreeIPA's memberOf already lists indirect groups.
    nestedGroups: false,
  },
  activedirectory: {
    port: 636,
    security: 'ldaps',
    insecureSkipTlsVerify: false,
    userSearchFilter: '(objectClass=person)',
    loginAttribute: 'sAMAccountName',
    userIdAttribute: 'objectGUID',
    displayNameAttribute: 'displayName',
    groupSearchBase: '',
    groupSearchFilter: '(objectClass=group)',
    groupMembership: 'memberOf',
    groupMemberAttribute: 'member',
    groupNameAttribute: 'cn',
    nestedGroups: true,
  },
};
export const ldapFlavourNames = Object.keys(ldapFlavours) as LdapFlavour[];

/** The port a directory listens on for this security: LDAPS has its own, StartTLS and plain share 389. */
export function usualLdapPort(security: LdapSecurity): number {
  return security === 'ldaps' ? 636 : 389;
}
