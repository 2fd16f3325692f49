import Type from 'typebox';

/**
 * External login providers (OIDC, LDAP / Active Directory). Secrets (client secret, bind password)
 * are write-only: requests may carry them, responses only say whether one is set.
 */

/** Chosen by the Administrator; also the prefix of the provider's groups (`ldap-corp:developers`). */
export const AuthProviderIdSchema = Type.String({
  minLength: 2,
  maxLength: 32,
  pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
  description: 'Lower-case letters, digits and dashes; cannot be changed later',
});

export const AuthProviderKindSchema = Type.Enum(['oidc', 'ldap']);
export type AuthProviderKind = Type.Static<typeof AuthProviderKindSchema>;

/** Who may log in: every person the provider vouches for, or only the listed users and groups. */
export const AccessModeSchema = Type.Enum(['any', 'restricted']);
export type AccessMode = Type.Static<typeof AccessModeSchema>;

/** `user:<login name>` or `group:<group name>`, as the provider names them (without the prefix). */
export const AllowedPrincipalSchema = Type.String({ minLength: 6, maxLength: 300, pattern: '^(user|group):.+$' });

const PemSchema = Type.String({ maxLength: 65_536, description: 'PEM certificate(s) to trust' });

/** Starting values for well-known OpenID Providers; they only change defaults and hints. */
export const OidcPresetSchema = Type.Enum(['generic', 'keycloak', 'entra-id', 'okta', 'github']);
export type OidcPreset = Type.Static<typeof OidcPresetSchema>;

const oidcFields = {
  preset: OidcPresetSchema,
  /** The issuer identifier; its discovery document is read from `/.well-known/openid-configuration`. */
  issuer: Type.String({ minLength: 1, maxLength: 2048 }),
  clientId: Type.String({ minLength: 1, maxLength: 512 }),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+$' }), {
    minItems: 1,
    maxItems: 32,
  }),
  /** Claim that holds the login name (e.g. preferred_username, email, upn). */
  usernameClaim: Type.String({ minLength: 1, maxLength: 128 }),
  /** Claim that holds the group names; empty when the provider sends none. */
  groupsClaim: Type.String({ maxLength: 128 }),
  displayNameClaim: Type.String({ maxLength: 128 }),
  caCertificate: Type.Union([PemSchema, Type.Null()]),
  /** Skips TLS verification towards the issuer; only for trials, and reported as a warning. */
  insecureSkipTlsVerify: Type.Boolean(),
};

export const OidcSettingsSchema = Type.Object({ ...oidcFields, hasClientSecret: Type.Boolean() });
export type OidcSettings = Type.Static<typeof OidcSettingsSchema>;

export const OidcSettingsInputSchema = Type.Object(
  {
    ...oidcFields,
    preset: Type.Optional(oidcFields.preset),
    scopes: Type.Optional(oidcFields.scopes),
    usernameClaim: Type.Optional(oidcFields.usernameClaim),
    groupsClaim: Type.Optional(oidcFields.groupsClaim),
    displayNameClaim: Type.Optional(oidcFields.displayNameClaim),
    caCertificate: Type.Optional(oidcFields.caCertificate),
    insecureSkipTlsVerify: Type.Optional(oidcFields.insecureSkipTlsVerify),
    /** Write-only; absent keeps the stored one, an empty string clears it (public client with PKCE). */
    clientSecret: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false },
);
export type OidcSettingsInput = Type.Static<typeof OidcSettingsInputSchema>;

export const LdapFlavourSchema = Type.Enum(['openldap', 'freeipa', 'activedirectory']);
export type LdapFlavour = Type.Static<typeof LdapFlavourSchema>;

/** `ldaps` (TLS from the start), `starttls`, or `none` (passwords in clear; reported as a warning). */
export const LdapSecuritySchema = Type.Enum(['ldaps', 'starttls', 'none']);
export type LdapSecurity = Type.Static<typeof LdapSecuritySchema>;

/** Where a user's groups come from: their memberOf attribute, or a search for groups naming them. */
export const LdapGroupMembershipSchema = Type.Enum(['memberOf', 'groupSearch']);
export type LdapGroupMembership = Type.Static<typeof LdapGroupMembershipSchema>;

const ldapFields = {
  flavour: LdapFlavourSchema,
  host: Type.String({ minLength: 1, maxLength: 253 }),
  port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  security: LdapSecuritySchema,
  caCertificate: Type.Union([PemSchema, Type.Null()]),
  insecureSkipTlsVerify: Type.Boolean(),
  /** The service account Bokujo searches with. */
  bindDn: Type.String({ minLength: 1, maxLength: 1024 }),
  userSearchBase: Type.String({ minLength: 1, maxLength: 1024 }),
  /** Extra conditions for user entries, e.g. `(objectClass=inetOrgPerson)`. */
  userSearchFilter: Type.String({ maxLength: 1024 }),
  /** The attribute people type as their username: uid, sAMAccountName, userPrincipalName… */
  loginAttribute: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
  /** A never-changing id: entryUUID (OpenLDAP), ipaUniqueID (FreeIPA), objectGUID (AD). */
  userIdAttribute: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
  displayNameAttribute: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
  groupSearchBase: Type.String({ maxLength: 1024 }),
  groupSearchFilter: Type.String({ maxLength: 1024 }),
  groupMembership: LdapGroupMembershipSchema,
  /** On a group entry: the attribute listing member DNs. */
  groupMemberAttribute: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
  groupNameAttribute: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
  /** Include groups of groups (Active Directory's in-chain rule, elsewhere a search per level). */
  nestedGroups: Type.Boolean(),
};

export const LdapSettingsSchema = Type.Object({ ...ldapFields, hasBindPassword: Type.Boolean() });
export type LdapSettings = Type.Static<typeof LdapSettingsSchema>;

export const LdapSettingsInputSchema = Type.Object(
  {
    ...ldapFields,
    flavour: Type.Optional(ldapFields.flavour),
    port: Type.Optional(ldapFields.port),
    security: Type.Optional(ldapFields.security),
    caCertificate: Type.Optional(ldapFields.caCertificate),
    insecureSkipTlsVerify: Type.Optional(ldapFields.insecureSkipTlsVerify),
    userSearchFilter: Type.Optional(ldapFields.userSearchFilter),
    loginAttribute: Type.Optional(ldapFields.loginAttribute),
    userIdAttribute: Type.Optional(ldapFields.userIdAttribute),
    displayNameAttribute: Type.Optional(ldapFields.displayNameAttribute),
    groupSearchBase: Type.Optional(ldapFields.groupSearchBase),
    groupSearchFilter: Type.Optional(ldapFields.groupSearchFilter),
    groupMembership: Type.Optional(ldapFields.groupMembership),
    groupMemberAttribute: Type.Optional(ldapFields.groupMemberAttribute),
    groupNameAttribute: Type.Optional(ldapFields.groupNameAttribute),
    nestedGroups: Type.Optional(ldapFields.nestedGroups),
    /** Write-only; absent keeps the stored one. */
    bindPassword: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type LdapSettingsInput = Type.Static<typeof LdapSettingsInputSchema>;

export const AuthProviderSchema = Type.Object({
  id: AuthProviderIdSchema,
  kind: AuthProviderKindSchema,
  /** Shown on the login button: "Log in with <name>". */
  name: Type.String(),
  /** Only after a successful test login by an Administrator ("test and enable"). */
  enabled: Type.Boolean(),
  accessMode: AccessModeSchema,
  allowedPrincipals: Type.Array(AllowedPrincipalSchema),
  oidc: Type.Optional(OidcSettingsSchema),
  ldap: Type.Optional(LdapSettingsSchema),
  testedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Settings that weaken security (TLS checks off, passwords in clear). */
  warnings: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type AuthProvider = Type.Static<typeof AuthProviderSchema>;

const NameSchema = Type.String({ minLength: 1, maxLength: 64 });

export const CreateAuthProviderBodySchema = Type.Object(
  {
    id: AuthProviderIdSchema,
    kind: AuthProviderKindSchema,
    name: NameSchema,
    accessMode: Type.Optional(AccessModeSchema),
    allowedPrincipals: Type.Optional(Type.Array(AllowedPrincipalSchema, { maxItems: 500 })),
    oidc: Type.Optional(OidcSettingsInputSchema),
    ldap: Type.Optional(LdapSettingsInputSchema),
  },
  { additionalProperties: false },
);
export type CreateAuthProviderBody = Type.Static<typeof CreateAuthProviderBodySchema>;

/**
 * Changes to a provider. `enabled` may only be set to false here: switching a provider on takes a
 * successful test login (POST /auth-providers/:id/test). Changing connection settings asks for a
 * new test before the next enabling.
 */
export const UpdateAuthProviderBodySchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    enabled: Type.Optional(Type.Literal(false)),
    accessMode: Type.Optional(AccessModeSchema),
    allowedPrincipals: Type.Optional(Type.Array(AllowedPrincipalSchema, { maxItems: 500 })),
    oidc: Type.Optional(OidcSettingsInputSchema),
    ldap: Type.Optional(LdapSettingsInputSchema),
  },
  { additionalProperties: false },
);
export type UpdateAuthProviderBody = Type.Static<typeof UpdateAuthProviderBodySchema>;

/** What the login page may know about an enabled provider. */
export const PublicAuthProviderSchema = Type.Object({
  id: AuthProviderIdSchema,
  kind: AuthProviderKindSchema,
  name: Type.String(),
});
export type PublicAuthProvider = Type.Static<typeof PublicAuthProviderSchema>;

/** LDAP login (and the LDAP test): the directory's username and password. */
export const LdapLoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LdapLoginBody = Type.Static<typeof LdapLoginBodySchema>;

export const TestAuthProviderBodySchema = Type.Object(
  {
    /** LDAP only: the Administrator's own directory account. */
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type TestAuthProviderBody = Type.Static<typeof TestAuthProviderBodySchema>;

/**
 * OIDC answers with the address to send the browser to (the test completes at the callback);
 * LDAP completes at once and answers with the provider, now enabled.
 */
export const TestAuthProviderResponseSchema = Type.Object({
  redirectUrl: Type.Optional(Type.String()),
  provider: Type.Optional(AuthProviderSchema),
});
export type TestAuthProviderResponse = Type.Static<typeof TestAuthProviderResponseSchema>;
