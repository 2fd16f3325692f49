import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  type AuthProvider,
  type FieldError,
  type LdapSettingsInput,
  type OidcSettingsInput,
  ldapFlavours,
  oidcPresets,
  usualLdapPort,
} from '@bokujo/shared';
import { InputError } from '../../../errors.ts';
import type { AuthProvidersTable } from '../store/schema.ts';
import type { LdapConnection } from './ldap/ldap-directory.ts';
import type { OidcConnection } from './oidc/oidc-client.ts';

type AuthProviderRow = AuthProvidersTable;

/** The OIDC settings after applying a change (or creating), with the field errors found. */
export function mergeOidcSettings(current: OidcConnection | undefined, input: OidcSettingsInput): OidcConnection {
  const preset = input.preset ?? current?.preset ?? 'generic';
  const claims = oidcPresets[preset];
  // The preset's scopes are copied: they are shared data, never to be changed through a stored provider.
  const base = current ?? {
    ...claims,
    scopes: [...claims.scopes],
    preset,
    caCertificate: null,
    insecureSkipTlsVerify: false,
  };
  const rest: Partial<OidcSettingsInput> = { ...input };
  delete rest.clientSecret;
  const merged: OidcConnection = { ...base, ...definedOnly(rest), preset } as OidcConnection;
  const errors: FieldError[] = [];
  const issuer = checkIssuer(merged.issuer, '/body/oidc/issuer', errors);
  if (issuer) merged.issuer = issuer;
  if (!merged.scopes.includes('openid')) {
    errors.push({ field: '/body/oidc/scopes', reason: 'must include openid' });
  }
  checkCertificate(merged.caCertificate, '/body/oidc/caCertificate', errors);
  throwIfAny(errors);
  return merged;
}

export function mergeLdapSettings(current: LdapConnection | undefined, input: LdapSettingsInput): LdapConnection {
  const flavour = input.flavour ?? current?.flavour ?? 'openldap';
  const base = current ?? { ...ldapFlavours[flavour], flavour, caCertificate: null };
  const rest: Partial<LdapSettingsInput> = { ...input };
  delete rest.bindPassword;
  const merged = { ...base, ...definedOnly(rest), flavour } as LdapConnection;
  // A new product without an explicit port takes that product's usual one.
  if (!current && input.port === undefined && input.security !== undefined) {
    merged.port = usualLdapPort(input.security);
  }
  const errors: FieldError[] = [];
  checkHost(merged.host, '/body/ldap/host', errors);
  checkCertificate(merged.caCertificate, '/body/ldap/caCertificate', errors);
  for (const field of ['userSearchFilter', 'groupSearchFilter'] as const) {
    if (!isFilter(merged[field])) {
      errors.push({ field: `/body/ldap/${field}`, reason: 'must be empty or an LDAP filter in parentheses' });
    }
  }
  if (merged.groupMembership === 'groupSearch' && !merged.groupSearchBase.trim() && !merged.userSearchBase.trim()) {
    errors.push({ field: '/body/ldap/groupSearchBase', reason: 'is needed to search for groups' });
  }
  throwIfAny(errors);
  return merged;
}

/** Settings that weaken security, said plainly to the Administrator. */
export function warningsOf(row: Pick<AuthProviderRow, 'kind' | 'settings'>): string[] {
  const warnings: string[] = [];
  if (row.kind === 'oidc') {
    const settings = JSON.parse(row.settings) as OidcConnection;
    if (settings.insecureSkipTlsVerify) {
      warnings.push('TLS verification towards the issuer is off: anyone on the path can impersonate it');
    }
  } else {
    const settings = JSON.parse(row.settings) as LdapConnection;
    if (settings.security === 'none') {
      warnings.push('The directory is reached without TLS: passwords travel in clear');
    }
    if (settings.insecureSkipTlsVerify && settings.security !== 'none') {
      warnings.push('TLS verification towards the directory is off: anyone on the path can read passwords');
    }
  }
  return warnings;
}

export function toAuthProvider(row: AuthProviderRow): AuthProvider {
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  const hasSecret = row.secret !== null;
  return {
    id: row.id,
    kind: row.kind as AuthProvider['kind'],
    name: row.name,
    enabled: row.enabled === 1,
    accessMode: row.access_mode as AuthProvider['accessMode'],
    allowedPrincipals: JSON.parse(row.allowed_principals) as string[],
    ...(row.kind === 'oidc'
      ? { oidc: { ...(settings as OidcConnection), hasClientSecret: hasSecret } }
      : { ldap: { ...(settings as LdapConnection), hasBindPassword: hasSecret } }),
    testedAt: row.tested_at,
    warnings: warningsOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The issuer as https origin + path, without trailing slash; http only for loopback never. */
function checkIssuer(text: string, field: string, errors: FieldError[]) {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    errors.push({ field, reason: 'must be a URL' });
    return undefined;
  }
  if (url.protocol !== 'https:') errors.push({ field, reason: 'must start with https://' });
  if (url.username || url.password || url.search || url.hash) {
    errors.push({ field, reason: 'must not contain credentials, a query or a fragment' });
  }
  return url.href.replace(/\/+$/, '');
}

const hostnamePattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function checkHost(host: string, field: string, errors: FieldError[]) {
  if (!isIP(host) && !hostnamePattern.test(host)) {
    errors.push({ field, reason: 'must be a host name or IP address, without scheme or port' });
  }
}

function checkCertificate(pem: string | null, field: string, errors: FieldError[]) {
  if (!pem) return;
  try {
    new X509Certificate(pem);
  } catch {
    errors.push({ field, reason: 'must be a PEM certificate' });
  }
}

/** A light check that catches the usual mistakes (missing or unbalanced parentheses). */
function isFilter(filter: string) {
  const text = filter.trim();
  if (text === '') return true;
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function throwIfAny(errors: FieldError[]) {
  if (errors.length > 0) throw new InputError('The provider settings are invalid', errors);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
