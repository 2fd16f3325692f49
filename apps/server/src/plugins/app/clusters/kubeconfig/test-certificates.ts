import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

// Tests need certificates with chosen validity dates (an expired one included), which neither
// node:crypto nor the openssl 3.0 CLI makes directly; a small DER writer does, with no dependency.

export interface TestCertificateOptions {
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
  isCa?: boolean;
  keyType?: 'ec' | 'rsa';
}

export interface TestCertificate {
  certPem: string;
  /** PKCS#8 for EC keys (`BEGIN PRIVATE KEY`), PKCS#1 for RSA (`BEGIN RSA PRIVATE KEY`). */
  keyPem: string;
  privateKey: KeyObject;
}

const day = 24 * 60 * 60 * 1000;

/** A self-signed certificate and its key, valid from yesterday until next year unless told otherwise. */
export function makeTestCertificate(options: TestCertificateOptions = {}): TestCertificate {
  const keyType = options.keyType ?? 'ec';
  const { privateKey, publicKey } =
    keyType === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = keyType === 'ec' ? ecdsaWithSha256 : rsaWithSha256;
  const name = distinguishedName(options.commonName ?? 'bokujo-test');
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([1]), randomBytes(8)])),
    algorithm,
    name,
    sequence(time(options.notBefore ?? new Date(now - day)), time(options.notAfter ?? new Date(now + 365 * day))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    ...(options.isCa ? [explicit(3, sequence(basicConstraintsCa))] : []),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const keyPem = privateKey.export({ type: keyType === 'ec' ? 'pkcs8' : 'pkcs1', format: 'pem' }).toString();
  return { certPem: toPem('CERTIFICATE', der), keyPem, privateKey };
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const sequence = (...contents: Buffer[]) => tlv(0x30, ...contents);
const set = (...contents: Buffer[]) => tlv(0x31, ...contents);
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);
const bitString = (content: Buffer) => tlv(0x03, Buffer.from([0]), content);
const octetString = (content: Buffer) => tlv(0x04, content);
const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const booleanTrue = tlv(0x01, Buffer.from([0xff]));
const derNull = tlv(0x05);

function integer(bytes: Buffer): Buffer {
  // DER integers are signed: a leading byte with the high bit set needs a zero in front.
  const first = bytes[0] ?? 0;
  return tlv(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  // RFC 5280: UTCTime up to 2049, GeneralizedTime from 2050.
  return year < 2050 && year >= 1950 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

function distinguishedName(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String(commonName))));
}

const ecdsaWithSha256 = sequence(objectIdentifier('1.2.840.10045.4.3.2'));
const rsaWithSha256 = sequence(objectIdentifier('1.2.840.113549.1.1.11'), derNull);
const basicConstraintsCa = sequence(objectIdentifier('2.5.29.19'), booleanTrue, octetString(sequence(booleanTrue)));
