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
