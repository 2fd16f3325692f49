import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';

// Results carry a reason instead of throwing so the caller can name the kubeconfig field.
// No reason ever quotes the data: it may be a private key.
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

const maxPemBlocks = 100;

interface PemBlock {
  label: string;
  der: Buffer;
  encryptedHeaders: boolean;
}

/** Decodes a kubeconfig `*-data` field: base64 of a PEM text. */
export function decodeBase64Pem(value: unknown): Decoded<string> {
  if (typeof value !== 'string') return failed('must be a base64 string');
  if (value.includes('-----BEGIN')) {
    return failed('holds PEM text directly; *-data fields take the base64 encoding of the PEM file');
  }
  const compact = value.replace(/\s+/g, '');
  if (!isStrictBase64(compact)) return failed('is not valid base64');
  const text = Buffer.from(compact, 'base64').toString('latin1');
  if (!/^[\t\n\r\x20-\x7e]*$/.test(text)) return failed('does not decode to PEM text (binary DER is not accepted)');
  return { ok: true, value: text };
}

/** Certificates of a PEM bundle, in order; anything outside the armour is dropped. */
export function readCertificates(pem: string): Decoded<X509Certificate[]> {
  const blocks = readPemBlocks(pem);
  if (!blocks.ok) return blocks;
  if (blocks.value.length === 0) return failed('does not decode to a PEM certificate (no BEGIN CERTIFICATE line)');
  const certificates: X509Certificate[] = [];
  for (const block of blocks.value) {
    if (block.label !== 'CERTIFICATE') return failed(`holds a PEM "${block.label}" block where a certificate belongs`);
    const certificate = parseCertificate(block.der);
    if (!certificate) return failed('holds a PEM certificate that is not a valid X.509 certificate');
    certificates.push(certificate);
  }
  return { ok: true, value: certificates };
}

const keyEncodings: Partial<Record<string, 'pkcs8' | 'pkcs1' | 'sec1'>> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};

/** The one private key of a PEM text (`openssl ecparam -genkey` also writes an EC PARAMETERS block). */
export function readPrivateKey(pem: string): Decoded<KeyObject> {
  const blocks = readPemBlocks(pem);
  if (!blocks.ok) return blocks;
  const keys = blocks.value.filter((block) => block.label !== 'EC PARAMETERS');
  const [block, extra] = keys;
  if (!block) return failed('does not decode to a PEM private key (no BEGIN … PRIVATE KEY line)');
  if (extra) return failed('holds more than one PEM block; it must hold exactly one private key');
  if (block.label === 'ENCRYPTED PRIVATE KEY' || block.encryptedHeaders) {
    return failed('holds an encrypted private key; Bokujo has no passphrase for it');
  }
  const type = keyEncodings[block.label];
  if (!type) return failed(`holds a PEM "${block.label}" block, not a TLS private key`);
  try {
    return { ok: true, value: createPrivateKey({ key: block.der, format: 'der', type }) };
  } catch {
    return failed('holds a private key that cannot be read');
  }
}

function parseCertificate(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

const beginLine = /^-----BEGIN ([A-Z0-9 ]{1,64})-----$/;
const endLine = /^-----END ([A-Z0-9 ]{1,64})-----$/;

/** Line by line, so hostile input cannot make a pattern backtrack across the whole text. */
function readPemBlocks(pem: string): Decoded<PemBlock[]> {
  const blocks: PemBlock[] = [];
  let open: { label: string; body: string[]; encryptedHeaders: boolean } | undefined;
  for (const rawLine of pem.split('\n')) {
    const line = rawLine.trim();
    const begin = beginLine.exec(line);
    const end = endLine.exec(line);
    if (begin?.[1] !== undefined) {
      if (open) return failed('has a PEM BEGIN line inside another PEM block');
      open = { label: begin[1], body: [], encryptedHeaders: false };
    } else if (end?.[1] !== undefined) {
      if (!open || end[1] !== open.label) return failed('has a PEM END line that does not match its BEGIN line');
      const body = open.body.join('');
      if (!isStrictBase64(body) || body === '') return failed('has a PEM block whose body is not valid base64');
      blocks.push({ label: open.label, der: Buffer.from(body, 'base64'), encryptedHeaders: open.encryptedHeaders });
      if (blocks.length > maxPemBlocks) return failed(`holds more than ${maxPemBlocks} PEM blocks`);
      open = undefined;
    } else if (open && line.includes(':')) {
      // RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` mark a legacy encrypted key.
      if (/^Proc-Type:.*ENCRYPTED/i.test(line)) open.encryptedHeaders = true;
    } else if (open) {
      open.body.push(line);
    }
  }
  if (open) return failed('has a PEM block without its END line');
  return { ok: true, value: blocks };
}

function isStrictBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

function failed(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
