// @peculiar/x509 resolves its internals through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// x509 picks up Node's global WebCrypto implementation by itself.
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// P-256 keys are generated in milliseconds (RSA-2048 takes far longer) and every component accepts them.
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface IdentitySpec {
  /** User name as Kubernetes sees it (certificate CN, token user). */
  name: string;
  /** Groups (certificate O, token groups). */
  groups: string[];
}

/** Test users without any RBAC binding of their own; bob's group is bound to `view` at start. */
export const defaultIdentities: IdentitySpec[] = [
  { name: 'alice', groups: ['bokujo:developers'] },
  { name: 'bob', groups: ['bokujo:viewers'] },
  { name: 'carol', groups: [] },
];

export interface CertificatePem {
  cert: string;
  key: string;
}

export interface IdentityCredentials extends IdentitySpec, CertificatePem {
  /** Static bearer token accepted through --token-auth-file. */
  token: string;
}

export interface ClusterPki {
  ca: CertificatePem;
  /** kube-apiserver's serving certificate. */
  apiServer: CertificatePem;
  /** kwok's kubelet-like server, verified by the apiserver for exec and logs. */
  kwokServing: CertificatePem;
  /** The apiserver's client certificate towards kwok's kubelet-like server. */
  kubeletClient: CertificatePem;
  /** system:masters client for the control plane, kwok, the provisioner and the caller. */
  admin: CertificatePem;
  serviceAccount: { publicKey: string; privateKey: string };
  identities: IdentityCredentials[];
}

export interface PkiFiles {
  dir: string;
  caCert: string;
  caKey: string;
  apiServerCert: string;
  apiServerKey: string;
  kwokServingCert: string;
  kwokServingKey: string;
  kubeletClientCert: string;
  kubeletClientKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountPublicKey: string;
  serviceAccountPrivateKey: string;
  tokens: string;
}

/** Creates a fresh CA and every certificate a cluster needs; nothing is reused across clusters. */
export async function generatePki(
  clusterName: string,
  identities: IdentitySpec[] = defaultIdentities,
): Promise<ClusterPki> {
  const caKeys = await generateKeys();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [`bokujo-testenv-ca-${clusterName}`] }],
    keys: caKeys,
    ...validity(),
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const issuer = { cert: caCert, keys: caKeys };
  const loopbackNames: x509.JsonGeneralName[] = [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', value: '127.0.0.1' },
  ];
  const serviceNames: x509.JsonGeneralName[] = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
  ].map((value) => ({ type: 'dns', value }));

  const identityCredentials: IdentityCredentials[] = [];
  for (const identity of identities) {
    const pem = await issue(issuer, { cn: identity.name, groups: identity.groups, usage: 'client' });
    identityCredentials.push({ ...identity, ...pem, token: randomBytes(24).toString('hex') });
  }
  const serviceAccountKeys = await generateKeys();
  return {
    ca: { cert: caCert.toString('pem'), key: await privateKeyPem(caKeys.privateKey) },
    apiServer: await issue(issuer, {
      cn: 'kube-apiserver',
      usage: 'server',
      // 10.96.0.1 is the `kubernetes` Service's ClusterIP in the service range the apiserver is given.
      altNames: [...loopbackNames, ...serviceNames, { type: 'ip', value: '10.96.0.1' }],
    }),
    kwokServing: await issue(issuer, { cn: 'kwok-kubelet', usage: 'server', altNames: loopbackNames }),
    kubeletClient: await issue(issuer, {
      cn: 'kube-apiserver-kubelet-client',
      groups: ['kubeadm:cluster-admins'],
      usage: 'client',
    }),
    admin: await issue(issuer, { cn: 'bokujo-testenv-admin', groups: ['system:masters'], usage: 'client' }),
    serviceAccount: {
      publicKey: await publicKeyPem(serviceAccountKeys.publicKey),
      privateKey: await privateKeyPem(serviceAccountKeys.privateKey),
    },
    identities: identityCredentials,
  };
}

/** Writes the PKI as the PEM files and token CSV the Go components read. */
export function writePki(dir: string, pki: ClusterPki): PkiFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  return {
    dir,
    caCert: write('ca.crt', pki.ca.cert),
    caKey: write('ca.key', pki.ca.key),
    apiServerCert: write('apiserver.crt', pki.apiServer.cert),
    apiServerKey: write('apiserver.key', pki.apiServer.key),
    kwokServingCert: write('kwok.crt', pki.kwokServing.cert),
    kwokServingKey: write('kwok.key', pki.kwokServing.key),
    kubeletClientCert: write('apiserver-kubelet-client.crt', pki.kubeletClient.cert),
    kubeletClientKey: write('apiserver-kubelet-client.key', pki.kubeletClient.key),
    adminCert: write('admin.crt', pki.admin.cert),
    adminKey: write('admin.key', pki.admin.key),
    serviceAccountPublicKey: write('sa.pub', pki.serviceAccount.publicKey),
    serviceAccountPrivateKey: write('sa.key', pki.serviceAccount.privateKey),
    tokens: write('tokens.csv', tokenFile(pki.identities)),
  };
}

/** --token-auth-file format: token,user,uid,"group1,group2". */
export function tokenFile(identities: IdentityCredentials[]): string {
  return identities
    .map((identity) => `${identity.token},${identity.name},${identity.name},"${identity.groups.join(',')}"\n`)
    .join('');
}

interface Issuer {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

async function issue(
  issuer: Issuer,
  request: { cn: string; groups?: string[]; usage: 'server' | 'client'; altNames?: x509.JsonGeneralName[] },
): Promise<CertificatePem> {
  const keys = await generateKeys();
  const subject: x509.JsonName = [{ CN: [request.cn] }, ...(request.groups ?? []).map((group) => ({ O: [group] }))];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([
      request.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
    ]),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
  if (request.altNames) extensions.push(new x509.SubjectAlternativeNameExtension(request.altNames));
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.cert.subject,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: algorithm,
    ...validity(),
    extensions,
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

function validity(): { notBefore: Date; notAfter: Date; serialNumber: string } {
  const now = Date.now();
  // Back-dated an hour so a client with a slightly slow clock does not see "not yet valid".
  return {
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 365 * 86_400_000),
    serialNumber: `01${randomBytes(15).toString('hex')}`,
  };
}

function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function publicKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('spki', key), 'PUBLIC KEY');
}
