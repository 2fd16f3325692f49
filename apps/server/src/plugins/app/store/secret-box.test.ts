import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../../test/each-store.ts';
import { openSecretBox, parseSecretKey, SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and never stores the plaintext', () => {
    const envelope = box.seal('token-abc', 'cluster:c1:credential');
    expect(envelope).not.toContain('token-abc');
    expect(box.open(envelope, 'cluster:c1:credential')).toBe('token-abc');
  });

  it('refuses an envelope moved to another context', () => {
    const envelope = box.seal('token-abc', 'cluster:c1:credential');
    expect(() => box.open(envelope, 'cluster:c2:credential')).toThrow(/wrong key or tampered/);
  });

  it('refuses a tampered envelope and a different key', () => {
    const envelope = box.seal('token-abc', 'ctx');
    const parts = envelope.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'ctx')).toThrow(/wrong key or tampered/);
    expect(() => new SecretBox(randomBytes(32)).open(envelope, 'ctx')).toThrow(/wrong key or tampered/);
  });

  it('parses keys as base64 or hex and refuses other lengths', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeUndefined();
  });
});

describeEachStore('openSecretBox', (store) => {
  it('generates a key file readable by the owner only on first start, and reuses it', async () => {
    const location = await store.newLocation();
    const { dataDir } = location;
    const db = await store.open(location);
    const first = await openSecretBox(db, dataDir, undefined);
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const envelope = first.seal('s', 'c');
    const second = await openSecretBox(db, dataDir, undefined);
    expect(second.open(envelope, 'c')).toBe('s');
    await db.destroy();
  });

  it('stops the start when the configured key is not the store key', async () => {
    const location = await store.newLocation();
    const { dataDir } = location;
    const db = await store.open(location);
    await openSecretBox(db, dataDir, randomBytes(32));
    await expect(openSecretBox(db, dataDir, randomBytes(32))).rejects.toThrow(
      'The secret key from BOKUJO_SECRET_KEY is not the key this store was encrypted with',
    );
    await db.destroy();
  });

  it('stops the start when the key file of a store with secrets is gone, instead of making a new key', async () => {
    const location = await store.newLocation();
    const { dataDir } = location;
    const db = await store.open(location);
    await openSecretBox(db, dataDir, undefined);
    await rm(join(dataDir, 'secret.key'));
    await expect(openSecretBox(db, dataDir, undefined)).rejects.toThrow(/no key was given: set BOKUJO_SECRET_KEY/);
    await db.destroy();
  });

  it('lets replicas starting together on one new store agree on the key, and stops one with another key', async () => {
    const location = await store.newLocation();
    const key = randomBytes(32);
    const replicas = await Promise.all([1, 2, 3].map(() => store.open(location)));
    const boxes = await Promise.all(replicas.map((db) => openSecretBox(db, location.dataDir, key)));
    const envelope = boxes[0]!.seal('shared', 'ctx');
    for (const box of boxes) expect(box.open(envelope, 'ctx')).toBe('shared');
    await expect(openSecretBox(replicas[1]!, location.dataDir, randomBytes(32))).rejects.toThrow(
      'The secret key from BOKUJO_SECRET_KEY is not the key this store was encrypted with',
    );
  });
});
