import type { X509Certificate } from 'node:crypto';
import type { FieldError } from '@bokujo/shared';
import type { ClusterConnection } from '../connection.ts';
import { decodeBase64Pem, readCertificates, readPrivateKey } from './decode-pem-data.ts';
import { joinReason, kubeconfigPointer, quoted } from './kubeconfig-problems.ts';
import { isYamlMap, type NamedEntry, presentValue, type YamlMap } from './read-kubeconfig-entries.ts';

export type Credential = ClusterConnection['credential'];

const useInstead = 'use a kubeconfig with a token or an embedded client certificate instead';
const fileInstead = 'which Bokujo never reads; embed the data instead (kubectl config view --minify --flatten)';
const basicAuth =
  'basic authentication (username and password) is deprecated, removed from Kubernetes since 1.19, and would leave a reusable password on the server; use a token or a client certificate';
const impersonation =
  'impersonation settings would let the upload choose whom Bokujo acts as; Bokujo sets impersonation itself on every request';

// Each of these would run code, read files, call out, or change identity on Bokujo's server.
const refusedUserFields: ReadonlyArray<readonly [string, string]> = [
  ['exec', `exec runs a credential plugin command on the Bokujo server; ${useInstead}`],
  [
    'auth-provider',
    `auth-provider plugins (gcp, azure, oidc) call identity providers and refresh tokens from the Bokujo server; ${useInstead}`,
  ],
  ['client-certificate', `client-certificate names a file on the machine the kubeconfig came from, ${fileInstead}`],
  ['client-key', `client-key names a file on the machine the kubeconfig came from, ${fileInstead}`],
  ['tokenFile', 'tokenFile names a file, which Bokujo never reads; put the token itself in token'],
  ['token-file', 'token-file names a file, which Bokujo never reads; put the token itself in token'],
  ['username', basicAuth],
  ['password', basicAuth],
  ['as', impersonation],
  ['as-uid', impersonation],
  ['as-groups', impersonation],
  ['as-user-extra', impersonation],
];

const maxTokenLength = 16 * 1024;

type Report = (key: string | undefined, reason: string) => void;

/**
 * Checks the user entry the chosen context uses and returns its one credential. Problems are
 * appended to `problems`; no reason ever contains a token or key.
 */
export function checkUserEntry(entry: NamedEntry, problems: FieldError[], now: Date): Credential | undefined {
  const at = (key?: string) => kubeconfigPointer('users', entry.index, 'user', ...(key ? [key] : []));
  const prefix = `user ${quoted(entry.name)}`;
  const report: Report = (key, reason) => problems.push({ field: at(key), reason: joinReason(prefix, reason) });
  if (!isYamlMap(entry.body)) {
    report(undefined, 'has no user mapping (token, or client-certificate-data and client-key-data)');
    return undefined;
  }
  const body = entry.body;
  const refused = refusedUserFields.filter(([key]) => presentValue(body, key) !== undefined);
  for (const [key, reason] of refused) report(key, reason);

  const hasToken = presentValue(body, 'token') !== undefined;
  const hasCertificate =
    presentValue(body, 'client-certificate-data') !== undefined || presentValue(body, 'client-key-data') !== undefined;
  if (hasToken && hasCertificate) {
    // kubectl would send both; which one Kubernetes honours is not obvious to the person, so ask.
    report(undefined, 'has both a token and a client certificate; keep only the one Bokujo should use');
    return undefined;
  }
  if (hasToken) return readToken(body, report);
  if (hasCertificate) return readClientCertificate(body, report, now);
  if (refused.length === 0) {
    report(
      undefined,
      'has no credential Bokujo can use; give a token, or client-certificate-data with client-key-data',
    );
  }
  return undefined;
}

function readToken(body: YamlMap, report: Report): Credential | undefined {
  const token = presentValue(body, 'token');
  const problem = tokenProblem(token);
  if (problem) {
    report('token', problem);
    return undefined;
  }
  return { kind: 'token', token: token as string };
}

function tokenProblem(token: unknown): string | undefined {
  if (typeof token !== 'string') return 'token must be a string';
  if (/\s/.test(token)) return 'token contains spaces or line breaks (was it copied with extra text?)';
  if (token.length > maxTokenLength) return `token is longer than ${maxTokenLength} characters`;
  if (!/^[\x21-\x7e]+$/.test(token)) return 'token contains characters that cannot be sent in an HTTP header';
  return undefined;
}

function readClientCertificate(body: YamlMap, report: Report, now: Date): Credential | undefined {
  const certValue = presentValue(body, 'client-certificate-data');
  const keyValue = presentValue(body, 'client-key-data');
  if (certValue === undefined) {
    report('client-certificate-data', 'client-key-data is set but client-certificate-data is missing');
    return undefined;
  }
  if (keyValue === undefined) {
    report('client-key-data', 'client-certificate-data is set but client-key-data is missing');
    return undefined;
  }
  const certificates = readClientCertificates(certValue, report, now);
  const key = readClientKey(keyValue, report);
  const [leaf] = certificates ?? [];
  if (!certificates || !leaf || !key) return undefined;
  if (!leaf.checkPrivateKey(key)) {
    report('client-key-data', 'client-key-data is not the private key of client-certificate-data');
    return undefined;
  }
  return {
    kind: 'client-certificate',
    certData: certificates.map((certificate) => certificate.toString()).join(''),
    keyData: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function readClientCertificates(value: unknown, report: Report, now: Date): X509Certificate[] | undefined {
  const field = 'client-certificate-data';
  const pem = decodeBase64Pem(value);
  const certificates = pem.ok ? readCertificates(pem.value) : pem;
  if (!certificates.ok) {
    report(field, `${field} ${certificates.reason}`);
    return undefined;
  }
  const [leaf] = certificates.value;
  if (leaf && leaf.validToDate.getTime() < now.getTime()) {
    report(field, `the client certificate expired on ${leaf.validToDate.toISOString()}`);
    return undefined;
  }
  if (leaf && leaf.validFromDate.getTime() > now.getTime()) {
    report(field, `the client certificate is not valid before ${leaf.validFromDate.toISOString()}`);
    return undefined;
  }
  return certificates.value;
}

function readClientKey(value: unknown, report: Report) {
  const field = 'client-key-data';
  const pem = decodeBase64Pem(value);
  const key = pem.ok ? readPrivateKey(pem.value) : pem;
  if (!key.ok) {
    report(field, `${field} ${key.reason}`);
    return undefined;
  }
  return key.value;
}
