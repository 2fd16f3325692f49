import {
  type AccessMode,
  type AuthProvider,
  type AuthProviderKind,
  type CreateAuthProviderBody,
  type LdapFlavour,
  type LdapGroupMembership,
  type LdapSecurity,
  type LdapSettingsInput,
  type OidcPreset,
  type OidcSettingsInput,
  type UpdateAuthProviderBody,
  ldapFlavours,
  oidcPresets,
  usualLdapPort,
} from '@bokujo/shared';

/** The OIDC half of the form, as text fields hold it. */
export interface OidcDraft {
  preset: OidcPreset;
  issuer: string;
  clientId: string;
  /** Write-only: empty when editing means "keep the stored one". */
  clientSecret: string;
  /** Space- or comma-separated. */
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  displayNameClaim: string;
  caCertificate: string;
  insecureSkipTlsVerify: boolean;
}

export interface LdapDraft {
  flavour: LdapFlavour;
  host: string;
  port: number | string;
  security: LdapSecurity;
  caCertificate: string;
  insecureSkipTlsVerify: boolean;
  bindDn: string;
  /** Write-only: empty when editing means "keep the stored one". */
  bindPassword: string;
  userSearchBase: string;
  userSearchFilter: string;
  loginAttribute: string;
  userIdAttribute: string;
  displayNameAttribute: string;
  groupSearchBase: string;
  groupSearchFilter: string;
  groupMembership: LdapGroupMembership;
  groupMemberAttribute: string;
  groupNameAttribute: string;
  nestedGroups: boolean;
}

export interface ProviderDraft {
  id: string;
  name: string;
  kind: AuthProviderKind;
  accessMode: AccessMode;
  /** `user:<name>` or `group:<name>`, one per line. */
  allowedPrincipals: string;
  oidc: OidcDraft;
  ldap: LdapDraft;
}

/** A preset's claims as the form's text fields hold them (scopes space-separated). */
function presetClaims(preset: OidcPreset) {
  const { scopes, usernameClaim, groupsClaim, displayNameClaim } = oidcPresets[preset];
  return { scopes: scopes.join(' '), usernameClaim, groupsClaim, displayNameClaim };
}

export function newDraft(kind: AuthProviderKind = 'oidc'): ProviderDraft {
  return {
    id: '',
    name: '',
    kind,
    accessMode: 'any',
    allowedPrincipals: '',
    oidc: {
      preset: 'generic',
      issuer: '',
      clientId: '',
      clientSecret: '',
      ...presetClaims('generic'),
      caCertificate: '',
      insecureSkipTlsVerify: false,
    },
    ldap: {
      flavour: 'openldap',
      host: '',
      caCertificate: '',
      bindDn: '',
      bindPassword: '',
      userSearchBase: '',
      ...ldapFlavours.openldap,
    },
  };
}

/** A stored provider as the form edits it; secrets start empty ("keep"). */
export function draftFromProvider(provider: AuthProvider): ProviderDraft {
  const draft = newDraft(provider.kind);
  draft.id = provider.id;
  draft.name = provider.name;
  draft.accessMode = provider.accessMode;
  draft.allowedPrincipals = provider.allowedPrincipals.join('\n');
  // Field by field, so only what the form edits is copied (never the has-secret flags).
  const { oidc, ldap } = provider;
  if (oidc) {
    draft.oidc = {
      preset: oidc.preset,
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: '',
      scopes: oidc.scopes.join(' '),
      usernameClaim: oidc.usernameClaim,
      groupsClaim: oidc.groupsClaim,
      displayNameClaim: oidc.displayNameClaim,
      caCertificate: oidc.caCertificate ?? '',
      insecureSkipTlsVerify: oidc.insecureSkipTlsVerify,
    };
  }
  if (ldap) {
    draft.ldap = {
      flavour: ldap.flavour,
      host: ldap.host,
      port: ldap.port,
      security: ldap.security,
      caCertificate: ldap.caCertificate ?? '',
      insecureSkipTlsVerify: ldap.insecureSkipTlsVerify,
      bindDn: ldap.bindDn,
      bindPassword: '',
      userSearchBase: ldap.userSearchBase,
      userSearchFilter: ldap.userSearchFilter,
      loginAttribute: ldap.loginAttribute,
      userIdAttribute: ldap.userIdAttribute,
      displayNameAttribute: ldap.displayNameAttribute,
      groupSearchBase: ldap.groupSearchBase,
      groupSearchFilter: ldap.groupSearchFilter,
      groupMembership: ldap.groupMembership,
      groupMemberAttribute: ldap.groupMemberAttribute,
      groupNameAttribute: ldap.groupNameAttribute,
      nestedGroups: ldap.nestedGroups,
    };
  }
  return draft;
}

/** Another preset: its claims replace the current ones; the issuer and client stay. */
export function withPreset(oidc: OidcDraft, preset: OidcPreset): OidcDraft {
  return { ...oidc, preset, ...presetClaims(preset) };
}

/** Another directory product: its defaults replace the schema-specific fields; connection stays. */
export function withFlavour(ldap: LdapDraft, flavour: LdapFlavour): LdapDraft {
  return { ...ldap, ...ldapFlavours[flavour], flavour };
}

/** The usual port follows the security choice unless someone typed another port. */
export function portFor(security: LdapSecurity, currentPort: number | string): number | string {
  const usual = usualLdapPort(security);
  return currentPort === 389 || currentPort === 636 || currentPort === '' ? usual : currentPort;
}

export function splitScopes(text: string) {
  return text
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter(Boolean);
}

export function splitPrincipals(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export const principalPattern = /^(user|group):.+$/;

function oidcInput(oidc: OidcDraft): OidcSettingsInput {
  return {
    preset: oidc.preset,
    issuer: oidc.issuer.trim(),
    clientId: oidc.clientId.trim(),
    scopes: splitScopes(oidc.scopes),
    usernameClaim: oidc.usernameClaim.trim(),
    groupsClaim: oidc.groupsClaim.trim(),
    displayNameClaim: oidc.displayNameClaim.trim(),
    caCertificate: oidc.caCertificate.trim() || null,
    insecureSkipTlsVerify: oidc.insecureSkipTlsVerify,
    // Write-only: an empty field keeps what is stored (editing) or sends none (a public client with PKCE).
    ...(oidc.clientSecret ? { clientSecret: oidc.clientSecret } : {}),
  };
}

function ldapInput(ldap: LdapDraft): LdapSettingsInput {
  return {
    flavour: ldap.flavour,
    host: ldap.host.trim(),
    port: Number(ldap.port),
    security: ldap.security,
    caCertificate: ldap.caCertificate.trim() || null,
    insecureSkipTlsVerify: ldap.security !== 'none' && ldap.insecureSkipTlsVerify,
    bindDn: ldap.bindDn.trim(),
    userSearchBase: ldap.userSearchBase.trim(),
    userSearchFilter: ldap.userSearchFilter.trim(),
    loginAttribute: ldap.loginAttribute.trim(),
    userIdAttribute: ldap.userIdAttribute.trim(),
    displayNameAttribute: ldap.displayNameAttribute.trim(),
    groupSearchBase: ldap.groupSearchBase.trim(),
    groupSearchFilter: ldap.groupSearchFilter.trim(),
    groupMembership: ldap.groupMembership,
    groupMemberAttribute: ldap.groupMemberAttribute.trim(),
    groupNameAttribute: ldap.groupNameAttribute.trim(),
    nestedGroups: ldap.nestedGroups,
    // Write-only: an empty field keeps the stored password.
    ...(ldap.bindPassword ? { bindPassword: ldap.bindPassword } : {}),
  };
}

function accessOf(draft: ProviderDraft) {
  return {
    accessMode: draft.accessMode,
    // The list is kept when switching to "any", so switching back does not lose it.
    allowedPrincipals: splitPrincipals(draft.allowedPrincipals),
  };
}

export function toCreateBody(draft: ProviderDraft): CreateAuthProviderBody {
  return {
    id: draft.id.trim(),
    kind: draft.kind,
    name: draft.name.trim(),
    ...accessOf(draft),
    ...(draft.kind === 'oidc' ? { oidc: oidcInput(draft.oidc) } : { ldap: ldapInput(draft.ldap) }),
  };
}

/**
 * The change to send. Connection settings go only when they changed: the server asks for a new
 * test after any settings change, and renaming a provider should not cost one.
 */
export function toUpdateBody(draft: ProviderDraft, original: ProviderDraft): UpdateAuthProviderBody {
  const settingsChanged =
    draft.kind === 'oidc'
      ? JSON.stringify(oidcInput(draft.oidc)) !== JSON.stringify(oidcInput(original.oidc))
      : JSON.stringify(ldapInput(draft.ldap)) !== JSON.stringify(ldapInput(original.ldap));
  return {
    name: draft.name.trim(),
    ...accessOf(draft),
    ...(settingsChanged
      ? draft.kind === 'oidc'
        ? { oidc: oidcInput(draft.oidc) }
        : { ldap: ldapInput(draft.ldap) }
      : {}),
  };
}

export type ProviderState = 'enabled' | 'disabled' | 'untested';

/** Enabled; tested once but switched off; or never tested (or changed since). */
export function stateOf(provider: Pick<AuthProvider, 'enabled' | 'testedAt'>): ProviderState {
  if (provider.enabled) return 'enabled';
  return provider.testedAt ? 'disabled' : 'untested';
}
