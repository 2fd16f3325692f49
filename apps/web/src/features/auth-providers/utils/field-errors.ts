import { isApiError } from '@/lib/api-client';

/**
 * The server's reasons keyed by form path: `/body/oidc/issuer` → `oidc.issuer`. A pointer deeper
 * than any field the form has (`/body/oidc/scopes/2`, `/body/allowedPrincipals/0`) lands on the
 * nearest field that holds it. Only the first reason per field is kept: one thing at a time.
 */
export function fieldErrorsByPath(error: unknown, formPaths: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isApiError(error)) return errors;
  for (const { field, reason } of error.fieldErrors) {
    const segments = /^\/body\/(.+)$/.exec(field)?.[1]?.split('/') ?? [];
    for (let length = segments.length; length > 0; length -= 1) {
      const path = segments.slice(0, length).join('.');
      if (formPaths.includes(path)) {
        errors[path] ??= reason;
        break;
      }
    }
  }
  return errors;
}

/** Whether the error names a field of the form (else it belongs in an alert above the form). */
export function namesAField(error: unknown, formPaths: readonly string[]) {
  return Object.keys(fieldErrorsByPath(error, formPaths)).length > 0;
}

/** Reasons the server gives in English that the catalogs translate (`admin.reason.*`). */
const knownReasons = {
  'is taken': 'taken',
  'is required': 'required',
  'must not be empty': 'required',
  'is required for an LDAP test': 'required',
  'must be a URL': 'url',
  'must start with https://': 'https',
  'must not contain credentials, a query or a fragment': 'issuerParts',
  'must include openid': 'openid',
  'must be a PEM certificate': 'pem',
  'must be a host name or IP address, without scheme or port': 'host',
  'must be empty or an LDAP filter in parentheses': 'filter',
  'is needed to search for groups': 'groupBase',
  'was refused by the directory': 'refused',
} as const satisfies Record<string, string>;

export type KnownReason = (typeof knownReasons)[keyof typeof knownReasons];

export function knownReason(reason: string): KnownReason | undefined {
  return Object.hasOwn(knownReasons, reason) ? knownReasons[reason as keyof typeof knownReasons] : undefined;
}

/** Warnings the server gives about weakened security, by their catalog key (`admin.warning.*`). */
const knownWarnings = {
  'TLS verification towards the issuer is off: anyone on the path can impersonate it': 'oidcInsecure',
  'The directory is reached without TLS: passwords travel in clear': 'ldapPlain',
  'TLS verification towards the directory is off: anyone on the path can read passwords': 'ldapInsecure',
} as const satisfies Record<string, string>;

export type KnownWarning = (typeof knownWarnings)[keyof typeof knownWarnings];

export function knownWarning(warning: string): KnownWarning | undefined {
  return Object.hasOwn(knownWarnings, warning) ? knownWarnings[warning as keyof typeof knownWarnings] : undefined;
}
