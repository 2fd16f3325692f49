import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Attribute, Change, Client } from 'ldapts';
import { freePort } from './free-port.ts';
import { writeSelfSignedCertificate } from './self-signed-certificate.ts';

const run = promisify(execFile);

export const ldapBaseDn = 'dc=bokujo,dc=test';
const rootDn = `cn=admin,${ldapBaseDn}`;

/** People of the test directory; passwords are for tests only. */
export const ldapUsers = {
  /** The Administrator's own directory account, used for "test and enable". */
  carol: { uid: 'carol', cn: 'Carol Admin', password: 'carol-directory-password' },
  alice: { uid: 'alice', cn: 'Alice Developer', password: 'alice-directory-password' },
  bob: { uid: 'bob', cn: 'Bob Operator', password: 'bob-directory-password' },
  /** Locked by the password policy: binding as her fails whatever the password. */
  dave: { uid: 'dave', cn: 'Dave Departed', password: 'dave-directory-password' },
} as const;
export type LdapUserName = keyof typeof ldapUsers;

/**
 * Groups and their members. `platform` contains the group `developers`, so developers are in
 * platform only through nesting; memberOf is kept by slapd's memberof overlay, as AD keeps it.
 */
const ldapGroups: Record<string, { users: LdapUserName[]; groups: string[] }> = {
  developers: { users: ['alice'], groups: [] },
  // groupOfNames needs a member, so bob can be removed while carol stays.
  operators: { users: ['bob', 'carol'], groups: [] },
  platform: { users: [], groups: ['developers'] },
  'bokujo-admins': { users: ['carol'], groups: [] },
};

export interface LdapTestServer {
  host: string;
  /** Plain LDAP port (StartTLS upgrades it). */
  port: number;
  /** LDAPS port. */
  ldapsPort: number;
  /** PEM of the server's self-signed certificate, to trust as the CA. */
  caCertificate: string;
  baseDn: string;
  bindDn: string;
  bindPassword: string;
  userDn(uid: LdapUserName): string;
  groupDn(name: string): string;
  addToGroup(uid: LdapUserName, group: string): Promise<void>;
  removeFromGroup(uid: LdapUserName, group: string): Promise<void>;
  /** Stops slapd (the "provider down" case); `start` brings it back on the same ports. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops slapd and removes its directory. */
  close(): Promise<void>;
}

/**
 * A throwaway OpenLDAP (Debian's slapd) on loopback ports: its own cn=config directory, an mdb
 * database with the memberof and ppolicy overlays, TLS with a fresh self-signed certificate, and
 * the people and groups above, added online so the overlays maintain memberOf.
 */
export async function startLdapTestServer(): Promise<LdapTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'bokujo-slapd-'));
  const configDir = join(dir, 'slapd.d');
  const dataDir = join(dir, 'data');
  await mkdir(configDir);
  await mkdir(dataDir);
  const certificate = writeSelfSignedCertificate(dir, 'ldap');
  const rootPassword = `root-${Math.random().toString(36).slice(2)}`;
  const bindPassword = 'bokujo-service-password';
  await writeFile(join(dir, 'config.ldif'), configLdif({ dir, dataDir, certificate, rootPassword }));
  await run('/usr/sbin/slapadd', ['-n0', '-F', configDir, '-l', join(dir, 'config.ldif')]);

  const host = '127.0.0.1';
  const port = await freePort();
  const ldapsPort = await freePort();
  let slapd: ChildProcess | undefined;

  const start = async () => {
    const child = spawn(
      '/usr/sbin/slapd',
      ['-d', '0', '-F', configDir, '-h', `ldap://${host}:${port}/ ldaps://${host}:${ldapsPort}/`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    slapd = child;
    await waitUntilServing(host, port, () => (child.exitCode !== null ? stderr : undefined));
  };
  const stop = async () => {
    const child = slapd;
    slapd = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };

  const userDn = (uid: string) => `uid=${uid},ou=people,${ldapBaseDn}`;
  const groupDn = (name: string) => `cn=${name},ou=groups,${ldapBaseDn}`;
  const asRoot = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ url: `ldap://${host}:${port}` });
    try {
      await client.bind(rootDn, rootPassword);
      return await work(client);
    } finally {
      await client.unbind();
    }
  };

  try {
    await start();
    await asRoot(async (client) => {
      await client.add(ldapBaseDn, { objectClass: ['dcObject', 'organization'], dc: 'bokujo', o: 'Bokujo Test' });
      for (const ou of ['people', 'groups', 'services', 'policies']) {
        await client.add(`ou=${ou},${ldapBaseDn}`, { objectClass: 'organizationalUnit', ou });
      }
      await client.add(`cn=default,ou=policies,${ldapBaseDn}`, {
        objectClass: ['pwdPolicy', 'person'],
        cn: 'default',
        sn: 'policy',
        pwdAttribute: 'userPassword',
        pwdLockout: 'TRUE',
      });
      await client.add(`cn=bokujo,ou=services,${ldapBaseDn}`, {
        objectClass: ['person', 'simpleSecurityObject'],
        cn: 'bokujo',
        sn: 'service',
        userPassword: bindPassword,
      });
      for (const user of Object.values(ldapUsers)) {
        await client.add(userDn(user.uid), {
          objectClass: ['inetOrgPerson'],
          uid: user.uid,
          cn: user.cn,
          sn: user.cn.split(' ').at(-1) ?? user.cn,
          displayName: user.cn,
          userPassword: user.password,
        });
      }
      // Permanently locked (the ppolicy way of disabling an account).
      await client.modify(
        userDn('dave'),
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
        }),
      );
      // Groups of groups last, so that their members exist.
      const ordered = Object.entries(ldapGroups).sort(([, a], [, b]) => a.groups.length - b.groups.length);
      for (const [name, members] of ordered) {
        await client.add(groupDn(name), {
          objectClass: 'groupOfNames',
          cn: name,
          member: [...members.users.map(userDn), ...members.groups.map(groupDn)],
        });
      }
    });
  } catch (error) {
    await stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const changeMembership = (operation: 'add' | 'delete') => async (uid: LdapUserName, group: string) =>
    asRoot((client) =>
      client.modify(
        groupDn(group),
        new Change({ operation, modification: new Attribute({ type: 'member', values: [userDn(uid)] }) }),
      ),
    );

  return {
    host,
    port,
    ldapsPort,
    caCertificate: certificate.cert,
    baseDn: ldapBaseDn,
    bindDn: `cn=bokujo,ou=services,${ldapBaseDn}`,
    bindPassword,
    userDn,
    groupDn,
    addToGroup: changeMembership('add'),
    removeFromGroup: changeMembership('delete'),
    stop,
    start,
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilServing(host: string, port: number, failed: () => string | undefined) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const exitedWith = failed();
    if (exitedWith !== undefined) throw new Error(`slapd exited: ${exitedWith}`);
    const client = new Client({ url: `ldap://${host}:${port}`, connectTimeout: 500 });
    try {
      await client.bind('', '');
      await client.unbind();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`slapd did not answer on ${host}:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function configLdif(options: {
  dir: string;
  dataDir: string;
  certificate: { certFile: string; keyFile: string };
  rootPassword: string;
}) {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(options.dir, 'slapd.pid')}
olcTLSCertificateFile: ${options.certificate.certFile}
olcTLSCertificateKeyFile: ${options.certificate.keyFile}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: memberof
olcModuleLoad: ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: ${options.dataDir}
olcDbMaxSize: 67108864
olcSuffix: ${ldapBaseDn}
olcRootDN: ${rootDn}
olcRootPW: ${options.rootPassword}
olcAccess: to attrs=userPassword by self write by anonymous auth by * none
olcAccess: to * by users read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE
olcMemberOfGroupOC: groupOfNames
olcMemberOfMemberAD: member
olcMemberOfMemberOfAD: memberOf

dn: olcOverlay={1}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {1}ppolicy
olcPPolicyDefault: cn=default,ou=policies,${ldapBaseDn}
`;
}
