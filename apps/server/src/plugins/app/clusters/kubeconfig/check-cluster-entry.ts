import type { FieldError } from '@bokujo/shared';
import { checkServerUrl } from './check-server-url.ts';
import { decodeBase64Pem, readCertificates } from './decode-pem-data.ts';
import { joinReason, kubeconfigPointer, quoted } from './kubeconfig-problems.ts';
import { isYamlMap, type NamedEntry, presentValue, type YamlMap } from './read-kubeconfig-entries.ts';

export interface CheckedCluster {
  server: string;
  caData?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify: boolean;
}

// Fields that would make Bokujo read a file or route traffic where the upload says.
const refusedClusterFields: ReadonlyArray<readonly [string, string]> = [
  [
    'certificate-authority',
    'certificate-authority names a file on the machine the kubeconfig came from, which Bokujo never reads; embed it as certificate-authority-data (kubectl config view --minify --flatten)',
  ],
  [
    'proxy-url',
    'proxy-url would route Bokujo’s traffic, credential included, through a proxy chosen by the upload; Bokujo connects to the server directly',
  ],
];

const hostNamePattern = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/**
 * Checks the cluster entry the chosen context uses and returns only the fields Bokujo connects with.
 * Problems are appended to `problems`; the result is meaningful only when none were added.
 */
export function checkClusterEntry(
  entry: NamedEntry,
  options: { allowInsecureSkipTlsVerify: boolean },
  problems: FieldError[],
): CheckedCluster {
  const at = (key?: string) => kubeconfigPointer('clusters', entry.index, 'cluster', ...(key ? [key] : []));
  const prefix = `cluster ${quoted(entry.name)}`;
  const report: Report = (key, reason) => problems.push({ field: at(key), reason: joinReason(prefix, reason) });
  const unusable: CheckedCluster = { server: '', insecureSkipTlsVerify: false };
  if (!isYamlMap(entry.body)) {
    report(undefined, 'has no cluster mapping (server, certificate-authority-data)');
    return unusable;
  }
  const body = entry.body;
  for (const [key, reason] of refusedClusterFields) {
    if (presentValue(body, key) !== undefined) report(key, reason);
  }
  const server = readServer(body, report);
  const insecureSkipTlsVerify = readInsecureSkipTlsVerify(body, options.allowInsecureSkipTlsVerify, report);
  // Without verification a CA proves nothing, so it is neither checked nor kept.
  const caData = insecureSkipTlsVerify ? undefined : readCaData(body, report);
  const tlsServerName = readTlsServerName(body, report);
  return {
    server: server ?? '',
    ...(caData ? { caData } : {}),
    ...(tlsServerName ? { tlsServerName } : {}),
    insecureSkipTlsVerify,
  };
}

type Report = (key: string | undefined, reason: string) => void;

function readServer(body: YamlMap, report: Report): string | undefined {
  const value = presentValue(body, 'server');
  if (value === undefined) {
    report('server', 'has no server URL');
    return undefined;
  }
  if (typeof value !== 'string') {
    report('server', 'server must be a string');
    return undefined;
  }
  const checked = checkServerUrl(value);
  if (!checked.ok) {
    report('server', `server ${checked.reason}`);
    return undefined;
  }
  return checked.server;
}

function readInsecureSkipTlsVerify(body: YamlMap, allowed: boolean, report: Report): boolean {
  const value = presentValue(body, 'insecure-skip-tls-verify');
  if (value === undefined || value === false) return false;
  if (value !== true) {
    report('insecure-skip-tls-verify', 'insecure-skip-tls-verify must be true or false');
    return false;
  }
  if (!allowed) {
    report(
      'insecure-skip-tls-verify',
      'insecure-skip-tls-verify is set, which turns off checking the server’s certificate; tick the explicit "skip TLS verification" option (insecureSkipTlsVerify) to import it anyway',
    );
    return false;
  }
  return true;
}

function readCaData(body: YamlMap, report: Report): string | undefined {
  const value = presentValue(body, 'certificate-authority-data');
  if (value === undefined) return undefined;
  const pem = decodeBase64Pem(value);
  if (!pem.ok) {
    report('certificate-authority-data', `certificate-authority-data ${pem.reason}`);
    return undefined;
  }
  const certificates = readCertificates(pem.value);
  if (!certificates.ok) {
    report('certificate-authority-data', `certificate-authority-data ${certificates.reason}`);
    return undefined;
  }
  // Re-encoded from the parsed certificates, so nothing but certificates travels on.
  return certificates.value.map((certificate) => certificate.toString()).join('');
}

function readTlsServerName(body: YamlMap, report: Report): string | undefined {
  const value = presentValue(body, 'tls-server-name');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !hostNamePattern.test(value)) {
    report('tls-server-name', 'tls-server-name must be a DNS host name');
    return undefined;
  }
  return value;
}
