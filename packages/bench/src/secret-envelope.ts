import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// The envelope format of apps/server/src/plugins/app/store/secret-box.ts (`v1.<iv>.<tag>.<data>`,
// AES-256-GCM, the context as authenticated data). Kept here rather than imported so that the
// bench does not compile the server's store; a format change there makes the cloned clusters fail
// their health checks, which the cluster scenario reports.

export function sealSecret(key: Buffer, plaintext: string, context: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'))].join('.');
}

export function openSecret(key: Buffer, envelope: string, context: string) {
  const [version, iv, tag, data] = envelope.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a v1 secret-box envelope');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(context))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString();
}
