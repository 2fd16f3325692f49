import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from './store.ts';

const algorithm = 'aes-256-gcm';
const version = 'v1';
const keyCheckSetting = 'secret_box.key_check';
const keyCheckPlaintext = 'bokujo-secret-box';

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * Encrypts every secret Bokujo keeps (cluster credentials, provider secrets) with AES-256-GCM.
 * The context (e.g. `cluster:<id>:credential`) is authenticated data, so an envelope copied
 * onto another row fails to open instead of lending its secret there.
 */
export class SecretBox {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('The secret key must be 32 bytes');
    this.#key = key;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(algorithm, this.#key, iv).setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join('.');
  }

  open(envelope: string, context: string): string {
    const [tag, ivPart, authTagPart, ciphertextPart] = envelope.split('.');
    if (tag !== version || !ivPart || !authTagPart || ciphertextPart === undefined) {
      throw new SecretBoxError('Not a secret-box envelope');
    }
    try {
      const decipher = createDecipheriv(algorithm, this.#key, Buffer.from(ivPart, 'base64url'))
        .setAAD(Buffer.from(context))
        .setAuthTag(Buffer.from(authTagPart, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertextPart, 'base64url')), decipher.final()]).toString();
    } catch {
      throw new SecretBoxError('The secret cannot be opened with this key (wrong key or tampered data)');
    }
  }
}

function encodePart(part: string | Buffer) {
  return typeof part === 'string' ? part : part.toString('base64url');
}

/** Accepts 32 bytes as base64 (44 characters) or hex (64 characters). */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * The key comes from BOKUJO_SECRET_KEY, else from `secret.key` in the data dir, generated (mode
 * 0600) only for a store that has never held a secret. A missing or different key for a store that
 * has secrets stops the start: opening would only ever produce errors or, worse, silent garbage.
 */
export async function openSecretBox(db: Store, dataDir: string, configuredKey: Buffer | undefined) {
  const keyFile = join(dataDir, 'secret.key');
  const check = await db.selectFrom('settings').select('value').where('key', '=', keyCheckSetting).executeTakeFirst();
  const key = configuredKey ?? (await readKeyFile(keyFile)) ?? (check ? undefined : await createKeyFile(keyFile));
  if (!key) {
    throw new SecretBoxError(
      `This store holds encrypted secrets but no key was given: set BOKUJO_SECRET_KEY or restore ${keyFile}`,
    );
  }
  const box = new SecretBox(key);
  if (check) {
    try {
      box.open(check.value, keyCheckSetting);
    } catch {
      const source = configuredKey ? 'BOKUJO_SECRET_KEY' : keyFile;
      throw new SecretBoxError(`The secret key from ${source} is not the key this store was encrypted with`);
    }
  } else {
    // Replicas starting together on one new PostgreSQL store race to write the check: the first
    // write wins, and every other replica must hold that same key.
    await db
      .insertInto('settings')
      .values({ key: keyCheckSetting, value: box.seal(keyCheckPlaintext, keyCheckSetting) })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    const stored = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', keyCheckSetting)
      .executeTakeFirstOrThrow();
    try {
      box.open(stored.value, keyCheckSetting);
    } catch {
      throw new SecretBoxError(
        'Another server started on this store at the same moment with another secret key: give every server the same BOKUJO_SECRET_KEY',
      );
    }
  }
  return box;
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = parseSecretKey(text);
  if (!key) throw new SecretBoxError(`${path} does not hold a 32-byte key (base64 or hex)`);
  return key;
}

async function createKeyFile(path: string): Promise<Buffer> {
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
