import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import type { LdapSettings } from '@bokujo/shared';
import { Client, type Entry, escapeFilter, InvalidCredentialsError } from 'ldapts';
import { ExternalLoginError, type ExternalPerson } from '../external-person.ts';

export type LdapConnection = Omit<LdapSettings, 'hasBindPassword'>;

/** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: membership through any depth of nesting. */
const inChainRule = '1.2.840.113556.1.4.1941';
/** Active Directory's userAccountControl bit for a disabled account. */
const adEnabledAccounts = '(!(userAccountControl:1.2.840.113556.1.4.803:=2))';
const maxNestingDepth = 10;
const maxGroups = 2000;
const timeoutMs = 10_000;

/**
 * Logs a person in against a directory the way Rancher's LDAP providers do: bind as the service
 * account, find exactly one entry by the login attribute (the username escaped, RFC 4515), bind
 * as that entry with the password, then read the groups as the service account.
 */
export async function authenticateWithLdap(
  connection: LdapConnection,
  bindPassword: string,
  username: string,
  password: string,
): Promise<ExternalPerson> {
  // An empty password is an "unauthenticated bind" that many directories accept as a success.
  if (username.trim() === '' || password === '') {
    throw new ExternalLoginError('credentials', 'Wrong username or password');
  }
  const client = await connect(connection);
  try {
    await serviceBind(client, connection, bindPassword);
    const entry = await findUser(client, connection, username.trim());
    try {
      await client.bind(entry.dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        throw new ExternalLoginError('credentials', 'Wrong username or password');
      }
      throw describe(error, connection);
    }
    await serviceBind(client, connection, bindPassword);
    const groups = await groupsOf(client, connection, entry);
    return {
      externalId: stableId(entry, connection.userIdAttribute),
      loginName: firstText(entry, connection.loginAttribute) ?? username.trim(),
      displayName: firstText(entry, connection.displayNameAttribute) ?? username.trim(),
      groups,
    };
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** Connects and binds as the service account only: the "can Bokujo reach it" check. */
export async function checkLdapServiceAccount(connection: LdapConnection, bindPassword: string) {
  const client = await connect(connection);
  try {
    await serviceBind(client, connection, bindPassword);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function tlsOptions(connection: LdapConnection): ConnectionOptions {
  return {
    ...(connection.caCertificate ? { ca: connection.caCertificate } : {}),
    rejectUnauthorized: !connection.insecureSkipTlsVerify,
    // SNI takes host names only; an IP address is checked against the certificate's IP SANs.
    ...(isIP(connection.host) ? {} : { servername: connection.host }),
    // StartTLS upgrades a socket that has no host of its own: name the one to check explicitly.
    checkServerIdentity: (_, certificate) => checkServerIdentity(connection.host, certificate),
    minVersion: 'TLSv1.2',
  };
}

async function connect(connection: LdapConnection) {
  const host = isIP(connection.host) === 6 ? `[${connection.host}]` : connection.host;
  const scheme = connection.security === 'ldaps' ? 'ldaps' : 'ldap';
  const client = new Client({
    url: `${scheme}://${host}:${connection.port}`,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    ...(connection.security === 'ldaps' ? { tlsOptions: tlsOptions(connection) } : {}),
  });
  if (connection.security === 'starttls') {
    try {
      await client.startTLS(tlsOptions(connection));
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw describe(error, connection);
    }
  }
  return client;
}

async function serviceBind(client: Client, connection: LdapConnection, bindPassword: string) {
  try {
    await client.bind(connection.bindDn, bindPassword);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) {
      throw new ExternalLoginError(
        'misconfigured',
        `The directory refused Bokujo's service account ${connection.bindDn}: check the bind DN and password`,
      );
    }
    throw describe(error, connection);
  }
}

/** The user search filter with the username escaped, so `*`, `(` or `)` in it match literally. */
export function userFilter(
  connection: Pick<LdapConnection, 'flavour' | 'userSearchFilter' | 'loginAttribute'>,
  username: string,
) {
  const conditions = [
    connection.userSearchFilter.trim(),
    connection.flavour === 'activedirectory' ? adEnabledAccounts : '',
    `(${connection.loginAttribute}=${escapeFilter`${username}`})`,
  ].filter(Boolean);
  return conditions.length === 1 ? conditions[0]! : `(&${conditions.join('')})`;
}

async function findUser(client: Client, connection: LdapConnection, username: string): Promise<Entry> {
  const attributes = [
    connection.loginAttribute,
    connection.userIdAttribute,
    connection.displayNameAttribute,
    ...(connection.groupMembership === 'memberOf' ? ['memberOf'] : []),
  ];
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(connection.userSearchBase, {
      scope: 'sub',
      filter: userFilter(connection, username),
      attributes,
      explicitBufferAttributes: connection.userIdAttribute.toLowerCase() === 'objectguid' ? ['objectGUID'] : [],
      // Two are enough to tell "exactly one" from "ambiguous".
      sizeLimit: 2,
    }));
  } catch (error) {
    throw describe(error, connection);
  }
  if (entries.length === 0) throw new ExternalLoginError('credentials', 'Wrong username or password');
  // Two entries for one login name is a directory (or filter) problem; picking one would be a guess.
  if (entries.length > 1) {
    throw new ExternalLoginError(
      'refused',
      'This username matches more than one directory entry; ask your administrator',
    );
  }
  return entries[0]!;
}

async function groupsOf(client: Client, connection: LdapConnection, user: Entry): Promise<string[]> {
  const names = new Map<string, string>(); // group DN (lower-case) → name
  const base = connection.groupSearchBase.trim() || connection.userSearchBase;
  const search = async (filter: string) => {
    const { searchEntries } = await client.search(base, {
      scope: 'sub',
      filter,
      attributes: [connection.groupNameAttribute],
      sizeLimit: maxGroups,
    });
    return searchEntries;
  };
  const groupFilter = (condition: string) => {
    const extra = connection.groupSearchFilter.trim();
    return extra ? `(&${extra}${condition})` : condition;
  };
  try {
    let level: string[] = [];
    if (connection.groupMembership === 'memberOf') {
      for (const dn of allText(user, 'memberOf')) {
        names.set(dn.toLowerCase(), await groupName(client, connection, dn));
        level.push(dn);
      }
    } else {
      for (const entry of await search(
        groupFilter(`(${connection.groupMemberAttribute}=${escapeFilter`${user.dn}`})`),
      )) {
        names.set(entry.dn.toLowerCase(), firstText(entry, connection.groupNameAttribute) ?? rdnValue(entry.dn));
        level.push(entry.dn);
      }
    }
    if (connection.nestedGroups && connection.flavour === 'activedirectory') {
      // One query answers all depths on Active Directory.
      const filter = groupFilter(`(${connection.groupMemberAttribute}:${inChainRule}:=${escapeFilter`${user.dn}`})`);
      for (const entry of await search(filter)) {
        names.set(entry.dn.toLowerCase(), firstText(entry, connection.groupNameAttribute) ?? rdnValue(entry.dn));
      }
    } else if (connection.nestedGroups) {
      // Elsewhere, walk up a level at a time; the visited set stops membership cycles.
      for (let depth = 0; depth < maxNestingDepth && level.length > 0 && names.size < maxGroups; depth += 1) {
        const next: string[] = [];
        for (const dn of level) {
          for (const entry of await search(
            groupFilter(`(${connection.groupMemberAttribute}=${escapeFilter`${dn}`})`),
          )) {
            const key = entry.dn.toLowerCase();
            if (names.has(key)) continue;
            names.set(key, firstText(entry, connection.groupNameAttribute) ?? rdnValue(entry.dn));
            next.push(entry.dn);
          }
        }
        level = next;
      }
    }
  } catch (error) {
    if (error instanceof ExternalLoginError) throw error;
    throw describe(error, connection);
  }
  return [...new Set(names.values())].sort();
}

/** A memberOf DN's name: its first RDN when that is the name attribute, else read from the entry. */
async function groupName(client: Client, connection: LdapConnection, dn: string) {
  const [attribute] = dn.split('=', 1);
  if (attribute?.trim().toLowerCase() === connection.groupNameAttribute.toLowerCase()) return rdnValue(dn);
  const { searchEntries } = await client.search(dn, { scope: 'base', attributes: [connection.groupNameAttribute] });
  return (searchEntries[0] && firstText(searchEntries[0], connection.groupNameAttribute)) ?? rdnValue(dn);
}

/** The value of a DN's first RDN, with RFC 4514 escapes undone (`cn=R\2CD,dc=x` → `R,D`). */
export function rdnValue(dn: string) {
  let value = '';
  let index = dn.indexOf('=') + 1;
  while (index < dn.length) {
    const char = dn[index]!;
    if (char === '\\') {
      const hex = dn.slice(index + 1, index + 3);
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        value += String.fromCharCode(Number.parseInt(hex, 16));
        index += 3;
      } else {
        value += dn[index + 1] ?? '';
        index += 2;
      }
      continue;
    }
    if (char === ',' || char === '+') break;
    value += char;
    index += 1;
  }
  return value.trim();
}

function allText(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item)));
}

function firstText(entry: Entry, attribute: string) {
  const [value] = allText(entry, attribute);
  return value && value.length > 0 ? value : undefined;
}

function stableId(entry: Entry, attribute: string) {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key ? entry[key] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  if (Buffer.isBuffer(first) && first.length > 0) return first.toString('hex');
  if (typeof first === 'string' && first.length > 0) return first;
  // Without a stable id a renamed person would become someone else; refuse rather than guess.
  throw new ExternalLoginError(
    'misconfigured',
    `The directory entry has no ${attribute}, which Bokujo uses as the person's stable id`,
  );
}

/** A failure in words safe to show: no bind password, no stack; TLS problems named as such. */
function describe(error: unknown, connection: LdapConnection): ExternalLoginError {
  if (error instanceof ExternalLoginError) return error;
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  const where = `${connection.host}:${connection.port}`;
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|HOSTNAME/.test(code)) {
    return new ExternalLoginError('misconfigured', `The directory ${where} failed TLS verification (${code})`);
  }
  if (typeof code === 'string' && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN/.test(code)) {
    return new ExternalLoginError('unreachable', `The directory ${where} cannot be reached (${code})`);
  }
  if (/timeout|timed out|closed|socket/i.test(text)) {
    return new ExternalLoginError('unreachable', `The directory ${where} cannot be reached`);
  }
  const name = error instanceof Error ? error.name : 'error';
  return new ExternalLoginError('misconfigured', `The directory ${where} answered with ${name}`);
}
