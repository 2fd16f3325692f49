import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes) — costly for a guesser, quick enough for a login.
// `algorithm: 2` is Argon2id (a const enum in the typings, which erasable TypeScript cannot import).
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string) {
  return hash(password, argon2Options);
}

// A hash to verify against when the user does not exist, so the response time does not tell.
const absentUserHash = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(passwordHash: string | null | undefined, password: string) {
  try {
    return await verify(passwordHash ?? (await absentUserHash), password);
  } catch {
    return false;
  }
}

/** A random secret for cookies and tokens; `prefix` makes leaked tokens recognisable to scanners. */
export function newSecret(prefix = '') {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets with 256 bits of entropy need no slow hash; SHA-256 keeps lookups by hash possible. */
export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameSecret(secret: string, expectedHash: string) {
  const actual = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newId(prefix: string) {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
