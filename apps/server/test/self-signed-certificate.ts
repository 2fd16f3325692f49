import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  /** PEM text of the certificate. */
  cert: string;
}

/**
 * A fresh self-signed serving certificate for `ip` (as the subject alternative name clients
 * check), written to `dir` as `<name>.crt` and `<name>.key`. Made with openssl, which `.ci/run`
 * installs, so no key or certificate ever lives in the repository.
 */
export function writeSelfSignedCertificate(dir: string, name = 'bokujo', ip = '127.0.0.1'): CertificateFiles {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${ip}`,
      '-addext',
      `subjectAltName=IP:${ip}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}
