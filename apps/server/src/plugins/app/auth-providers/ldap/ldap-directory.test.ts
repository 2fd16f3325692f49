import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LdapTestServer, startLdapTestServer, ldapUsers } from '../../../../../test/ldap-test-server.ts';
import { ExternalLoginError } from '../external-person.ts';
import { authenticateWithLdap, type LdapConnection, rdnValue, userFilter } from './ldap-directory.ts';

let directory: LdapTestServer;

function connection(overrides: Partial<LdapConnection> = {}): LdapConnection {
  return {
    flavour: 'openldap',
    host: directory.host,
    port: directory.port,
    security: 'starttls',
    caCertificate: directory.caCertificate,
    insecureSkipTlsVerify: false,
    bindDn: directory.bindDn,
    userSearchBase: `ou=people,${directory.baseDn}`,
    userSearchFilter: '(objectClass=inetOrgPerson)',
    loginAttribute: 'uid',
    userIdAttribute: 'entryUUID',
    displayNameAttribute: 'displayName',
    groupSearchBase: `ou=groups,${directory.baseDn}`,
    groupSearchFilter: '(objectClass=groupOfNames)',
    groupMembership: 'memberOf',
    groupMemberAttribute: 'member',
    groupNameAttribute: 'cn',
    nestedGroups: true,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ExternalLoginError);
  return error as ExternalLoginError;
}

beforeAll(async () => {
  directory = await startLdapTestServer();
});
afterAll(async () => {
  await directory?.close();
});

describe('authenticateWithLdap against slapd', () => {
  it('finds the person, checks the password over StartTLS and reads direct and nested groups from memberOf', async () => {
    const person = await authenticateWithLdap(connection(), directory.bindPassword, 'alice', ldapUsers.alice.password);
    expect(person.loginName).toBe('alice');
    expect(person.displayName).toBe('Alice Developer');
    expect(person.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(person.groups).toEqual(['developers', 'platform']);
  });

  it('reads the same groups by group search over LDAPS, and only direct ones without nesting', async () => {
    const ldaps = connection({ security: 'ldaps', port: directory.ldapsPort, groupMembership: 'groupSearch' });
    const nested = await authenticateWithLdap(ldaps, directory.bindPassword, 'alice', ldapUsers.alice.password);
    expect(nested.groups).toEqual(['developers', 'platform']);
    const direct = await authenticateWithLdap(
      { ...ldaps, nestedGroups: false },
      directory.bindPassword,
      'alice',
      ldapUsers.alice.password,
    );
    expect(direct.groups).toEqual(['developers']);
  });

  it('refuses a wrong password, an unknown user and a locked account with the same words', async () => {
    for (const [username, password] of [
      ['alice', 'not-her-password'],
      ['nobody', 'whatever'],
      ['dave', ldapUsers.dave.password],
    ]) {
      const error = await failure(authenticateWithLdap(connection(), directory.bindPassword, username!, password!));
      expect(error.reason).toBe('credentials');
      expect(error.message).toBe('Wrong username or password');
    }
  });

  it('treats filter characters in the username literally', async () => {
    for (const username of ['*', 'a*', 'alice)(uid=*', '*)(|(uid=*', 'alice\\2a', 'alice\u0000']) {
      const error = await failure(
        authenticateWithLdap(connection(), directory.bindPassword, username, ldapUsers.alice.password),
      );
      expect(error.reason).toBe('credentials');
    }
    expect(userFilter(connection(), '*)(uid=*')).toBe('(&(objectClass=inetOrgPerson)(uid=\\2a\\29\\28uid=\\2a))');
  });

  it('does not verify a certificate it was not told to trust, and never echoes the bind password', async () => {
    const untrusted = await failure(
      authenticateWithLdap(connection({ caCertificate: null }), directory.bindPassword, 'alice', 'x'),
    );
    expect(untrusted.reason).toBe('misconfigured');
    expect(untrusted.message).toMatch(/TLS verification/);
    const wrongBind = await failure(authenticateWithLdap(connection(), 'wrong-service-password', 'alice', 'x'));
    expect(wrongBind.reason).toBe('misconfigured');
    expect(wrongBind.message).not.toContain('wrong-service-password');
  });

  it('reports a directory that is down as unreachable', async () => {
    await directory.stop();
    try {
      const error = await failure(
        authenticateWithLdap(connection(), directory.bindPassword, 'alice', ldapUsers.alice.password),
      );
      expect(error.reason).toBe('unreachable');
    } finally {
      await directory.start();
    }
  });

  it('reads RDN values with their escapes undone', () => {
    expect(rdnValue('cn=R\\2CD\\, team,ou=groups,dc=x')).toBe('R,D, team');
  });
});
